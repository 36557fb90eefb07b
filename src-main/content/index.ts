/**
 * Content packs: load, validate, hash and render the education programme a client reads, and
 * the clinic profile shown beside it. Runs under plain Node; imports nothing from electron.
 */
export { localText, resolveLocale, type LocalText } from './local-text';
export type { Pack, PackStep } from './pack-model';
export { PackError } from './pack-error';
export { loadPack, type LoadPackOptions } from './load-pack';
export type { PackMediaFile } from './media-file';
export {
  answerMediaRequest,
  mediaLibraryOf,
  type MediaAnswer,
  type MediaLibrary,
  type MediaRequest,
} from './media-library';
export { MEDIA_BASES, MEDIA_SCHEME, parseMediaPath, type MediaBase } from './media-path';
export { loadProgrammes, programmesOf, type Programmes } from './programmes';
export { loadClinicProfile } from './clinic-profile';
export { sha256Hex } from './canonical-hash';
export { DEFAULT_PACK_ID, defaultResourcesDir } from './resources-dir';
export * from './snapshot';
export * from './questionnaire-schema';
export { answersMeeting, compare, showWhenOf } from './questionnaire-client';
export { signingDisclosure, typedSignatureIntent } from './signature-intent';
