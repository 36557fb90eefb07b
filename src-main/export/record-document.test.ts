import { describe, expect, it } from 'vitest';
import { packSnapshot, sha256Hex } from '../content';
import { buildRecordDocument, RecordMismatchError } from './record-document';
import { CLINIC, completedPayload, PACK, storedRowOf } from './export-test-fixtures';

const snapshot = { content: packSnapshot(PACK), hash: PACK.hash };

describe('buildRecordDocument', () => {
  it('holds every page the client saw, in order, with the exact text from the verified snapshot', () => {
    const payload = completedPayload({ wrongFirst: true });
    const record = buildRecordDocument({
      row: storedRowOf(payload),
      payload,
      snapshot,
      clinic: CLINIC,
    });

    expect(record.pack).toEqual({
      id: PACK.id,
      version: PACK.version,
      hash: PACK.hash,
      title: PACK.toClient('en').title,
      contentVerified: true,
    });
    const pageSteps = payload.steps.filter((step) => step.kind === 'page');
    expect(record.pages.map((page) => page.stepId)).toEqual(pageSteps.map((step) => step.stepId));
    expect(record.pages.map((page) => page.msOnScreen)).toEqual(
      pageSteps.map((step) => step.msOnScreen),
    );
    expect(record.pages.every((page) => page.msOnScreen > 0 && page.visits === 1)).toBe(true);
    const sideEffects = record.pages.find((page) => page.stepId === 'side-effects');
    expect(sideEffects?.title).toBe('Side effects and safety');
    expect(sideEffects?.shown.map((shown) => shown.locale)).toEqual(['en']);
    expect(sideEffects?.shown[0]?.blocks).toContainEqual({
      kind: 'heading',
      text: 'Getting home safely',
    });

    expect(record.checks).toHaveLength(payload.checks.length);
    for (const check of record.checks) {
      expect(check.attempts.map((attempt) => attempt.correct)).toEqual([false, true]);
    }
    const first = payload.checks[0];
    expect(record.checks[0]?.attempts[1]?.answer).toBe(first?.attempts[1]?.optionLabel);
    expect(record.statements.map((s) => s.textSha256)).toEqual(
      payload.acknowledgements.map((s) => sha256Hex(s.text)),
    );
    expect(record.client).toEqual(payload.identity);
    expect(record.signature).toEqual({
      method: 'drawn',
      pngBase64: payload.signature?.pngBase64,
      typedName: payload.signature?.typedName,
      signedAt: payload.signature?.signedAt,
      meaning: payload.signature?.meaning,
      agreement: payload.signature?.agreement,
    });
    expect(record.signature?.meaning?.text).toMatch(/^By signing, I confirm/);
    expect(record.clinic).toEqual(CLINIC);
  });

  it('holds each questionnaire with its answers, totals, bands, alerts and the words the client saw', () => {
    const payload = completedPayload();
    const record = buildRecordDocument({
      row: storedRowOf(payload),
      payload,
      snapshot,
      clinic: CLINIC,
    });

    expect(record.questionnaires.map((q) => q.instrument)).toEqual([
      { id: 'phq-9', code: '44249-1', system: 'http://loinc.org' },
      { id: 'gad-7', code: '69737-5', system: 'http://loinc.org' },
    ]);
    const [phq9, gad7] = record.questionnaires;
    expect(phq9?.title).toBe('How you have been feeling');
    expect(gad7?.title).toBe('How anxious you have been feeling');
    expect(phq9?.copyright).toMatch(/^Developed by Drs\. Robert L\. Spitzer/);
    expect(phq9?.items[0]?.code).toBe('44250-9');
    expect(phq9?.items[0]?.answer?.code).toMatch(/^LA\d+-\d$/);
    expect(phq9?.totals.map((total) => total.code)).toEqual(['44261-6']);
    expect(gad7?.totals.map((total) => total.code)).toEqual(['70274-6']);
    const sealed = payload.questionnaires;
    expect(record.questionnaires.map((q) => q.totals)).toEqual(sealed.map((q) => q.totals));
    expect(record.questionnaires.map((q) => q.alerts)).toEqual(sealed.map((q) => q.rulesFired));
    expect(record.questionnaires.map((q) => q.answeredAt)).toEqual(sealed.map((q) => q.answeredAt));
  });

  it('names a questionnaire by its instrument id, with no copyright line, without the pack text', () => {
    const payload = completedPayload();
    const record = buildRecordDocument({
      row: storedRowOf(payload),
      payload,
      snapshot: undefined,
      clinic: CLINIC,
    });
    expect(record.questionnaires.map((q) => q.title)).toEqual(['phq-9', 'gad-7']);
    expect(record.questionnaires.every((q) => q.copyright === undefined)).toBe(true);
  });

  it('has no questionnaires for a record sealed before they existed', () => {
    const payload = { ...completedPayload(), questionnaires: [] };
    const record = buildRecordDocument({
      row: storedRowOf(payload),
      payload,
      snapshot,
      clinic: CLINIC,
    });
    expect(record.questionnaires).toEqual([]);
  });

  it('says plainly that the text is unavailable when the kiosk has no snapshot', () => {
    const payload = completedPayload();
    const record = buildRecordDocument({
      row: storedRowOf(payload),
      payload,
      snapshot: undefined,
      clinic: CLINIC,
    });
    expect(record.pack.contentVerified).toBe(false);
    expect(record.pack.title).toBe(PACK.id);
    for (const page of record.pages) {
      expect(page.shown[0]?.blocks).toHaveLength(1);
      expect(page.shown[0]?.blocks[0]?.text).toMatch(/^The text of this page is not available/);
    }
  });

  it('never shows the text of a snapshot that fails verification', () => {
    const payload = completedPayload();
    const tampered = snapshot.content.replace('do not drive', 'feel free to drive');
    expect(tampered).not.toBe(snapshot.content);
    const record = buildRecordDocument({
      row: storedRowOf(payload),
      payload,
      snapshot: { content: tampered, hash: PACK.hash },
      clinic: CLINIC,
    });
    expect(record.pack.contentVerified).toBe(false);
    const text = JSON.stringify(record.pages);
    expect(text).not.toContain('feel free to drive');
    expect(text).not.toContain('Getting home safely');
    expect(record.pages[0]?.shown[0]?.blocks[0]?.text).toMatch(/does not match the SHA-256/);

    // A snapshot of another pack version, however intact, is not the text this client saw.
    const other = buildRecordDocument({
      row: storedRowOf(payload),
      payload,
      snapshot: { content: 'another version', hash: sha256Hex('another version') },
      clinic: CLINIC,
    });
    expect(other.pack.contentVerified).toBe(false);
  });

  it('refuses a row whose stored metadata disagrees with its sealed record', () => {
    const payload = completedPayload();
    const other = completedPayload();
    expect(() =>
      buildRecordDocument({ row: storedRowOf(other), payload, snapshot, clinic: CLINIC }),
    ).toThrow(RecordMismatchError);
    const edited = { ...storedRowOf(payload), submittedAt: '2020-01-01T00:00:00.000Z' };
    expect(() => buildRecordDocument({ row: edited, payload, snapshot, clinic: CLINIC })).toThrow(
      /submission time/,
    );
  });

  it('carries the row’s previous export time', () => {
    const payload = completedPayload();
    const record = buildRecordDocument({
      row: storedRowOf(payload, '2025-04-01T00:00:00.000Z'),
      payload,
      snapshot,
      clinic: CLINIC,
    });
    expect(record.exportedAt).toBe('2025-04-01T00:00:00.000Z');
  });
});
