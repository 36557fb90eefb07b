/**
 * What one client's submission holds: the evidence an auditor needs to see exactly what the
 * client saw, answered, confirmed and signed. Stored as JSON in the vault's `payload` column.
 */
import type { Identity } from './identity';
import type { Signature } from './signature';

export const PAYLOAD_FORMAT = 'clinic-kiosk/submission@1';

export interface StepTiming {
  stepId: string;
  kind: string;
  title: string;
  visits: number;
  /** Milliseconds on screen, measured by main's clock between step changes. */
  msOnScreen: number;
}

export interface CheckAttempt {
  optionId: string;
  optionLabel: string;
  correct: boolean;
  at: string;
}

export interface CheckRecord {
  stepId: string;
  question: string;
  attempts: CheckAttempt[];
}

export interface AcknowledgementRecord {
  stepId: string;
  statementId: string;
  /** The exact text shown, and its SHA-256, so a later edit of the pack cannot change it. */
  text: string;
  textSha256: string;
  confirmedAt: string;
}

export interface SubmissionPayload {
  format: typeof PAYLOAD_FORMAT;
  submissionId: string;
  kioskId: string;
  pack: { id: string; version: string; hash: string };
  locale: string;
  startedAt: string;
  submittedAt: string;
  steps: StepTiming[];
  checks: CheckRecord[];
  acknowledgements: AcknowledgementRecord[];
  identity: Identity;
  signature: Signature & { signedAt: string };
}
