import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PACK_ID, defaultResourcesDir, loadPack, type Pack } from './index';
import { loadError } from './pack-test-fixtures';

const REAL_PACK = join(defaultResourcesDir(), 'content', DEFAULT_PACK_ID);

/** The manifest as tests edit it: loose, since the point is to break it. */
interface StepJson {
  [key: string]: unknown;
  kind: string;
  id: string;
  title: Record<string, string>;
  options: { id: string; label: Record<string, string> }[];
  statements: { id: string; text: Record<string, string> }[];
  consentTo?: Record<string, string>;
}
interface ManifestJson {
  [key: string]: unknown;
  locales: string[];
  defaultLocale: string;
  title: Record<string, string>;
  steps: StepJson[];
}

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A copy of the real pack in a temporary folder named for the pack. */
function copyPack(): string {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-pack-'));
  temps.push(root);
  const dir = join(root, DEFAULT_PACK_ID);
  cpSync(REAL_PACK, dir, { recursive: true });
  return dir;
}

function readManifest(dir: string): ManifestJson {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestJson;
}

function writeManifest(dir: string, manifest: unknown): void {
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

function editManifest(dir: string, edit: (manifest: ManifestJson) => void): void {
  const manifest = readManifest(dir);
  edit(manifest);
  writeManifest(dir, manifest);
}

function indexOfStep(manifest: ManifestJson, id: string): number {
  const index = manifest.steps.findIndex((step) => step.id === id);
  if (index < 0) {
    throw new Error(`the real pack has no step "${id}"`);
  }
  return index;
}

function stepOf(manifest: ManifestJson, id: string): StepJson {
  const step = manifest.steps[indexOfStep(manifest, id)];
  if (step === undefined) {
    throw new Error(`no step ${id}`);
  }
  return step;
}

/** A questionnaire step's items, as loose objects to break. */
function questionnaireItems(
  manifest: ManifestJson,
  id: string,
): Record<string, unknown>[] & {
  0: Record<string, unknown>;
  2: Record<string, unknown>;
} {
  const items = stepOf(manifest, id).items;
  if (!Array.isArray(items) || items.length < 3) {
    throw new Error(`the real pack's ${id} has too few items`);
  }
  return items as Record<string, unknown>[] & {
    0: Record<string, unknown>;
    2: Record<string, unknown>;
  };
}

function firstOfKind(manifest: ManifestJson, kind: string): StepJson {
  const step = manifest.steps.find((candidate) => candidate.kind === kind);
  if (step === undefined) {
    throw new Error(`the real pack has no ${kind} step`);
  }
  return step;
}

function pagesOf(pack: Pack) {
  return pack.steps.filter((step) => step.kind === 'page');
}

function wordCount(markdown: string): number {
  return markdown.split(/\s+/).filter((word) => /[A-Za-z0-9]/.test(word)).length;
}

describe('the default pack', () => {
  const pack = loadPack(REAL_PACK);

  it('loads with its identity', () => {
    expect(pack.id).toBe(DEFAULT_PACK_ID);
    expect(pack.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pack.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(pack.locales).toContain(pack.defaultLocale);
  });

  it('has the pages, checks, statements and form steps the flow needs', () => {
    expect(pagesOf(pack).length).toBeGreaterThanOrEqual(8);
    expect(pack.steps.filter((step) => step.kind === 'check').length).toBeGreaterThanOrEqual(3);
    const statements = pack.steps.flatMap((step) =>
      step.kind === 'acknowledge' ? step.statements : [],
    );
    expect(statements.length).toBeGreaterThanOrEqual(5);
    expect(pack.steps.slice(-3).map((step) => step.kind)).toEqual([
      'identity',
      'signature',
      'review',
    ]);
  });

  it('cites both reviews with their DOIs on the sources page', () => {
    const sources = pack.toClient('en').steps.find((step) => step.id === 'sources');
    expect(sources?.kind).toBe('page');
    const html = sources?.kind === 'page' ? sources.html : '';
    expect(html).toContain('10.1192/bjo.2021.1061');
    expect(html).toContain('10.3389/fnins.2023.1223145');
  });

  it('places each check after the page it refers to', () => {
    pack.steps.forEach((step, index) => {
      if (step.kind === 'check') {
        const target = pack.steps.findIndex((other) => other.id === step.refersTo);
        expect(pack.steps[target]?.kind, step.id).toBe('page');
        expect(target, step.id).toBeLessThan(index);
      }
    });
  });

  it('keeps every page short enough for one screen at large type', () => {
    for (const page of pagesOf(pack)) {
      for (const locale of pack.locales) {
        const words = wordCount(page.body[locale] ?? '');
        expect(words, `${locale}/${page.id}`).toBeGreaterThanOrEqual(100);
        expect(words, `${locale}/${page.id}`).toBeLessThanOrEqual(230);
      }
    }
  });

  it('finds steps by id', () => {
    expect(pack.step('welcome')?.kind).toBe('page');
    expect(pack.step('no-such-step')).toBeUndefined();
  });

  it('cannot be changed by the code that shares it', () => {
    expect(Object.isFrozen(pack)).toBe(true);
    expect(Object.isFrozen(pack.steps)).toBe(true);
    expect(() => {
      (pack.steps as unknown[]).push({});
    }).toThrow(TypeError);
  });
});

describe('a broken pack', () => {
  interface Case {
    name: string;
    breakIt: (dir: string) => void;
    file: string;
    field: string | ((manifest: ManifestJson) => string);
    reason: RegExp;
  }

  const cases: Case[] = [
    {
      name: 'a pack with no identity step',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          const forms = new Set(['identity', 'signature', 'acknowledge']);
          m.steps = m.steps.filter((step) => !forms.has(step.kind));
        });
      },
      file: 'manifest.json',
      field: 'steps',
      reason: /must have an "identity" step/,
    },
    {
      name: 'a signature before the identity it is bound to',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          const signature = m.steps.splice(indexOfStep(m, 'signature'), 1);
          m.steps.splice(indexOfStep(m, 'identity'), 0, ...signature);
        });
      },
      file: 'manifest.json',
      // The signature moves to where the identity step was.
      field: (m) => `steps[${indexOfStep(m, 'identity')}].kind`,
      reason: /"signature" step must come after the "identity" step/,
    },
    {
      name: 'statements to confirm with no signature step',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          m.steps.splice(indexOfStep(m, 'signature'), 1);
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'acknowledgements')}].kind`,
      reason: /statements to confirm must have a "signature" step/,
    },
    {
      name: 'a programme name missing a locale',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          m.programme = { name: {}, summary: { en: 'Learn and sign.' } };
        });
      },
      file: 'manifest.json',
      field: 'programme.name.en',
      reason: /required/,
    },
    {
      name: 'a missing page file',
      breakIt: (dir) => {
        unlinkSync(join(dir, 'pages/en/sources.md'));
      },
      file: 'pages/en/sources.md',
      field: (m) => `steps[${indexOfStep(m, 'sources')}]`,
      reason: /does not exist/,
    },
    {
      name: 'an empty page file',
      breakIt: (dir) => {
        writeFileSync(join(dir, 'pages/en/welcome.md'), '  \n\n');
      },
      file: 'pages/en/welcome.md',
      field: (m) => `steps[${indexOfStep(m, 'welcome')}]`,
      reason: /empty/,
    },
    {
      name: 'a page that renders to nothing',
      breakIt: (dir) => {
        // A rule and an empty link: nothing the allow-list keeps has words.
        writeFileSync(join(dir, 'pages/en/welcome.md'), '---\n\n[](https://example.com/)\n');
      },
      file: 'pages/en/welcome.md',
      field: (m) => `steps[${indexOfStep(m, 'welcome')}]`,
      reason: /no text/,
    },
    {
      name: 'a page with a picture from the web',
      breakIt: (dir) => {
        writeFileSync(
          join(dir, 'pages/en/welcome.md'),
          'Hello.\n\n![A cat](https://example.com/cat.png)\n',
        );
      },
      file: 'pages/en/welcome.md',
      field: (m) => `steps[${indexOfStep(m, 'welcome')}]`,
      reason: /line 3: the picture "https:\/\/example.com\/cat.png" must be a file inside the pack/,
    },
    {
      name: 'a page file that is not UTF-8',
      breakIt: (dir) => {
        writeFileSync(join(dir, 'pages/en/welcome.md'), Buffer.from([0x48, 0xff, 0xfe, 0x69]));
      },
      file: 'pages/en/welcome.md',
      field: (m) => `steps[${indexOfStep(m, 'welcome')}]`,
      reason: /UTF-8/,
    },
    {
      name: 'a refersTo naming no step',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          stepOf(m, 'check-off-label').refersTo = 'nowhere';
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'check-off-label')}].refersTo`,
      reason: /"nowhere" must be the id of a page step/,
    },
    {
      name: 'a refersTo naming a step that is not a page',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          stepOf(m, 'check-off-label').refersTo = 'identity';
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'check-off-label')}].refersTo`,
      reason: /page step/,
    },
    {
      name: 'a refersTo naming a page after the check',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          stepOf(m, 'check-off-label').refersTo = 'sources';
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'check-off-label')}].refersTo`,
      reason: /comes before/,
    },
    {
      name: 'a missing locale string',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          const option = stepOf(m, 'check-off-label').options[1];
          if (option) {
            delete option.label.en;
          }
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'check-off-label')}].options[1].label.en`,
      reason: /is required/,
    },
    {
      name: 'a blank locale string',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          m.title.en = '   ';
        });
      },
      file: 'manifest.json',
      field: 'title.en',
      reason: /must not be empty/,
    },
    {
      name: 'a string for a locale the pack does not declare',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          stepOf(m, 'welcome').title.fr = 'Bienvenue';
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'welcome')}].title.fr`,
      reason: /not a known field/,
    },
    {
      name: 'a declared locale with no strings',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          m.locales = [...m.locales, 'fr'];
        });
      },
      file: 'manifest.json',
      field: 'title.fr',
      reason: /is required/,
    },
    {
      name: 'a default locale that is not declared',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          m.defaultLocale = 'fr';
        });
      },
      file: 'manifest.json',
      field: 'defaultLocale',
      reason: /one of the locales/,
    },
    {
      name: 'a duplicate step id',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          stepOf(m, 'sources').id = 'welcome';
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'sources')}].id`,
      reason: /"welcome" is already the id of steps\[0\]/,
    },
    {
      name: 'a duplicate option id',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          const [first, second] = stepOf(m, 'check-off-label').options;
          if (first && second) {
            second.id = first.id;
          }
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'check-off-label')}].options[1].id`,
      reason: /already the id/,
    },
    {
      name: 'a duplicate statement id',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          const [first, second] = firstOfKind(m, 'acknowledge').statements;
          if (first && second) {
            second.id = first.id;
          }
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${m.steps.findIndex((s) => s.kind === 'acknowledge')}].statements[1].id`,
      reason: /already the id/,
    },
    {
      name: 'a blank treatment an acknowledge step consents to',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          firstOfKind(m, 'acknowledge').consentTo = { en: '  ' };
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${m.steps.findIndex((s) => s.kind === 'acknowledge')}].consentTo.en`,
      reason: /must not be empty/,
    },
    {
      name: 'a correct answer that is not an option',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          stepOf(m, 'check-off-label').correctOptionId = 'maybe';
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'check-off-label')}].correctOptionId`,
      reason: /not the id of one of this step's options/,
    },
    {
      name: 'an unknown key on a step',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          stepOf(m, 'welcome').colour = 'blue';
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'welcome')}].colour`,
      reason: /not a known field/,
    },
    {
      name: 'an unknown top-level key',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          m.description = 'extra';
        });
      },
      file: 'manifest.json',
      field: 'description',
      reason: /not a known field/,
    },
    {
      name: 'an unknown step kind',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          stepOf(m, 'welcome').kind = 'slideshow';
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'welcome')}].kind`,
      reason: /discriminator/i,
    },
    {
      name: 'an id that is not lowercase',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          stepOf(m, 'sources').id = 'Sources';
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'sources')}].id`,
      reason: /lowercase id/,
    },
    {
      name: 'a second signature step',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          m.steps.push({ ...firstOfKind(m, 'signature'), id: 'signature-again' });
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${m.steps.length}].kind`,
      reason: /only one "signature" step/,
    },
    {
      name: 'a manifest id that differs from the folder name',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          m.id = 'another-pack';
        });
      },
      file: 'manifest.json',
      field: 'id',
      reason: /folder name "ketamine-education"/,
    },
    {
      name: 'a version that is not x.y.z',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          m.version = 'v1';
        });
      },
      file: 'manifest.json',
      field: 'version',
      reason: /version/,
    },
    {
      name: 'a manifest missing a comma',
      breakIt: (dir) => {
        const text = readFileSync(join(dir, 'manifest.json'), 'utf8');
        writeFileSync(join(dir, 'manifest.json'), text.replace(/("version": "[^"]+"),/, '$1'));
      },
      file: 'manifest.json',
      field: '(file)',
      reason: /not valid JSON .*line 4, column 3/,
    },
    {
      name: 'a manifest with a stray comma in a list',
      breakIt: (dir) => {
        const text = readFileSync(join(dir, 'manifest.json'), 'utf8');
        writeFileSync(join(dir, 'manifest.json'), text.replace('"steps": [', '"steps": [,'));
      },
      file: 'manifest.json',
      field: '(file)',
      reason: /not valid JSON/,
    },
    {
      name: 'a missing manifest',
      breakIt: (dir) => {
        unlinkSync(join(dir, 'manifest.json'));
      },
      file: 'manifest.json',
      field: '(file)',
      reason: /does not exist/,
    },
    {
      name: 'a questionnaire item naming an answer set that does not exist',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          questionnaireItems(m, 'phq-9')[0].answerSet = 'sometimes';
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'phq-9')}].items[0].answerSet`,
      reason: /"sometimes" is not one of "answerSets"/,
    },
    {
      name: 'an enableWhen pointing at a later item',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          questionnaireItems(m, 'phq-9')[0].enableWhen = [
            { item: 'phq9-2', operator: '>=', value: 1 },
          ];
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'phq-9')}].items[0].enableWhen[0].item`,
      reason: /must be the id of an item before this one/,
    },
    {
      name: 'score bands with a gap',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          const total = (stepOf(m, 'phq-9').scoring as { bands: { min: number }[] }[])[0];
          const band = total?.bands[1];
          if (band) {
            band.min = 6;
          }
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'phq-9')}].scoring[0].bands[1].min`,
      reason: /must be 5: bands run without gaps or overlaps/,
    },
    {
      name: 'bands that stop short of the highest total',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          const total = (stepOf(m, 'gad-7').scoring as { bands: { max: number }[] }[])[0];
          const last = total?.bands[total.bands.length - 1];
          if (last) {
            last.max = 20;
          }
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'gad-7')}].scoring[0].bands[3].max`,
      reason: /the last band must end at 21/,
    },
    {
      name: 'a rule on an item that does not exist',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          const rule = (stepOf(m, 'phq-9').rules as { when: { item: string } }[])[0];
          if (rule) {
            rule.when.item = 'phq9-99';
          }
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'phq-9')}].rules[0].when.item`,
      reason: /"phq9-99" is not an item or a total/,
    },
    {
      name: 'a clinician-now rule without a support text',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          delete stepOf(m, 'phq-9').support;
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'phq-9')}].support`,
      reason: /is required when a rule raises a clinician-now alert/,
    },
    {
      name: 'an item of an unknown type',
      breakIt: (dir) => {
        editManifest(dir, (m) => {
          questionnaireItems(m, 'gad-7')[2].type = 'slider';
        });
      },
      file: 'manifest.json',
      field: (m) => `steps[${indexOfStep(m, 'gad-7')}].items[2].type`,
      reason: /./,
    },
  ];

  it.each(cases)('reports $name, naming the file and field', (testCase) => {
    const dir = copyPack();
    const manifest = readManifest(dir);
    testCase.breakIt(dir);
    const error = loadError(dir);
    const field = typeof testCase.field === 'function' ? testCase.field(manifest) : testCase.field;
    expect(error.file).toBe(testCase.file);
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${testCase.file}: ${field}: `)).toBe(true);
    expect(error.message).toMatch(testCase.reason);
    expect(error.name).toBe('PackError');
  });

  it('lists further problems after the first', () => {
    const dir = copyPack();
    editManifest(dir, (m) => {
      m.extra = 1;
      delete stepOf(m, 'welcome').title.en;
    });
    const error = loadError(dir);
    expect(error.message).toMatch(/and 1 more problem/);
    expect(error.message).toContain('extra: is not a known field');
    expect(error.message).toMatch(/steps\[\d+\]\.title\.en: is required/);
  });

  it('reports a missing pack folder', () => {
    const error = loadError(join(tmpdir(), 'no-such-pack-folder-for-kiosk-tests'));
    expect(error.message).toMatch(/does not exist/);
  });
});

describe('the pack hash', () => {
  const realHash = loadPack(REAL_PACK).hash;

  it('does not depend on where the pack is stored', () => {
    expect(loadPack(copyPack()).hash).toBe(realHash);
  });

  it('ignores manifest whitespace and key order', () => {
    const dir = copyPack();
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) {
        return value.map(reversed);
      }
      if (typeof value === 'object' && value !== null) {
        return Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([key, child]) => [key, reversed(child)]),
        );
      }
      return value;
    };
    const manifest = readManifest(dir);
    writeFileSync(
      join(dir, 'manifest.json'),
      `\n${JSON.stringify(reversed(manifest), null, '\t')}\n\n`,
    );
    expect(loadPack(dir).hash).toBe(realHash);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect(loadPack(dir).hash).toBe(realHash);
  });

  it('ignores Windows line endings in page files', () => {
    const dir = copyPack();
    const file = join(dir, 'pages/en/welcome.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    expect(loadPack(dir).hash).toBe(realHash);
  });

  it('changes when one character of a page changes', () => {
    const dir = copyPack();
    const file = join(dir, 'pages/en/side-effects.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('next day', 'next  day'));
    expect(loadPack(dir).hash).not.toBe(realHash);
  });

  it('changes when a statement, a title or the version changes', () => {
    const edits: ((manifest: ManifestJson) => void)[] = [
      (m) => {
        const statement = firstOfKind(m, 'acknowledge').statements[0];
        if (statement) {
          statement.text.en = `${statement.text.en ?? ''}.`;
        }
      },
      (m) => {
        stepOf(m, 'welcome').title.en = 'Welcome!';
      },
      (m) => {
        m.version = '1.0.1';
      },
      (m) => {
        // Marking statements as consent to a treatment changes what the client agreed to.
        firstOfKind(m, 'acknowledge').consentTo = Object.fromEntries(
          m.locales.map((locale) => [locale, 'ketamine treatment']),
        );
      },
    ];
    const hashes = new Set([realHash]);
    for (const edit of edits) {
      const dir = copyPack();
      editManifest(dir, edit);
      hashes.add(loadPack(dir).hash);
    }
    expect(hashes.size).toBe(edits.length + 1);
  });
});
