import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PackError } from './pack-error';
import { loadProgrammes } from './programmes';
import { defaultResourcesDir } from './resources-dir';

const CONTENT = join(defaultResourcesDir(), 'content');
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("the clinic's programmes", () => {
  it('loads the default first visit and treatment-day check-in, in the order given', () => {
    const programmes = loadProgrammes(CONTENT, ['ketamine-check-in', 'ketamine-education']);
    expect(programmes.packs.map((pack) => pack.id)).toEqual([
      'ketamine-check-in',
      'ketamine-education',
    ]);
    expect(programmes.first.id).toBe('ketamine-check-in');
    expect(programmes.find('ketamine-education')?.programme?.name.en).toBe('First visit');
    expect(programmes.find('no-such-pack')).toBeUndefined();
    expect(programmes.locales).toEqual(['en', 'es']);
  });

  it('the check-in holds details, the PHQ-9, the GAD-7, the safety checklist and review: no education, no signature', () => {
    const checkIn = loadProgrammes(CONTENT, ['ketamine-check-in']).first;
    expect(checkIn.steps.map((step) => `${step.kind}:${step.id}`)).toEqual([
      'identity:identity',
      'questionnaire:phq-9',
      'questionnaire:gad-7',
      'questionnaire:safety-check',
      'review:review',
    ]);
  });

  it('names the pack folder of a broken pack, so a clinic with several knows which', () => {
    const root = mkdtempSync(join(tmpdir(), 'kiosk-programmes-'));
    temps.push(root);
    for (const id of ['ketamine-education', 'ketamine-check-in']) {
      cpSync(join(CONTENT, id), join(root, id), { recursive: true });
    }
    const file = join(root, 'ketamine-check-in', 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
    manifest.version = 'one';
    writeFileSync(file, JSON.stringify(manifest));
    let error: unknown;
    try {
      loadProgrammes(root, ['ketamine-education', 'ketamine-check-in']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).file).toBe('ketamine-check-in/manifest.json');
    expect((error as PackError).message).toMatch(
      /^ketamine-check-in\/manifest\.json: version: must be a version such as "1\.0\.0"/,
    );
  });

  it('refuses a missing pack folder by name', () => {
    expect(() => loadProgrammes(CONTENT, ['ketamine-education', 'not-installed'])).toThrow(
      /not-installed.*does not exist/,
    );
  });
});
