/**
 * The test pack in two languages (test/fixtures/packs/bilingual: English and Spanish, every step
 * kind), for the tests of a client switching language during a session: small, and fixed, so
 * those tests name its words and do not move when the default packs' wording does.
 */
import { resolve } from 'node:path';
import { loadPack, type Pack } from '../../src-main/content';

/** A folder of content packs, as `KioskAppOptions.contentDir` and `--content-dir` take it. */
export const FIXTURE_CONTENT_DIR = resolve(import.meta.dirname, '../fixtures/packs');
export const BILINGUAL_PACK_ID = 'bilingual';

export const BILINGUAL_PACK: Pack = loadPack(resolve(FIXTURE_CONTENT_DIR, BILINGUAL_PACK_ID));
