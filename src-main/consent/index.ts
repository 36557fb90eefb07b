export { ClientSession } from './client-session';
export { SessionRegistry } from './session-registry';
export { checkIdentity, localDate, type Identity } from './identity';
export { normaliseName } from '../person-name';
export { checkSignature, type Signature } from './signature';
export { visitStep, type StepKind, type StepOfKind, type StepVisitor } from './step-walker';
export * from './submission-payload';
export { openOutlines, type OutlinedRecord } from './parallel-open';
