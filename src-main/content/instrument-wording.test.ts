/**
 * Every default pack's PHQ-9 and GAD-7 (the first visit's and the treatment-day check-in's
 * copies alike) are the published instruments, word for word: their item
 * texts, codes, answers and copyright line equal the published wording kept in
 * test/fixtures/instruments/published-wording.json (copied from LOINC's own FHIR
 * Questionnaires; the pack README names the sources). Their Spanish equals the publisher's
 * "Spanish for the USA" forms as kept in published-wording-es.json (sources and confidence
 * named there and in the pack READMEs), never a translation of ours. One changed word fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultResourcesDir, loadPack, localText, type Pack } from './index';
import type { QuestionnaireStep } from './questionnaire-schema';

interface Published {
  copyright: string;
  phq9: Instrument & { difficulty: { code: string; text: string; answers: Answer[] } };
  gad7: Instrument;
  bands: Record<'phq9' | 'gad7', { min: number; max: number; label: string }[]>;
}
interface Instrument {
  panel: string;
  stem: string;
  items: { code: string; text: string; formText: string | null }[];
  answers: Answer[];
  total: string;
}
interface Answer {
  code: string;
  label: string;
  value?: number;
}

const published = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../test/fixtures/instruments/published-wording.json'),
    'utf8',
  ),
) as Published;
/** The Spanish forms: the same shape, with the difficulty item among the PHQ-9's items. */
interface PublishedEs {
  phq9: InstrumentEs & { difficulty: { code: string; text: string; answers: Answer[] } };
  gad7: InstrumentEs;
}
interface InstrumentEs {
  stem: string;
  items: { code: string; text: string }[];
  answers: Answer[];
  copyright: string;
}

const publishedEs = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../test/fixtures/instruments/published-wording-es.json'),
    'utf8',
  ),
) as PublishedEs;
const CONTENT = join(defaultResourcesDir(), 'content');
const packs: Pack[] = readdirSync(CONTENT)
  .filter((name) => existsSync(join(CONTENT, name, 'manifest.json')))
  .map((name) => loadPack(join(CONTENT, name)));
const en = (value: Record<string, string>): string => localText(value, 'en', 'en');
/** The Spanish text itself, with no fallback: a pack without Spanish fails. */
const es = (value: Record<string, string>): string | undefined => value.es;

function questionnaire(pack: Pack, id: string): QuestionnaireStep | undefined {
  const found = pack.step(id);
  return found?.kind === 'questionnaire' ? found : undefined;
}

/** [pack id, its copy of the instrument] for every default pack that carries it. */
function copiesOf(id: string): [string, QuestionnaireStep][] {
  return packs.flatMap((pack) => {
    const found = questionnaire(pack, id);
    return found ? [[pack.id, found] as [string, QuestionnaireStep]] : [];
  });
}

it('both default programmes carry the PHQ-9 and the GAD-7', () => {
  expect(
    copiesOf('phq-9')
      .map(([packId]) => packId)
      .sort(),
  ).toEqual(['ketamine-check-in', 'ketamine-education']);
  expect(
    copiesOf('gad-7')
      .map(([packId]) => packId)
      .sort(),
  ).toEqual(['ketamine-check-in', 'ketamine-education']);
});

function answersOf(
  questionnaire: QuestionnaireStep,
  set: string,
  text: (value: Record<string, string>) => string | undefined = en,
) {
  return (questionnaire.answerSets[set] ?? []).map((option) => ({
    code: option.code,
    label: text(option.label),
    value: option.value,
  }));
}

/** Score labels and bands are read by staff only, so every locale keeps the English. */
function scoreWordsInEveryLocale(questionnaire: QuestionnaireStep): string[] {
  return questionnaire.scoring.flatMap((total) =>
    [total.label, ...total.bands.map((band) => band.label)]
      .filter((label) => Object.values(label).some((text) => text !== label.en))
      .map((label) => JSON.stringify(label)),
  );
}

describe.each(copiesOf('phq-9'))('the PHQ-9 in %s', (_packId, phq9) => {
  it('has the published panel, stem, items (in order), codes and total', () => {
    expect(phq9.instrument.code).toBe(published.phq9.panel);
    expect(en(phq9.intro)).toBe(published.phq9.stem);
    expect(
      phq9.items.slice(0, 9).map((item) => ({ code: item.code, text: en(item.text) })),
    ).toEqual(published.phq9.items.map(({ code, text }) => ({ code, text })));
    expect(phq9.scoring[0]?.code).toBe(published.phq9.total);
  });

  it('has the published answers with their scores, and the unscored difficulty item', () => {
    expect(answersOf(phq9, 'frequency')).toEqual(published.phq9.answers);
    const difficulty = phq9.items[9];
    expect({ code: difficulty?.code, text: difficulty && en(difficulty.text) }).toEqual({
      code: published.phq9.difficulty.code,
      text: published.phq9.difficulty.text,
    });
    expect(answersOf(phq9, 'difficulty').map(({ code, label }) => ({ code, label }))).toEqual(
      published.phq9.difficulty.answers,
    );
    expect(phq9.scoring[0]?.items).not.toContain(difficulty?.id);
  });

  it('has the published bands and copyright line', () => {
    expect(
      phq9.scoring[0]?.bands.map((band) => ({
        min: band.min,
        max: band.max,
        label: en(band.label),
      })),
    ).toEqual(published.bands.phq9);
    expect(phq9.instrument.copyright && en(phq9.instrument.copyright)).toBe(published.copyright);
  });
});

describe.each(copiesOf('gad-7'))('the GAD-7 in %s', (_packId, gad7) => {
  it('has the published panel, stem, items (in order), codes, answers, total and bands', () => {
    expect(gad7.instrument.code).toBe(published.gad7.panel);
    expect(en(gad7.intro)).toBe(published.gad7.stem);
    // LOINC displays item 2 (68509-9) by that term's own name; the GAD-7 form's wording is used.
    expect(gad7.items.map((item) => ({ code: item.code, text: en(item.text) }))).toEqual(
      published.gad7.items.map(({ code, text, formText }) => ({
        code,
        text: code === '68509-9' ? formText : text,
      })),
    );
    expect(answersOf(gad7, 'frequency')).toEqual(published.gad7.answers);
    expect(gad7.scoring[0]?.code).toBe(published.gad7.total);
    expect(
      gad7.scoring[0]?.bands.map((band) => ({
        min: band.min,
        max: band.max,
        label: en(band.label),
      })),
    ).toEqual(published.bands.gad7);
    expect(gad7.instrument.copyright && en(gad7.instrument.copyright)).toBe(published.copyright);
  });
});

describe.each(copiesOf('phq-9'))('the Spanish PHQ-9 in %s', (_packId, phq9) => {
  const form = publishedEs.phq9;

  it('is the Spanish for the USA form: stem, items and the difficulty item, in order', () => {
    expect(es(phq9.intro)).toBe(form.stem);
    expect(phq9.items.map((item) => ({ code: item.code, text: es(item.text) }))).toEqual([
      ...form.items,
      { code: form.difficulty.code, text: form.difficulty.text },
    ]);
  });

  it("has the form's answers and copyright line, and English score words", () => {
    expect(answersOf(phq9, 'frequency', es)).toEqual(form.answers);
    expect(answersOf(phq9, 'difficulty', es).map(({ code, label }) => ({ code, label }))).toEqual(
      form.difficulty.answers,
    );
    expect(phq9.instrument.copyright && es(phq9.instrument.copyright)).toBe(form.copyright);
    expect(scoreWordsInEveryLocale(phq9)).toEqual([]);
  });
});

describe.each(copiesOf('gad-7'))('the Spanish GAD-7 in %s', (_packId, gad7) => {
  const form = publishedEs.gad7;

  it('is the Spanish for the USA form as reported: stem, items, answers, copyright line', () => {
    expect(es(gad7.intro)).toBe(form.stem);
    expect(gad7.items.map((item) => ({ code: item.code, text: es(item.text) }))).toEqual(
      form.items,
    );
    expect(answersOf(gad7, 'frequency', es)).toEqual(form.answers);
    expect(gad7.instrument.copyright && es(gad7.instrument.copyright)).toBe(form.copyright);
    expect(scoreWordsInEveryLocale(gad7)).toEqual([]);
  });
});
