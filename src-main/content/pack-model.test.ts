import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK_ID, defaultResourcesDir, loadPack } from './index';
import { signingDisclosure, typedSignatureIntent } from './signature-intent';
import { createPack, type PackStep } from './pack-model';

const steps: PackStep[] = [
  {
    kind: 'page',
    id: 'intro',
    title: { en: 'Intro', es: 'Introducción' },
    body: { en: 'Hello', es: 'Hola' },
  },
  {
    kind: 'check',
    id: 'quiz',
    title: { en: 'Check', es: 'Comprobar' },
    question: { en: 'Which?', es: '¿Cuál?' },
    options: [
      { id: 'a', label: { en: 'A', es: 'A-es' } },
      { id: 'b', label: { en: 'B', es: 'B-es' } },
    ],
    correctOptionId: 'b',
    feedback: { en: 'SECRET-FEEDBACK-EN', es: 'SECRET-FEEDBACK-ES' },
    refersTo: 'intro',
  },
  {
    kind: 'acknowledge',
    id: 'ack',
    title: { en: 'Confirm', es: 'Confirmar' },
    intro: { en: 'Tap', es: 'Toque' },
    statements: [{ id: 's1', text: { en: 'I agree', es: 'Acepto' } }],
  },
  {
    kind: 'signature',
    id: 'sign',
    title: { en: 'Sign', es: 'Firmar' },
    intro: { en: 'i', es: 'i' },
    meaning: { en: 'By signing, I agree.', es: 'Al firmar, estoy de acuerdo.' },
  },
];

function twoLocalePack() {
  return createPack({
    id: 'demo',
    version: '2.0.0',
    hash: 'f'.repeat(64),
    defaultLocale: 'en',
    locales: ['en', 'es'],
    title: { en: 'Demo', es: 'Demostración' },
    steps,
    pageHtml: new Map([
      ['en', new Map([['intro', '<p>Hello</p>']])],
      ['es', new Map([['intro', '<p>Hola</p>']])],
    ]),
  });
}

describe('Pack.toClient', () => {
  it('gives the requested locale, with page HTML and identity', () => {
    const client = twoLocalePack().toClient('es');
    expect(client).toMatchObject({
      id: 'demo',
      version: '2.0.0',
      locale: 'es',
      title: 'Demostración',
    });
    expect(client.hash).toBe('f'.repeat(64));
    expect(client.steps[0]).toEqual({
      kind: 'page',
      id: 'intro',
      title: 'Introducción',
      html: '<p>Hola</p>',
    });
    expect(client.steps[2]).toEqual({
      kind: 'acknowledge',
      id: 'ack',
      title: 'Confirmar',
      intro: 'Toque',
      statements: [{ id: 's1', text: 'Acepto' }],
    });
    // The signature step carries the pack's meaning of signing, and main's disclosure and
    // statement for signing by typing, in the client's language.
    expect(client.steps[3]).toEqual({
      kind: 'signature',
      id: 'sign',
      title: 'Firmar',
      intro: 'i',
      meaning: 'Al firmar, estoy de acuerdo.',
      disclosure: signingDisclosure('es'),
      typedIntent: typedSignatureIntent('es'),
    });
    expect(typedSignatureIntent('es')).toMatch(/^Estoy firmando al escribir mi nombre\./);
    expect(signingDisclosure('es')).toMatch(/^Está a punto de firmar en esta pantalla\./);
  });

  it('falls back to the base language, then to the default locale', () => {
    const pack = twoLocalePack();
    expect(pack.toClient('es-MX').locale).toBe('es');
    expect(pack.toClient('fr').locale).toBe('en');
    expect(pack.toClient('fr').title).toBe('Demo');
  });

  it('never sends the answer, the feedback or the page it refers to', () => {
    for (const locale of ['en', 'es']) {
      const client = twoLocalePack().toClient(locale);
      expect(client.steps[1]).toEqual({
        kind: 'check',
        id: 'quiz',
        title: locale === 'en' ? 'Check' : 'Comprobar',
        question: locale === 'en' ? 'Which?' : '¿Cuál?',
        options: [
          { id: 'a', label: locale === 'en' ? 'A' : 'A-es' },
          { id: 'b', label: locale === 'en' ? 'B' : 'B-es' },
        ],
      });
      const json = JSON.stringify(client);
      expect(json).not.toMatch(/correctOptionId|feedback|refersTo|SECRET-FEEDBACK/);
    }
  });

  it('returns one frozen object per locale', () => {
    const pack = twoLocalePack();
    const client = pack.toClient('en');
    expect(pack.toClient('en-GB')).toBe(client);
    expect(Object.isFrozen(client.steps[0])).toBe(true);
  });
});

describe('the default pack as a client sees it', () => {
  const pack = loadPack(join(defaultResourcesDir(), 'content', DEFAULT_PACK_ID));

  it('leaks no answer or feedback in any locale', () => {
    const secrets = pack.steps.flatMap((step) =>
      step.kind === 'check' ? Object.values(step.feedback) : [],
    );
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const locale of [...pack.locales, 'xx']) {
      const json = JSON.stringify(pack.toClient(locale));
      expect(json).not.toMatch(/correctOptionId|feedback|refersTo/);
      for (const secret of secrets) {
        expect(json).not.toContain(JSON.stringify(secret).slice(1, -1));
      }
    }
  });

  it('sends pages as sanitised HTML', () => {
    for (const step of pack.toClient(pack.defaultLocale).steps) {
      if (step.kind === 'page') {
        expect(step.html, step.id).toMatch(/^<(p|h2|ul|ol)>/);
        expect(step.html, step.id).not.toMatch(/<(script|img|style|iframe)|\son\w+=/i);
      }
    }
  });
});
