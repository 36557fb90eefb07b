import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BILINGUAL_PACK } from '../../test/support/bilingual-pack';
import { PNG } from '../../test/support/kiosk-fixture';
import { sha256Hex, typedSignatureIntent } from '../content';
import { KioskFailure } from '../failure';
import { ClientSession } from './client-session';
import { decodeSubmissionPayload, type SubmissionPayload } from './submission-payload';

/** A session of the bilingual test pack, started in English, on a clock the test moves. */
function englishSession() {
  let clock = Date.parse('2025-05-06T14:00:00.000Z');
  const session = new ClientSession(randomUUID(), BILINGUAL_PACK, 'en', () => new Date(clock));
  const wait = (ms: number): void => {
    clock += ms;
  };
  return { session, wait };
}

/** `value` without `keys`: a field as a record sealed before it existed lacks it. */
function omit<T extends object>(value: T, ...keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => !keys.includes(key as keyof T)),
  ) as Partial<T>;
}

function failureOf(run: () => unknown): KioskFailure {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KioskFailure);
    return error as KioskFailure;
  }
  throw new Error('it did not fail');
}

/**
 * English for the pages, the check and the first statement; Spanish from the statements step
 * on, except a questionnaire item answered after switching back to English for a moment.
 */
function switchedWalk(sign: 'drawn' | 'typed' = 'drawn'): {
  payload: SubmissionPayload;
  session: ClientSession;
} {
  const { session, wait } = englishSession();
  session.enterStep('welcome');
  wait(2000);
  session.enterStep('about-the-visit');
  wait(3000);
  session.enterStep('check-length');
  wait(1000);
  session.answerCheck('check-length', 'whole-day');
  wait(1000);
  session.answerCheck('check-length', 'one-hour');
  wait(1000);
  session.enterStep('statements');
  wait(2000);
  session.acknowledge('statements', ['understood']);
  wait(500);
  session.setLocale('es');
  wait(4000);
  session.acknowledge('statements', ['understood', 'can-ask']);
  wait(1000);
  session.enterStep('wellbeing');
  wait(3000);
  // "Dormir mal" answered in Spanish; then English for the second item, and back to Spanish.
  session.setLocale('en');
  wait(2000);
  session.answerQuestionnaire(
    'wellbeing',
    { sleep: 'often', worry: 'sometimes' },
    { sleep: 'es', worry: 'en' },
  );
  session.setLocale('es');
  session.enterStep('identity');
  session.setIdentity('Ana García', '1980-02-03');
  session.enterStep('signature');
  session.setSignature({
    imageDataUrl: sign === 'drawn' ? PNG : '',
    inkLength: sign === 'drawn' ? 500 : 0,
    typedName: 'Ana García',
    disclosureAccepted: true,
    ...(sign === 'typed' ? { method: 'typed', intentConfirmed: true } : {}),
  });
  session.enterStep('review');
  wait(1000);
  return { payload: session.complete(randomUUID(), randomUUID()), session };
}

describe('a client switching language', () => {
  it('gets the pack in the new language, every answer kept and the same place', () => {
    const { session, wait } = englishSession();
    session.enterStep('welcome');
    session.enterStep('check-length');
    session.answerCheck('check-length', 'one-hour');
    session.enterStep('statements');
    session.acknowledge('statements', ['understood']);
    wait(1000);

    const spanish = session.setLocale('es');
    expect(spanish.locale).toBe('es');
    expect(spanish.locales).toEqual(['en', 'es']);
    expect(spanish.title).toBe('Visita de prueba bilingüe');
    expect(spanish.steps.map((step) => step.id)).toEqual(BILINGUAL_PACK.steps.map((s) => s.id));
    expect(session.locale).toBe('es');
    // The check stays passed and the ticked statement ticked: only the second is missing there.
    expect(session.acknowledge('statements', ['understood', 'can-ask'])).toEqual({
      confirmed: ['understood', 'can-ask'],
      complete: true,
    });
    expect(session.missingSteps()).not.toContain('check-length');
    expect(session.missingSteps()).not.toContain('statements');

    // A locale the pack lacks resolves as at the start: base language, else the default.
    expect(session.setLocale('es-MX').locale).toBe('es');
    expect(session.setLocale('fr').locale).toBe('en');
  });

  it('records each step, attempt, statement and answer in the language it was shown in', () => {
    const { payload } = switchedWalk();
    // The record's own locale is the one the session started in.
    expect(payload.locale).toBe('en');

    const steps = new Map(payload.steps.map((step) => [step.stepId, step]));
    expect(steps.get('welcome')?.shownIn).toEqual([
      { locale: 'en', title: 'Welcome', msOnScreen: 2000 },
    ]);
    // Switched while on screen: one visit, its time split between the two languages.
    const statements = steps.get('statements');
    expect(statements).toMatchObject({ title: 'Before you go on', visits: 1, msOnScreen: 7500 });
    expect(statements?.shownIn).toEqual([
      { locale: 'en', title: 'Before you go on', msOnScreen: 2500 },
      { locale: 'es', title: 'Antes de seguir', msOnScreen: 5000 },
    ]);
    expect(steps.get('wellbeing')?.shownIn).toEqual([
      { locale: 'es', title: 'Cómo ha estado', msOnScreen: 3000 },
      { locale: 'en', title: 'How you have been', msOnScreen: 2000 },
    ]);
    expect(steps.get('identity')?.shownIn.map((shown) => shown.locale)).toEqual(['es']);

    const [check] = payload.checks;
    expect(check?.question).toBe('How long does the visit take?');
    expect(
      check?.attempts.map(({ locale, question, optionLabel }) => [locale, question, optionLabel]),
    ).toEqual([
      ['en', 'How long does the visit take?', 'A whole day'],
      ['en', 'How long does the visit take?', 'About one hour'],
    ]);

    // Each statement in the words shown when it was confirmed, hashed as such.
    expect(
      payload.acknowledgements.map(({ statementId, locale, text, textSha256, consentTo }) => ({
        statementId,
        locale,
        text,
        hashed: textSha256 === sha256Hex(text),
        consentTo,
      })),
    ).toEqual([
      {
        statementId: 'understood',
        locale: 'en',
        text: 'I understand what the visit involves.',
        hashed: true,
        consentTo: 'the test visit',
      },
      {
        statementId: 'can-ask',
        locale: 'es',
        text: 'Sé que puedo hacer preguntas en cualquier momento.',
        hashed: true,
        consentTo: 'la visita de prueba',
      },
    ]);

    const [questionnaire] = payload.questionnaires;
    expect(questionnaire?.locale).toBe('en');
    expect(
      questionnaire?.items.map(({ itemId, locale, text, textSha256, answer }) => ({
        itemId,
        locale,
        text,
        hashed: textSha256 === sha256Hex(text),
        label: answer?.label,
      })),
    ).toEqual([
      { itemId: 'sleep', locale: 'es', text: 'Dormir mal', hashed: true, label: 'A menudo' },
      { itemId: 'worry', locale: 'en', text: 'Worrying a lot', hashed: true, label: 'Sometimes' },
    ]);
    expect(questionnaire?.totals).toMatchObject([{ score: 3, label: 'Wellbeing total' }]);

    expect(payload.identity).toEqual({ fullName: 'Ana García', dateOfBirth: '1980-02-03' });
    expect(payload.signature?.typedName).toBe('Ana García');
    // Sealed and opened again, nothing is lost or changed.
    expect(
      decodeSubmissionPayload(payload.submissionId, JSON.parse(JSON.stringify(payload))),
    ).toEqual(payload);
  });

  it('refuses answers said to be chosen in a language the questionnaire was not shown in', () => {
    const { session } = englishSession();
    session.enterStep('wellbeing');
    const refused = failureOf(() =>
      session.answerQuestionnaire('wellbeing', { sleep: 'often', worry: 'often' }, { sleep: 'es' }),
    );
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toContain('"es"');
  });

  it('does not count a switch as a visit, nor a switch to the language already shown', () => {
    const { session, wait } = englishSession();
    session.enterStep('welcome');
    wait(1000);
    session.setLocale('en');
    session.setLocale('es');
    wait(1000);
    session.enterStep('about-the-visit');
    expect(session.locale).toBe('es');
    // Only a submission shows the timings: walk the rest in Spanish.
    session.enterStep('check-length');
    session.answerCheck('check-length', 'one-hour');
    session.enterStep('statements');
    session.acknowledge('statements', ['understood', 'can-ask']);
    session.enterStep('wellbeing');
    session.answerQuestionnaire('wellbeing', { sleep: 'often', worry: 'often' });
    session.setIdentity('Ana García', '1980-02-03');
    session.setSignature({
      imageDataUrl: PNG,
      inkLength: 500,
      typedName: 'Ana García',
      disclosureAccepted: true,
    });
    session.enterStep('review');
    const payload = session.complete(randomUUID(), randomUUID());
    expect(payload.steps[0]).toMatchObject({
      stepId: 'welcome',
      visits: 1,
      msOnScreen: 2000,
      shownIn: [
        { locale: 'en', msOnScreen: 1000 },
        { locale: 'es', msOnScreen: 1000 },
      ],
    });
    expect(payload.questionnaires[0]?.items.map((item) => item.locale)).toEqual(['es', 'es']);
  });
});

describe('a typed signature after switching language', () => {
  it('keeps the statement of intent as shown, in Spanish, and says so', () => {
    const { signature } = switchedWalk('typed').payload;
    expect(signature?.method).toBe('typed');
    expect(signature?.intent).toEqual({
      text: typedSignatureIntent('es'),
      textSha256: sha256Hex(typedSignatureIntent('es')),
      locale: 'es',
    });
    expect(signature?.intent?.text).not.toBe(typedSignatureIntent('en'));
  });
});

describe('a record sealed before clients could switch language', () => {
  it('opens as shown in its one language throughout', () => {
    const { payload } = switchedWalk();
    const stored = {
      ...payload,
      steps: payload.steps.map((step) => omit(step, 'shownIn')),
      checks: payload.checks.map((check) => ({
        ...check,
        attempts: check.attempts.map((attempt) => omit(attempt, 'locale', 'question')),
      })),
      acknowledgements: payload.acknowledgements.map((statement) => omit(statement, 'locale')),
      questionnaires: payload.questionnaires.map((questionnaire) => ({
        ...omit(questionnaire, 'locale'),
        items: questionnaire.items.map((item) => omit(item, 'locale')),
      })),
    };
    const opened = decodeSubmissionPayload(payload.submissionId, stored);
    const welcome = opened.steps[0];
    expect(welcome?.shownIn).toEqual([
      { locale: 'en', title: welcome?.title, msOnScreen: welcome?.msOnScreen },
    ]);
    expect(opened.checks[0]?.attempts[0]).toMatchObject({
      locale: 'en',
      question: opened.checks[0]?.question,
    });
    expect(opened.acknowledgements.map((statement) => statement.locale)).toEqual(['en', 'en']);
    expect(opened.questionnaires[0]?.locale).toBe('en');
    expect(opened.questionnaires[0]?.items.map((item) => item.locale)).toEqual(['en', 'en']);
  });
});
