import { describe, expect, it } from 'vitest';
import type { PackStep } from './pack-model';
import { readAloudTexts, sentencesOf } from './read-aloud-text';

describe('sentencesOf', () => {
  it('cuts English text at full stops, question and exclamation marks', () => {
    expect(sentencesOf('Welcome. Is this your first visit? Good!', 'en')).toEqual([
      'Welcome.',
      'Is this your first visit?',
      'Good!',
    ]);
  });

  it('keeps a title and its name together, where the segmenter alone would cut them', () => {
    // What Intl.Segmenter itself does, which the join relies on seeing.
    const segments = [...new Intl.Segmenter('en', { granularity: 'sentence' }).segment('Dr. Lee')];
    expect(segments.map((s) => s.segment)).toEqual(['Dr. ', 'Lee']);
    expect(
      sentencesOf('Dr. Lee will see you. Mrs. Ruiz signs in, e.g. at the desk.', 'en'),
    ).toEqual(['Dr. Lee will see you.', 'Mrs. Ruiz signs in, e.g. at the desk.']);
    expect(sentencesOf('La Dra. Pérez le atenderá. El Sr. Gómez también.', 'es')).toEqual([
      'La Dra. Pérez le atenderá.',
      'El Sr. Gómez también.',
    ]);
    expect(sentencesOf('La FDA de EE. UU. (FDA) la aprobó en 1970. Nada más.', 'es')).toEqual([
      'La FDA de EE. UU. (FDA) la aprobó en 1970.',
      'Nada más.',
    ]);
  });

  it('ends an answer at "No." rather than taking it for "number"', () => {
    expect(sentencesOf('No. Ketamine is a medicine.', 'en')).toEqual([
      'No.',
      'Ketamine is a medicine.',
    ]);
  });

  it('reads Spanish questions whole, opening mark included, and does not cut a decimal', () => {
    expect(sentencesOf('¿Está bien? Sí. Cuesta 3.50 dólares.', 'es')).toEqual([
      '¿Está bien?',
      'Sí.',
      'Cuesta 3.50 dólares.',
    ]);
  });

  it('collapses white space and line breaks, and drops text with no words', () => {
    expect(sentencesOf('  One\n  line.\n\nTwo.  — ', 'en')).toEqual(['One line.', 'Two. —']);
    expect(sentencesOf(' … ', 'en')).toEqual([]);
  });
});

describe('readAloudTexts', () => {
  const page: PackStep = {
    kind: 'page',
    id: 'welcome',
    title: { en: 'Welcome', es: 'Bienvenida' },
    body: {
      en: '## Before you start\n\nRead this. Then **tap Next.**\n\n1. First point.\n2. Second point.\n\n![A nurse](media/nurse.jpg)\n',
      es: 'Lea esto.',
    },
  };

  it('reads a page as its title, then its blocks as the client sees them: no item numbers, no alt text', () => {
    expect(readAloudTexts(page, 'en', 'en')).toEqual([
      { key: 'title', sentences: ['Welcome'] },
      {
        key: 'body',
        sentences: [
          'Before you start',
          'Read this.',
          'Then tap Next.',
          'First point.',
          'Second point.',
        ],
      },
    ]);
    expect(readAloudTexts(page, 'es', 'en')[1]).toEqual({ key: 'body', sentences: ['Lea esto.'] });
  });

  it('names a check’s question and options, never its feedback', () => {
    const check: PackStep = {
      kind: 'check',
      id: 'check-1',
      title: { en: 'Check' },
      question: { en: 'Which is true?' },
      options: [
        { id: 'a', label: { en: 'This one.' } },
        { id: 'b', label: { en: 'That one.' } },
      ],
      correctOptionId: 'a',
      feedback: { en: 'Look again at the page.' },
      refersTo: 'welcome',
    };
    const texts = readAloudTexts(check, 'en', 'en');
    expect(texts.map((text) => text.key)).toEqual(['title', 'question', 'options.a', 'options.b']);
    expect(texts.flatMap((text) => text.sentences)).not.toContain('Look again at the page.');
  });
});
