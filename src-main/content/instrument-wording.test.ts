/**
 * Every default pack's PHQ-9 and GAD-7 (the first visit's and the treatment-day check-in's
 * copies alike) are the published instruments, word for word: their item
 * texts, codes, answers and copyright line equal the published wording kept in
 * test/fixtures/instruments/published-wording.json (copied from LOINC's own FHIR
 * Questionnaires; the pack README names the sources). One changed word fails here.
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
const CONTENT = join(defaultResourcesDir(), 'content');
const packs: Pack[] = readdirSync(CONTENT)
  .filter((name) => existsSync(join(CONTENT, name, 'manifest.json')))
  .map((name) => loadPack(join(CONTENT, name)));
const en = (value: Record<string, string>): string => localText(value, 'en', 'en');

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

function answersOf(questionnaire: QuestionnaireStep, set: string) {
  return (questionnaire.answerSets[set] ?? []).map((option) => ({
    code: option.code,
    label: en(option.label),
    value: option.value,
  }));
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
