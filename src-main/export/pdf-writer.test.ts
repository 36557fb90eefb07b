import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { parsePdf, squash } from '../../test/support/pdf-text';
import { MEDIA_PACK_ID, PICTURE_ALT, writeMediaPack } from '../../test/support/media-pack';
import { loadPack } from '../content';
import type { SubmissionPayload } from '../consent/submission-payload';
import type { RecordDocument } from '../contract';
import { formatLocalDateTime } from '../../src-shared/clinic-time';
import { readRecordFingerprint } from './pdf-fingerprint';
import { describeReading } from './reading-time';
import { renderRecordPdf } from './pdf-writer';
import { sealedRecordSha256 } from './record-document';
import {
  CHECK_IN_PACK,
  CLINIC,
  completedPayload,
  PACK,
  sampleRecord,
  signaturePng,
} from './export-test-fixtures';
import { BILINGUAL_PACK } from '../../test/support/bilingual-pack';
import { PdfLayouts } from './pdf-layouts';
import { checkPng } from './signature-image';

function recordOf(payload: SubmissionPayload, verified = true, pack = PACK): RecordDocument {
  return sampleRecord(payload, { pack, verified });
}

describe('PDF export of one record', () => {
  it('prints the sealed record’s SHA-256 and keeps it, with the record id, in the metadata', async () => {
    const payload = completedPayload();
    const record = recordOf(payload);
    const bytes = await renderRecordPdf(record);
    const pdf = await parsePdf(bytes);
    expect(record.recordSha256).toBe(sealedRecordSha256(payload));
    expect(squash(pdf.bodies.join(' '))).toContain(
      squash(`SHA-256 of the sealed record this PDF was made from: ${record.recordSha256}`),
    );
    expect(pdf.info.Keywords).toBe(
      `clinic-kiosk-record-sha256:${record.recordSha256} clinic-kiosk-submission:${record.submissionId}`,
    );
    expect(readRecordFingerprint(bytes)).toEqual({
      recordSha256: record.recordSha256,
      submissionId: record.submissionId,
    });
    // Another record, another fingerprint: a change anywhere in what was sealed changes it.
    const other = completedPayload({ wrongFirst: true });
    expect(recordOf(other).recordSha256).not.toBe(record.recordSha256);
  });

  it('flags pages read faster than their words allow, and only those', async () => {
    const payload = completedPayload();
    const [first, second] = payload.steps.filter((step) => step.kind === 'page');
    for (const step of payload.steps) {
      if (step.kind === 'page' && step !== first) {
        // Ten minutes a page: more than any default page needs.
        step.msOnScreen = 600_000;
        step.shownIn = step.shownIn.map((shown) => ({ ...shown, msOnScreen: 600_000 }));
      }
    }
    const record = recordOf(payload);
    const flagged = record.pages.filter((page) => page.reading.tooFast);
    expect(flagged.map((page) => page.stepId)).toEqual([first?.stepId]);
    const all = squash((await parsePdf(await renderRecordPdf(record))).bodies.join(' '));
    expect(all).toContain(squash('Reading time worth noticing (1)'));
    const page = flagged[0];
    expect(page?.reading.words).toBeGreaterThan(100);
    expect(all).toContain(squash(`${page?.title ?? ''}: ${page ? describeReading(page) : ''}.`));
    expect(all).not.toContain(squash(`${second?.title ?? ''}: read in`));
  });

  it('shows the clinic, the client, every page’s exact text, every attempt and statement, and the signature', async () => {
    const payload = completedPayload({ wrongFirst: true });
    const record = recordOf(payload);
    const pdf = await parsePdf(await renderRecordPdf(record));
    const all = squash(pdf.bodies.join(' '));

    expect(pdf.pages).toBeGreaterThan(3);
    for (const expected of [
      CLINIC.name,
      ...CLINIC.addressLines,
      'Ada Lovelace',
      // The date of birth as the screens write it, not as stored (1985-12-10).
      'Date of birth: December 10, 1985',
      record.submissionId,
      PACK.hash,
      `${PACK.id}, version ${PACK.version}`,
    ]) {
      expect(all, expected).toContain(squash(expected));
    }
    expect(all).toContain(squash('Verified: Yes.'));
    for (const page of record.pages) {
      expect(all, page.stepId).toContain(squash(page.title));
      for (const block of page.shown.flatMap((shown) => shown.blocks)) {
        expect(all, `${page.stepId}: ${block.text}`).toContain(
          squash(block.text.replace(/^\d+\. /, '')),
        );
      }
    }
    for (const check of record.checks) {
      expect(all).toContain(squash(check.question));
      for (const attempt of check.attempts) {
        expect(all).toContain(squash(`Answer: ${attempt.answer}`));
      }
    }
    expect(all).toContain(squash('Attempt 1,'));
    expect(all).toContain(squash('not correct'));
    for (const statement of record.statements) {
      expect(all).toContain(squash(statement.text));
      expect(all).toContain(statement.textSha256);
    }
    expect(pdf.images.some(Boolean)).toBe(true);

    pdf.footers.forEach((footer, index) => {
      expect(footer, `page ${index + 1}`).toContain('Ada Lovelace');
      expect(footer).toContain('born December 10, 1985');
      expect(footer).toContain(`${PACK.id} version ${PACK.version}`);
      expect(footer).toContain(`page ${index + 1} of ${pdf.pages}`);
    });

    expect(pdf.info.Title).toBe(`Consent record: Ada Lovelace, ${record.submittedAt.slice(0, 10)}`);
    expect(pdf.info.Creator).toBe('Clinic Kiosk');
    const stamp = record.submittedAt.slice(0, 19).replace(/[-:T]/g, '');
    expect(String(pdf.info.CreationDate)).toContain(`D:${stamp}`);
  });

  it('shows each questionnaire: its items and answers, every total with its band, the alerts and the copyright line', async () => {
    const record = recordOf(completedPayload());
    const pdf = await parsePdf(await renderRecordPdf(record));
    const all = squash(pdf.bodies.join(' '));

    expect(record.questionnaires).toHaveLength(2);
    for (const questionnaire of record.questionnaires) {
      expect(all).toContain(squash(`Questionnaire: ${questionnaire.title}`));
      for (const item of questionnaire.items) {
        expect(all, item.itemId).toContain(squash(item.text));
        const { answer } = item;
        if (answer?.label !== undefined) {
          expect(all).toContain(squash(`Answer: ${answer.label} (score ${answer.score ?? ''})`));
        }
      }
      for (const total of questionnaire.totals) {
        expect(total.band).not.toBe('');
        expect(all).toContain(squash(`${total.label}: ${total.score}, ${total.band}`));
      }
      for (const fired of questionnaire.alerts) {
        expect(all).toContain(squash(`${fired.alert} (rule ${fired.ruleId})`));
      }
      expect(questionnaire.copyright).toMatch(/Spitzer/);
      expect(all).toContain(squash(questionnaire.copyright ?? ''));
    }
    expect(all).toContain(squash('Alerts raised:'));
  });

  it('has no questionnaire section for a record made before questionnaires', async () => {
    const record = recordOf({ ...completedPayload(), questionnaires: [] });
    const pdf = await parsePdf(await renderRecordPdf(record));
    expect(squash(pdf.bodies.join(' '))).not.toContain('Questionnaire:');
  });

  it('prints beside the signature what it meant and the disclosure accepted, with their SHA-256, and the local time', async () => {
    const payload = completedPayload();
    const { signature } = payload;
    if (!signature?.meaning || !signature.agreement) {
      throw new Error('the sample record has no meaning or agreement');
    }
    const all = squash((await parsePdf(await renderRecordPdf(recordOf(payload)))).bodies.join(' '));
    for (const expected of [
      `Meaning of the signature, as shown: ${signature.meaning.text}`,
      `SHA-256 of this text: ${signature.meaning.textSha256}`,
      `Electronic signing, accepted before signing: ${signature.agreement.text}`,
      `SHA-256 of this text: ${signature.agreement.textSha256}`,
      `Signed: ${formatLocalDateTime(signature.signedAt, 'en-US', CLINIC.timeZone)} (${signature.signedAt.slice(0, 10)}`,
    ]) {
      expect(all, expected).toContain(squash(expected));
    }
    // A record sealed before the kiosk showed them says so instead of printing nothing.
    const older = structuredClone(payload);
    delete older.signature?.meaning;
    delete older.signature?.agreement;
    const olderText = squash(
      (await parsePdf(await renderRecordPdf(recordOf(older)))).bodies.join(' '),
    );
    expect(olderText).toContain(
      squash(
        'Meaning of the signature, as shown: not recorded (this record was made before the kiosk showed it)',
      ),
    );
  });

  it('shows a signature made by typing the name: the method and the statement confirmed, no image', async () => {
    const payload = completedPayload({ signByTyping: true });
    expect(payload.signature?.method).toBe('typed');
    const pdf = await parsePdf(await renderRecordPdf(recordOf(payload)));
    const all = squash(pdf.bodies.join(' '));
    expect(all).toContain(squash('Typed name, with the statement of intent below confirmed'));
    expect(all).toContain(squash(payload.signature?.intent?.text ?? 'no statement'));
    expect(all).toContain(squash('Typed name: Ada Lovelace'));
    expect(pdf.images.some(Boolean)).toBe(false);
    // A drawn one says so, with its image.
    const drawn = await parsePdf(await renderRecordPdf(recordOf(completedPayload())));
    expect(squash(drawn.bodies.join(' '))).toContain(squash('Method: Drawn on the screen'));
    expect(drawn.images.some(Boolean)).toBe(true);
  });

  it('says a treatment-day check-in took no signature, and shows its questionnaires', async () => {
    const payload = completedPayload({ pack: CHECK_IN_PACK });
    expect(payload.signature).toBeNull();
    const pdf = await parsePdf(await renderRecordPdf(recordOf(payload, true, CHECK_IN_PACK)));
    const all = squash(pdf.bodies.join(' '));
    expect(all).toContain(squash('Check-in record'));
    expect(all).not.toContain(squash('Consent record'));
    expect(pdf.info.Title).toMatch(/^Check-in record: /);
    expect(all).toContain(squash('Not asked (no signature step)'));
    expect(all).toContain(squash('This program asks for no signature'));
    expect(all).toContain(squash('Safety check for today'));
    expect(all).toContain(squash('Do you have a ride home today with an adult you trust?'));
    expect(all).toContain(squash('PHQ-9 total score'));
    // No signature image: nothing is painted but text.
    expect(pdf.images.some(Boolean)).toBe(false);
  });

  it('shows each video watched with its seconds, completion and file hash, and names each picture', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-pdf-media-'));
    try {
      writeMediaPack(path.join(root, MEDIA_PACK_ID), inject('mediaCacheDir'));
      const pack = loadPack(path.join(root, MEDIA_PACK_ID));
      const pdf = await parsePdf(
        await renderRecordPdf(recordOf(completedPayload({ pack }), true, pack)),
      );
      const all = squash(pdf.bodies.join(' '));
      expect(all).toContain(squash('Videos the client saw (1)'));
      expect(all).toContain(squash('A short video'));
      expect(all).toContain(squash('Watched 3.0 s of 3.0 s: watched to the end.'));
      expect(all).toContain(pack.media.get('media/intro.webm')?.sha256);
      expect(all).toContain(squash(`Picture: ${PICTURE_ALT}`));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('has no video section for a record of a pack without video', async () => {
    const pdf = await parsePdf(await renderRecordPdf(recordOf(completedPayload())));
    expect(squash(pdf.bodies.join(' '))).not.toContain('Videos');
  });

  it('draws a client’s markup as text, has no scripts or actions, and is deterministic', async () => {
    const name = '<script>alert(1)</script> & "Robert\'); DROP TABLE"';
    const record = recordOf(completedPayload({ fullName: name }));
    const bytes = await renderRecordPdf(record);
    const pdf = await parsePdf(bytes);
    expect(pdf.bodies[0]).toContain('<script>alert(1)</script>');
    expect(pdf.footers.every((footer) => footer.includes('<script>alert(1)</script>'))).toBe(true);
    const raw = bytes.toString('latin1');
    for (const key of ['/JavaScript', '/JS', '/OpenAction', '/AA', '/Launch', '/URI', '/Annots']) {
      expect(raw, key).not.toContain(key);
    }
    expect((await renderRecordPdf(record)).equals(bytes)).toBe(true);
  });

  it('gives a record the same bytes alone, first in an export, and after other records (shared word layouts)', async () => {
    const record = recordOf(completedPayload({ fullName: 'Ada Lovelace' }));
    const alone = await renderRecordPdf(record);
    const layouts = new PdfLayouts();
    expect((await renderRecordPdf(record, layouts)).equals(alone)).toBe(true);
    // Other words and glyphs, laid out into the export's shared layouts between the two.
    for (let i = 0; i < 10; i++) {
      await renderRecordPdf(
        recordOf(
          completedPayload({ fullName: `Ωmega Ünïcode Łódź ${String(i)}`, wrongFirst: true }),
        ),
        layouts,
      );
    }
    expect((await renderRecordPdf(record, layouts)).equals(alone)).toBe(true);
  }, 60_000);

  it('keeps characters the font lacks by naming their code points, and cuts a very long name in the footer', async () => {
    const name = `Mei 中文 ${'Long'.repeat(100)}`;
    const pdf = await parsePdf(
      await renderRecordPdf(recordOf(completedPayload({ fullName: name }))),
    );
    expect(pdf.bodies[0]).toContain('U+4E2D U+6587');
    expect(pdf.footers.every((footer) => /page \d+ of \d+/.test(footer))).toBe(true);
    expect(pdf.footers[0]?.length).toBeLessThan(200);
  });

  it('says so when the page text is not verified', async () => {
    const pdf = await parsePdf(await renderRecordPdf(recordOf(completedPayload(), false)));
    const all = squash(pdf.bodies.join(' '));
    expect(all).toContain(squash('Verified: No.'));
    expect(all).toContain(squash('The text of this page is not available'));
    expect(all).not.toContain(squash('Getting home safely'));
  });

  it('reports a corrupt signature image instead of crashing or hanging', async () => {
    const corrupt = signaturePng({ corrupt: true });
    expect(checkPng(corrupt)).toMatchObject({ ok: false });
    const record = recordOf(completedPayload({ signaturePngBase64: corrupt.toString('base64') }));
    const pdf = await parsePdf(await renderRecordPdf(record));
    expect(pdf.bodies.join(' ')).toContain('cannot be drawn');
    expect(pdf.images.some(Boolean)).toBe(false);
  });
});

describe('PDF of a client who switched language', () => {
  it('shows each step’s text in the language the client saw it in', async () => {
    // English for the welcome page; switched to Spanish on the second page, Spanish from then.
    const payload = completedPayload({
      pack: BILINGUAL_PACK,
      switchLocale: { onStep: 'about-the-visit', to: 'es' },
    });
    const record = recordOf(payload, true, BILINGUAL_PACK);
    const all = squash((await parsePdf(await renderRecordPdf(record))).bodies.join(' '));

    expect(all).toContain(squash('Language: en at the start; also shown in es'));
    expect(all).toContain(squash('Welcome to the test visit.'));
    expect(all).not.toContain(squash('Bienvenida a la visita de prueba'));
    // The page on screen at the switch, in both languages, each named.
    for (const shown of [
      'As shown in en',
      'How long it takes',
      'As shown in es',
      'Sobre su visita',
      'Cuánto dura',
    ]) {
      expect(all, shown).toContain(squash(shown));
    }
    const spanish = [
      '¿Cuánto dura la visita?',
      'Answer: Alrededor de una hora',
      'Entiendo en qué consiste la visita.',
      'Sé que puedo hacer preguntas en cualquier momento.',
      'Questionnaire: Cómo ha estado',
      'Dormir mal',
      'Preocuparse mucho',
    ];
    for (const text of spanish) {
      expect(all, text).toContain(squash(text));
    }
    const english = [
      'How long does the visit take?',
      'About one hour',
      'I understand what the visit involves.',
      'How you have been',
      'Sleeping badly',
      'Worrying a lot',
    ];
    for (const text of english) {
      expect(all, text).not.toContain(squash(text));
    }
  });
});

describe('checkPng', () => {
  it('accepts a canvas-like PNG and refuses broken or hostile ones', () => {
    const good = signaturePng();
    expect(checkPng(good)).toEqual({ ok: true, width: 300, height: 100 });
    expect(checkPng(good.subarray(0, 60)).ok).toBe(false);
    expect(checkPng(Buffer.from('not a png')).ok).toBe(false);
    const badCrc = Buffer.from(good);
    badCrc[40] = (badCrc[40] ?? 0) ^ 0xff;
    expect(checkPng(badCrc)).toMatchObject({ ok: false, reason: 'a chunk fails its CRC' });
  });
});
