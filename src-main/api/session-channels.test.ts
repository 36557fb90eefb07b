import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openTestKiosk,
  PASSPHRASE,
  PNG,
  UUID,
  type TestKiosk,
} from '../../test/support/kiosk-fixture';
import { BILINGUAL_PACK_ID, FIXTURE_CONTENT_DIR } from '../../test/support/bilingual-pack';
import { seedDemo } from '../cli/seed-demo';
import { sha256Hex, type PackStep } from '../content';
import { openRecordKeys } from '../vault';
import { openSubmissionPayload, type StepKind, type StepOfKind } from '../consent';

let kiosk: TestKiosk;

function step<K extends StepKind>(kind: K): StepOfKind<PackStep, K> {
  const found = kiosk.app.programmes.first.steps.find((candidate) => candidate.kind === kind);
  if (!found) {
    throw new Error(`the default pack has no ${kind} step`);
  }
  return found as StepOfKind<PackStep, K>;
}

function stepId(kind: StepKind): string {
  return step(kind).id;
}

async function start(): Promise<string> {
  return (await kiosk.ok('session.start', { locale: 'en' })).sessionId;
}

async function submissions(): Promise<number> {
  return (await kiosk.ok('app.status', {})).submissions;
}

beforeEach(() => {
  kiosk = openTestKiosk();
});

afterEach(() => {
  kiosk.dispose();
});

describe('before the vault exists', () => {
  it('refuses to start a session', async () => {
    expect(await kiosk.call('session.start', { locale: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'VAULT_UNAVAILABLE' },
    });
  });
});

describe('a client session', () => {
  beforeEach(async () => {
    await kiosk.setUp();
  });

  it('starts the programme the client chose, and refuses one the kiosk does not offer', async () => {
    const started = await kiosk.ok('session.start', { locale: 'en', packId: 'ketamine-check-in' });
    expect(started.pack.id).toBe('ketamine-check-in');
    expect(started.pack.steps.map((shown) => shown.kind)).toEqual([
      'identity',
      'questionnaire',
      'questionnaire',
      'questionnaire',
      'review',
    ]);
    // Without a choice, the clinic's first programme.
    expect((await kiosk.ok('session.start', { locale: 'en' })).pack.id).toBe('ketamine-education');
    expect(
      await kiosk.call('session.start', { locale: 'en', packId: 'ketamine-deluxe' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { packId: 'unknown_programme' } },
    });
  });

  it('seals a check-in with no signature, naming its pack, its questionnaires scored', async () => {
    const [id] = await seedDemo(kiosk.app, 1, { packId: 'ketamine-check-in' });
    const pack = kiosk.app.programmes.find('ketamine-check-in');
    const row = kiosk.app.gate
      .vault()
      ?.listSubmissions()
      .find((candidate) => candidate.id === id);
    expect(row?.packId).toBe('ketamine-check-in');
    expect(row?.packHash).toBe(pack?.hash);
    if (!row) {
      throw new Error('no row');
    }
    const unlock = openRecordKeys(kiosk.dataDir, { passphrase: PASSPHRASE });
    const payload = openSubmissionPayload(row, unlock);
    unlock.wipe();
    expect(payload.signature).toBeNull();
    expect(payload.acknowledgements).toEqual([]);
    expect(payload.questionnaires.map((q) => q.stepId)).toEqual(['phq-9', 'gad-7', 'safety-check']);
    expect(payload.identity.fullName).toMatch(/^Fake Demo-Client/);
  });

  it('refuses an unknown step, a wrong-kind step and an unknown session by name', async () => {
    const sessionId = await start();
    expect(
      await kiosk.call('session.enterStep', { sessionId, stepId: 'no-such-step' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_STEP' },
    });
    expect(
      await kiosk.call('session.answerCheck', {
        sessionId,
        stepId: step('page').id,
        optionId: 'a',
      }),
    ).toMatchObject({ ok: false, error: { code: 'UNKNOWN_STEP' } });
    expect(
      await kiosk.call('session.enterStep', { sessionId: UUID, stepId: step('page').id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND' },
    });
  });

  it('sends the pack without the right answers', async () => {
    const { pack } = await kiosk.ok('session.start', { locale: 'en' });
    const text = JSON.stringify(pack);
    expect(text).not.toContain('correctOptionId');
    expect(text).not.toContain('feedback');
  });

  it('records the locale actually shown when the asked-for one is missing', async () => {
    const { pack } = await kiosk.ok('session.start', {
      locale: 'fr',
    });
    expect(pack.locale).toBe('en');
  });

  it('corrects a wrong answer, pointing at the page that explains it, and counts every attempt', async () => {
    const sessionId = await start();
    const check = step('check');
    const wrong = check.options.find((option) => option.id !== check.correctOptionId);
    const outcome = await kiosk.ok('session.answerCheck', {
      sessionId,
      stepId: check.id,
      optionId: wrong?.id ?? '',
    });
    expect(outcome.correct).toBe(false);
    expect(outcome.feedback?.length).toBeGreaterThan(10);
    expect(outcome.refersTo?.stepId).toBe(check.refersTo);
    expect(
      await kiosk.ok('session.answerCheck', {
        sessionId,
        stepId: check.id,
        optionId: check.correctOptionId,
      }),
    ).toEqual({ correct: true, attempts: 2 });
  });

  it('keeps Continue closed until every statement is confirmed', async () => {
    const sessionId = await start();
    const ack = step('acknowledge');
    const ids = ack.statements.map((statement) => statement.id);
    const partial = await kiosk.ok('session.acknowledge', {
      sessionId,
      stepId: ack.id,
      statementIds: ids.slice(1),
    });
    expect(partial.complete).toBe(false);
    expect(
      await kiosk.call('session.acknowledge', {
        sessionId,
        stepId: ack.id,
        statementIds: ['not-a-statement'],
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const all = await kiosk.ok('session.acknowledge', {
      sessionId,
      stepId: ack.id,
      statementIds: ids,
    });
    expect(all.complete).toBe(true);
  });

  it('returns a message per identity field, and refuses a signature before the name', async () => {
    const sessionId = await start();
    expect(
      await kiosk.call('session.setSignature', {
        sessionId,
        imageDataUrl: PNG,
        inkLength: 500,
        typedName: 'Ada',
      }),
    ).toMatchObject({ ok: false, error: { code: 'STEP_NOT_READY' } });
    expect(
      await kiosk.call('session.setIdentity', {
        sessionId,
        fullName: '',
        dateOfBirth: '2001-02-30',
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        fields: { fullName: 'required', dateOfBirth: 'invalid_day' },
      },
    });
  });

  it('takes a signature typed with its statement of intent confirmed, and refuses one without', async () => {
    const sessionId = await start();
    await kiosk.ok('session.setIdentity', {
      sessionId,
      fullName: 'Ada Lovelace',
      dateOfBirth: '1985-12-10',
    });
    const typed = {
      sessionId,
      method: 'typed',
      imageDataUrl: '',
      inkLength: 0,
      disclosureAccepted: true,
    } as const;
    expect(
      await kiosk.call('session.setSignature', { ...typed, typedName: 'Ada Lovelace' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { intent: 'required' } },
    });
    expect(
      await kiosk.call('session.setSignature', {
        ...typed,
        typedName: 'Ada Byron',
        intentConfirmed: true,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { typedName: 'name_mismatch' } },
    });
    expect(
      await kiosk.ok('session.setSignature', {
        ...typed,
        typedName: 'Ada Lovelace',
        intentConfirmed: true,
      }),
    ).toEqual({ accepted: true });
    // The statement a client confirms is main's, sent with the step, in the client's language.
    const shown = (await kiosk.ok('session.start', { locale: 'en' })).pack.steps.find(
      (candidate) => candidate.kind === 'signature',
    );
    expect(shown && 'typedIntent' in shown ? shown.typedIntent : '').toMatch(
      /^I am signing by typing my name\./,
    );
  });

  it('signs only once the electronic-signing disclosure is accepted, and seals it with the meaning', async () => {
    const sessionId = await start();
    await kiosk.ok('session.setIdentity', {
      sessionId,
      fullName: 'Ada Lovelace',
      dateOfBirth: '1985-12-10',
    });
    const drawn = { sessionId, imageDataUrl: PNG, inkLength: 500, typedName: 'Ada Lovelace' };
    // Without the disclosure accepted, nothing is signed, whatever else is right.
    for (const disclosureAccepted of [undefined, false]) {
      expect(
        await kiosk.call('session.setSignature', {
          ...drawn,
          ...(disclosureAccepted === undefined ? {} : { disclosureAccepted }),
        }),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { disclosure: 'required' } },
      });
    }
    // Both reasons at once: the client is told of each.
    expect(
      await kiosk.call('session.setSignature', { ...drawn, typedName: 'Ada Byron' }),
    ).toMatchObject({
      ok: false,
      error: { fields: { disclosure: 'required', typedName: 'name_mismatch' } },
    });
    // The step shows the pack's meaning and main's disclosure, in the client's language.
    const spanish = (await kiosk.ok('session.start', { locale: 'es' })).pack.steps.find(
      (candidate) => candidate.kind === 'signature',
    );
    expect(spanish).toMatchObject({
      meaning:
        'Al firmar, confirmo que leí estas páginas y que estoy de acuerdo con las frases que marqué.',
      disclosure: expect.stringMatching(/^Está a punto de firmar en esta pantalla\./) as unknown,
    });
  });

  it('seals what signing meant and the disclosure accepted, word for word with their SHA-256', async () => {
    const [id] = await seedDemo(kiosk.app, 1);
    const vault = kiosk.app.gate.vault();
    const row = vault?.listSubmissions({ ids: [id ?? ''] })[0];
    if (!vault || !row) {
      throw new Error('no stored submission');
    }
    const keys = openRecordKeys(kiosk.dataDir, { passphrase: PASSPHRASE });
    const { signature } = openSubmissionPayload(row, keys);
    const meaning =
      'By signing, I confirm that I read these pages and agree to the statements I checked.';
    expect(signature?.meaning).toEqual({
      text: meaning,
      textSha256: sha256Hex(meaning),
      locale: 'en',
    });
    expect(signature?.agreement?.text).toMatch(
      /^You are about to sign on this screen\. Signing here has the same meaning as signing on paper\. If you would rather sign a paper form, please ask the front desk\. You can get a copy/,
    );
    expect(signature?.agreement?.textSha256).toBe(sha256Hex(signature?.agreement?.text ?? ''));
  });

  it('never stores an unfinished session, and names what is missing', async () => {
    const sessionId = await start();
    const result = await kiosk.call('session.submit', { sessionId });
    expect(result).toMatchObject({ ok: false, error: { code: 'SESSION_INCOMPLETE' } });
    const missing = result.ok ? [] : (result.error.missing ?? []);
    expect(missing).toEqual(expect.arrayContaining([stepId('identity'), stepId('signature')]));
    expect(await submissions()).toBe(0);
  });

  it('stores a finished walk with all its evidence, sealed, then forgets the session', async () => {
    const [id] = await seedDemo(kiosk.app, 1);
    const rows = kiosk.app.gate.vault()?.listSubmissions() ?? [];
    expect(rows.map((row) => row.id)).toEqual([id]);
    const row = rows[0];
    if (!row) {
      throw new Error('no row');
    }
    const pack = kiosk.app.programmes.first;
    expect([row.packId, row.packVersion, row.packHash]).toEqual([pack.id, pack.version, pack.hash]);
    const unlock = openRecordKeys(kiosk.dataDir, { passphrase: PASSPHRASE });
    // The checked decoder the staff view and the exports read with: the stored row passes it.
    const payload = openSubmissionPayload(row, unlock);
    unlock.wipe();
    expect(payload.pack).toEqual({ id: pack.id, version: pack.version, hash: pack.hash });
    expect(payload.kioskId).toBe(row.kioskId);
    expect(payload.locale).toBe('en');
    expect(payload.identity).toEqual({ fullName: 'Fake Demo-Client A', dateOfBirth: '1900-01-01' });
    expect(payload.signature?.pngBase64?.length).toBeGreaterThan(20);
    expect(payload.steps.map((timing) => timing.stepId)).toEqual(pack.steps.map((s) => s.id));
    expect(payload.steps.every((timing) => timing.visits === 1 && timing.msOnScreen >= 0)).toBe(
      true,
    );
    const statementCount = pack.steps.reduce(
      (n, s) => n + (s.kind === 'acknowledge' ? s.statements.length : 0),
      0,
    );
    expect(payload.acknowledgements).toHaveLength(statementCount);
    expect(
      payload.acknowledgements.every(
        (a) => /^[0-9a-f]{64}$/.test(a.textSha256) && a.confirmedAt !== '',
      ),
    ).toBe(true);
    expect(payload.checks).toHaveLength(pack.steps.filter((s) => s.kind === 'check').length);
    expect(Date.parse(payload.submittedAt)).toBeGreaterThanOrEqual(Date.parse(payload.startedAt));
    expect(await submissions()).toBe(1);
  });

  it('leaves no plaintext of a client anywhere in the data folder, open or closed', async () => {
    await seedDemo(kiosk.app, 3);
    const needles = ['Fake Demo-Client', '1900-01-01'].flatMap((text) => [
      Buffer.from(text, 'utf8'),
      Buffer.from(text, 'utf16le'),
    ]);
    const leaks = (): string[] =>
      readdirSync(kiosk.dataDir).filter((file) => {
        const bytes = readFileSync(join(kiosk.dataDir, file));
        return needles.some((needle) => bytes.includes(needle));
      });
    expect(readdirSync(kiosk.dataDir)).toContain('kiosk.db');
    expect(leaks()).toEqual([]);
    kiosk.app.close();
    expect(leaks()).toEqual([]);
    kiosk.restart();
  });

  it('discards the previous client when a new session starts', async () => {
    const first = await start();
    await kiosk.ok('session.setIdentity', {
      sessionId: first,
      fullName: 'Ada Lovelace',
      dateOfBirth: '1990-01-01',
    });
    await start();
    expect(
      await kiosk.call('session.enterStep', { sessionId: first, stepId: step('page').id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND' },
    });
  });

  it('discards a session on request', async () => {
    const sessionId = await start();
    expect(await kiosk.ok('session.discard', { sessionId })).toEqual({ discarded: true });
    expect(await kiosk.call('session.submit', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND' },
    });
  });
});

describe('a client switching language (session.setLocale)', () => {
  beforeEach(async () => {
    kiosk.restart({ contentDir: FIXTURE_CONTENT_DIR, packId: BILINGUAL_PACK_ID });
    await kiosk.setUp();
  });

  it("says a wrong answer's feedback and its page again in the new language", async () => {
    const { sessionId } = await kiosk.ok('session.start', { locale: 'en' });
    await kiosk.ok('session.enterStep', { sessionId, stepId: 'check-length' });
    const english = await kiosk.ok('session.answerCheck', {
      sessionId,
      stepId: 'check-length',
      optionId: 'whole-day',
    });
    expect(english.feedback).toBe('Not quite. The visit takes about one hour.');
    const spanish = await kiosk.ok('session.setLocale', { sessionId, locale: 'es' });
    expect(spanish.checks['check-length']).toEqual({
      correct: false,
      attempts: 1,
      feedback: 'No exactamente. La visita dura alrededor de una hora.',
      refersTo: {
        stepId: 'about-the-visit',
        title: spanish.pack.steps.find((step) => step.id === 'about-the-visit')?.title,
      },
    });
    expect(spanish.checks['check-length']?.refersTo?.title).not.toBe(english.refersTo?.title);
  });

  it('answers with the pack in the new language, keeps every answer and seals what was shown in which', async () => {
    const { sessionId, pack } = await kiosk.ok('session.start', { locale: 'en' });
    expect([pack.locale, pack.locales]).toEqual(['en', ['en', 'es']]);
    const enter = (stepId: string) => kiosk.ok('session.enterStep', { sessionId, stepId });
    await enter('welcome');
    await enter('about-the-visit');
    await enter('check-length');
    await kiosk.ok('session.answerCheck', {
      sessionId,
      stepId: 'check-length',
      optionId: 'one-hour',
    });
    await enter('statements');
    await kiosk.ok('session.acknowledge', {
      sessionId,
      stepId: 'statements',
      statementIds: ['understood'],
    });

    const spanish = await kiosk.ok('session.setLocale', { sessionId, locale: 'es' });
    expect(spanish.pack.locale).toBe('es');
    // The check's outcome is said again in Spanish (right: nothing but the count to say).
    expect(spanish.checks).toEqual({ 'check-length': { correct: true, attempts: 1 } });
    expect(spanish.support).toEqual({});
    expect(spanish.pack.steps.find((shown) => shown.id === 'statements')).toMatchObject({
      title: 'Antes de seguir',
      statements: [{ id: 'understood', text: 'Entiendo en qué consiste la visita.' }, {}],
    });
    // The same session: the first statement is still confirmed, so one more completes the step.
    expect(
      await kiosk.ok('session.acknowledge', {
        sessionId,
        stepId: 'statements',
        statementIds: ['understood', 'can-ask'],
      }),
    ).toEqual({ confirmed: ['understood', 'can-ask'], complete: true });
    await enter('wellbeing');
    await kiosk.ok('session.answerQuestionnaire', {
      sessionId,
      stepId: 'wellbeing',
      answers: { sleep: 'not-at-all', worry: 'sometimes' },
      answeredIn: { sleep: 'es', worry: 'es' },
    });
    await enter('identity');
    await kiosk.ok('session.setIdentity', {
      sessionId,
      fullName: 'Ana García',
      dateOfBirth: '1980-02-03',
    });
    await enter('signature');
    await kiosk.ok('session.setSignature', {
      sessionId,
      imageDataUrl: PNG,
      inkLength: 500,
      typedName: 'Ana García',
      disclosureAccepted: true,
    });
    await enter('review');
    const { submissionId } = await kiosk.ok('session.submit', { sessionId });

    const row = kiosk.app.gate
      .vault()
      ?.listSubmissions()
      .find((candidate) => candidate.id === submissionId);
    if (!row) {
      throw new Error('no row');
    }
    // The clear metadata keeps the language the session started in.
    expect(row.locale).toBe('en');
    const unlock = openRecordKeys(kiosk.dataDir, { passphrase: PASSPHRASE });
    const payload = openSubmissionPayload(row, unlock);
    unlock.wipe();
    expect(payload.locale).toBe('en');
    expect(
      Object.fromEntries(
        payload.steps.map((timing) => [timing.stepId, timing.shownIn.map((shown) => shown.locale)]),
      ),
    ).toEqual({
      welcome: ['en'],
      'about-the-visit': ['en'],
      'check-length': ['en'],
      statements: ['en', 'es'],
      wellbeing: ['es'],
      identity: ['es'],
      signature: ['es'],
      review: ['es'],
    });
    expect(payload.acknowledgements.map((statement) => [statement.locale, statement.text])).toEqual(
      [
        ['en', 'I understand what the visit involves.'],
        ['es', 'Sé que puedo hacer preguntas en cualquier momento.'],
      ],
    );
    expect(payload.questionnaires[0]?.items.map((item) => [item.locale, item.text])).toEqual([
      ['es', 'Dormir mal'],
      ['es', 'Preocuparse mucho'],
    ]);
    expect(payload.identity.fullName).toBe('Ana García');

    // The staff record reads each page in the language it was shown in.
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    const record = await kiosk.ok('submissions.get', { submissionId });
    expect(record.locales).toEqual(['en', 'es']);
    expect(record.pages.map((page) => page.shown.map((shown) => shown.locale))).toEqual([
      ['en'],
      ['en'],
    ]);
    expect(JSON.stringify(record.pages)).toContain('How long it takes');
    expect(JSON.stringify(record.pages)).not.toContain('Cuánto dura');
  });

  it('refuses an unknown session, and one that has ended', async () => {
    expect(await kiosk.call('session.setLocale', { sessionId: UUID, locale: 'es' })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND' },
    });
    const { sessionId } = await kiosk.ok('session.start', { locale: 'es' });
    await kiosk.ok('session.discard', { sessionId });
    expect(await kiosk.call('session.setLocale', { sessionId, locale: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND' },
    });
  });

  it('refuses answers said to be chosen in a language the questionnaire was not shown in', async () => {
    const { sessionId } = await kiosk.ok('session.start', { locale: 'en' });
    await kiosk.ok('session.enterStep', { sessionId, stepId: 'wellbeing' });
    expect(
      await kiosk.call('session.answerQuestionnaire', {
        sessionId,
        stepId: 'wellbeing',
        answers: { sleep: 'often', worry: 'often' },
        answeredIn: { sleep: 'es' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
