export { ClientSession } from './client-session';
export { SessionRegistry } from './session-registry';
export { checkIdentity, localDate, normaliseName, type Identity } from './identity';
export { checkSignature, type Signature } from './signature';
export * from './submission-payload';
