import { describe, expect, it } from 'vitest';
import type { ProgrammeChoice } from '../../src-main/contract';
import { programmeButtons } from './programme-choice';

const programmes: ProgrammeChoice[] = [
  {
    packId: 'first-visit',
    defaultLocale: 'en',
    name: { en: 'First visit', es: 'Primera visita' },
    summary: { en: 'Learn, confirm and sign.', es: 'Aprenda, confirme y firme.' },
  },
  { packId: 'check-in', defaultLocale: 'en', name: { en: 'Check-in' } },
];

describe('programmeButtons', () => {
  it('names each programme in the client language, in the clinic order', () => {
    expect(programmeButtons(programmes, 'es')).toEqual([
      {
        packId: 'first-visit',
        name: 'Primera visita',
        summary: 'Aprenda, confirme y firme.',
        lang: 'es',
      },
      { packId: 'check-in', name: 'Check-in', summary: null, lang: 'en' },
    ]);
  });

  it('falls back from a regional locale to its language, then to the pack default', () => {
    expect(programmeButtons(programmes, 'es-MX')[0]?.name).toBe('Primera visita');
    expect(programmeButtons(programmes, 'fr')[0]).toMatchObject({
      name: 'First visit',
      lang: 'en',
    });
  });
});
