import { describe, expect, it } from 'vitest';
import { parsePdf, squash } from '../../test/support/pdf-text';
import type { SubmissionPayload } from '../consent';
import { formatLocalDateTime } from '../../src-shared/clinic-time';
import {
  CHECK_IN_PACK,
  CLINIC,
  completedPayload,
  PACK,
  sampleRecord,
} from '../export/sample-records';
import { clientCopyOf } from './client-copy';
import { renderClientCopyPdf } from './client-copy-pdf';

function recordOf(payload: SubmissionPayload, pack = PACK) {
  return sampleRecord(payload, { pack });
}

async function copyText(payload: SubmissionPayload, pack = PACK): Promise<string> {
  const pdf = await parsePdf(await renderClientCopyPdf(clientCopyOf(recordOf(payload, pack))));
  return squash([...pdf.bodies, ...pdf.footers].join(' '));
}

describe("the client's copy", () => {
  it('holds what the client confirmed, answered and signed, with the meaning and the local time', async () => {
    const payload = completedPayload();
    const text = await copyText(payload);
    const signature = payload.signature;
    if (!signature?.meaning || !signature.agreement) {
      throw new Error('the sample record has no meaning or agreement');
    }
    for (const expected of [
      CLINIC.name,
      'Your copy',
      payload.identity.fullName,
      'December 10, 1985',
      ...payload.acknowledgements.map((statement) => statement.text),
      // Each answer as the client chose it, beside its question.
      ...payload.questionnaires.flatMap((questionnaire) =>
        questionnaire.items.flatMap((item) => [item.text, item.answer?.label ?? '']),
      ),
      'What your signature means',
      signature.meaning.text,
      signature.agreement.text,
      signature.meaning.textSha256,
      `Printed name: ${signature.typedName}`,
      `Signed: ${formatLocalDateTime(signature.signedAt, 'en-US', CLINIC.timeZone)}`,
    ]) {
      expect(text, expected).toContain(squash(expected));
    }
  });

  it('leaves out scores, bands, alerts and everything staff-only', async () => {
    const payload = completedPayload();
    const record = recordOf(payload);
    const copy = clientCopyOf(record);
    // By construction: the copy's type has no place for them.
    expect(JSON.stringify(copy)).not.toMatch(/"score"|"band"|"totals"|"alerts"|"msOnScreen"/);
    const text = await copyText(payload);
    for (const staffOnly of [
      ...record.questionnaires.flatMap((questionnaire) =>
        questionnaire.totals.flatMap((total) => [total.label, total.band]),
      ),
      'Alerts raised',
      record.pack.hash,
      record.kioskId,
    ]) {
      expect(text, staffOnly).not.toContain(squash(staffOnly));
    }
  });

  it("is in the client's language when they signed in Spanish, with each text as they saw it", async () => {
    const first = PACK.steps[0]?.id ?? '';
    const payload = completedPayload({ switchLocale: { onStep: first, to: 'es' } });
    const text = await copyText(payload);
    expect(payload.signature?.meaning?.locale).toBe('es');
    for (const expected of [
      'Su copia',
      'Lo que significa su firma',
      'Al firmar, confirmo que leí estas páginas y que estoy de acuerdo con las frases que marqué.',
      'Fecha de nacimiento: 10 de diciembre de 1985',
      `Firmado: ${formatLocalDateTime(payload.signature?.signedAt ?? '', 'es', CLINIC.timeZone)}`,
      ...payload.acknowledgements.map((statement) => statement.text),
    ]) {
      expect(text, expected).toContain(squash(expected));
    }
    expect(text).not.toContain(squash('What your signature means'));
  });

  it('says a programme without a signature step asks for none', async () => {
    const payload = completedPayload({ pack: CHECK_IN_PACK });
    const text = await copyText(payload, CHECK_IN_PACK);
    expect(text).toContain(squash('This program does not ask for a signature.'));
    expect(text).toContain(squash(payload.identity.fullName));
  });

  it('is the same bytes for the same record', async () => {
    const record = recordOf(completedPayload());
    const first = await renderClientCopyPdf(clientCopyOf(record));
    expect((await renderClientCopyPdf(clientCopyOf(record))).equals(first)).toBe(true);
  });
});
