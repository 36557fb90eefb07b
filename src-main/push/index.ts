/**
 * FHIR push to the clinic's server (README, "Sending records to the clinic's FHIR server"):
 * one transaction Bundle per record, SMART Backend Services auth, outcomes recorded and audited.
 */
export { ensurePushKey, pushJwks, rotatePushKey, type PushKey } from './push-key';
export { createRecordPusher, outcomeText, type RecordPusher } from './push-record';
export {
  createPushService,
  type PushRunRequest,
  type PushRunResult,
  type PushService,
} from './push-service';
export { submittedRecord } from './submitted-record';
