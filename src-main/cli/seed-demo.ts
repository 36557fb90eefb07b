/**
 * Synthetic submissions for demos and benchmarks. They walk the real API, step by step, so
 * every seeded record has the shape and validation of a real one, and every name says FAKE.
 */
import type { KioskApp } from '../kiosk-app';
import { callOrThrow } from '../api';

// A 1×1 PNG: enough to pass the signature's format check, plainly not anybody's signature.
const FAKE_SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** `Aab`, `Aac`, …: names may not hold digits, so the sequence number is spelt in letters. */
export function fakeName(index: number): string {
  let n = index;
  let word = '';
  do {
    word = (LETTERS[n % LETTERS.length] ?? 'a') + word;
    n = Math.floor(n / LETTERS.length);
  } while (n > 0);
  return `Fake Demo-Client ${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

export async function seedDemo(app: KioskApp, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const { sessionId } = await callOrThrow(app, 'session.start', {
      locale: app.pack.defaultLocale,
    });
    const fullName = fakeName(index);
    for (const step of app.pack.steps) {
      await callOrThrow(app, 'session.enterStep', { sessionId, stepId: step.id });
      switch (step.kind) {
        case 'check':
          await callOrThrow(app, 'session.answerCheck', {
            sessionId,
            stepId: step.id,
            optionId: step.correctOptionId,
          });
          break;
        case 'acknowledge':
          await callOrThrow(app, 'session.acknowledge', {
            sessionId,
            stepId: step.id,
            statementIds: step.statements.map((statement) => statement.id),
          });
          break;
        case 'identity':
          await callOrThrow(app, 'session.setIdentity', {
            sessionId,
            fullName,
            dateOfBirth: '1900-01-01',
          });
          break;
        case 'signature':
          await callOrThrow(app, 'session.setSignature', {
            sessionId,
            imageDataUrl: FAKE_SIGNATURE,
            inkLength: 500,
            typedName: fullName,
          });
          break;
        case 'page':
        case 'review':
          break;
      }
    }
    ids.push((await callOrThrow(app, 'session.submit', { sessionId })).submissionId);
  }
  return ids;
}
