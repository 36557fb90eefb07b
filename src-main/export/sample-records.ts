/**
 * Realistic submissions for tests and the export benchmark: the real content pack, a submission
 * made by walking a real `ClientSession` through it (with a clock that moves), and a
 * drawn-looking signature PNG. Not used by the app itself.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { ClientSession } from '../consent/client-session';
import { visitStep, type StepVisitor } from '../consent/step-walker';
import {
  submissionMetadataOf,
  submissionRowOf,
  type SubmissionPayload,
} from '../consent/submission-payload';
import {
  DEFAULT_PACK_ID,
  defaultResourcesDir,
  loadPack,
  packSnapshot,
  type Pack,
  type PackStep,
} from '../content';
import type { ClinicInfo, RecordDocument } from '../contract';
import { demoAnswers } from '../intake';
import type { SubmissionRow, Vault } from '../vault';
import { buildRecordDocument } from './record-document';

export const PACK: Pack = loadPack(join(defaultResourcesDir(), 'content', DEFAULT_PACK_ID));

/** The default treatment-day check-in: details and questionnaires, no education or signature. */
export const CHECK_IN_PACK: Pack = loadPack(
  join(defaultResourcesDir(), 'content', 'ketamine-check-in'),
);

export const CLINIC: ClinicInfo = {
  name: 'Awaken Clinic',
  addressLines: ['75 Gilcreast Rd. Suite 303', 'Londonderry, NH 03053'],
  hours: 'Monday to Friday',
  phone: '+1 603 555 0100',
  email: 'front-desk@example.org',
  timeZone: 'America/New_York',
};

/**
 * An RGBA PNG of a few pen strokes on a transparent ground, as a signature pad's canvas writes
 * one (8-bit, colour type 6, not interlaced). `corrupt` breaks the compressed data but keeps
 * every chunk CRC right, the case pdfkit would choke on asynchronously.
 */
export function signaturePng(options: { corrupt?: boolean } = {}): Buffer {
  const width = 300;
  const height = 100;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const onStroke =
        Math.abs(y - (50 + 30 * Math.sin(x / 20))) < 2 || (x > 200 && Math.abs(x - 200 - y) < 2);
      if (onStroke) {
        raw.set([20, 20, 60, 255], y * (width * 4 + 1) + 1 + x * 4);
      }
    }
  }
  let data = zlib.deflateSync(raw);
  if (options.corrupt === true) {
    data = Buffer.from(data);
    data.fill(0xff, 2, 40);
  }
  const chunk = (type: string, body: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', data),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface PayloadOptions {
  /** Written into the payload as it is, bypassing the consent flow's name rules. */
  fullName?: string;
  dateOfBirth?: string;
  startedAt?: string;
  kioskId?: string;
  /** Answer each comprehension question wrongly once before answering it right. */
  wrongFirst?: boolean;
  signaturePngBase64?: string;
  /** Sign by typing the name (with the statement of intent), as a client who cannot draw. */
  signByTyping?: boolean;
  /** The pack walked through; the default pack unless given. */
  pack?: Pack;
  /** The client switches to language `to` a couple of seconds into step `onStep`. */
  switchLocale?: { onStep: string; to: string };
}

/**
 * A complete submission made by the real consent code: every step of the pack entered in
 * order, a few seconds apart, checks answered, statements confirmed, identity and signature.
 */
export function completedPayload(options: PayloadOptions = {}): SubmissionPayload {
  let clock = Date.parse(options.startedAt ?? '2025-03-04T15:00:00.000Z');
  const now = (): Date => new Date(clock);
  const pack = options.pack ?? PACK;
  const session = new ClientSession(randomUUID(), pack, 'en', now);
  const answer: StepVisitor<PackStep, void> = {
    page: () => undefined,
    video: (step) => {
      // Watched through once: the clock moves by the video's length as the player plays it.
      const seconds = pack.media.get(step.file)?.durationSeconds ?? 30;
      clock += Math.ceil(seconds * 1000);
      session.videoProgress(step.id, {
        played: [[0, seconds]],
        durationSeconds: seconds,
        ended: true,
      });
    },
    check: (step) => {
      const wrong = step.options.find((option) => option.id !== step.correctOptionId);
      if (options.wrongFirst === true && wrong) {
        clock += 3000;
        session.answerCheck(step.id, wrong.id);
      }
      clock += 2500;
      session.answerCheck(step.id, step.correctOptionId);
    },
    acknowledge: (step) => {
      clock += 6000;
      session.acknowledge(
        step.id,
        step.statements.map((statement) => statement.id),
      );
    },
    questionnaire: (step) => {
      clock += 20_000;
      session.answerQuestionnaire(step.id, demoAnswers(step, 42, 0.5));
    },
    identity: () => {
      session.setIdentity('Ada Lovelace', '1985-12-10');
    },
    signature: () => {
      if (options.signByTyping === true) {
        session.setSignature({
          method: 'typed',
          imageDataUrl: '',
          inkLength: 0,
          typedName: 'Ada Lovelace',
          intentConfirmed: true,
          disclosureAccepted: true,
        });
        return;
      }
      session.setSignature({
        imageDataUrl: `data:image/png;base64,${signaturePng().toString('base64')}`,
        inkLength: 640,
        typedName: 'Ada Lovelace',
        disclosureAccepted: true,
      });
    },
    review: () => undefined,
  };
  pack.steps.forEach((step, index) => {
    clock += 4000 + index * 1234;
    session.enterStep(step.id);
    if (options.switchLocale?.onStep === step.id) {
      clock += 2000;
      session.setLocale(options.switchLocale.to);
    }
    visitStep(step, answer);
  });
  clock += 1500;
  const payload = session.complete(randomUUID(), options.kioskId ?? randomUUID());
  const fullName = options.fullName ?? payload.identity.fullName;
  return {
    ...payload,
    identity: { fullName, dateOfBirth: options.dateOfBirth ?? payload.identity.dateOfBirth },
    signature: payload.signature && {
      ...payload.signature,
      typedName: fullName,
      ...(options.signaturePngBase64 === undefined
        ? {}
        : { pngBase64: options.signaturePngBase64 }),
    },
  };
}

/** Seals and stores `payload` as the consent flow does (session-channels.ts). */
export function storePayload(vault: Vault, payload: SubmissionPayload): void {
  vault.insertSubmission(submissionRowOf(payload));
}

/** The row the vault would return for `payload` (its sealed box a stand-in: nothing opens it). */
export function storedRowOf(
  payload: SubmissionPayload,
  exportedAt: string | null = null,
): SubmissionRow {
  return {
    ...submissionMetadataOf(payload),
    kioskId: payload.kioskId,
    exportedAt,
    sealed: new Uint8Array(1),
  };
}

/** `payload` as its record document, with its pack's stored text (unless `verified` is false). */
export function sampleRecord(
  payload: SubmissionPayload,
  { pack = PACK, verified = true }: { pack?: Pack; verified?: boolean } = {},
): RecordDocument {
  return buildRecordDocument({
    row: storedRowOf(payload),
    payload,
    snapshot: verified ? { content: packSnapshot(pack), hash: pack.hash } : undefined,
    clinic: CLINIC,
  });
}

export function saveSnapshot(vault: Vault, pack: Pack = PACK): void {
  vault.saveContentSnapshot({
    hash: pack.hash,
    packId: pack.id,
    packVersion: pack.version,
    content: packSnapshot(pack),
  });
}
