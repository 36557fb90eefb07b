import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultResourcesDir, loadClinicProfile, PackError } from './index';

const REAL_PROFILE = join(defaultResourcesDir(), 'clinic', 'profile.json');

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

function profileFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-profile-'));
  temps.push(dir);
  const file = join(dir, 'profile.json');
  writeFileSync(file, content);
  return file;
}

const valid = {
  name: 'Example Clinic',
  addressLines: ['1 Main St', 'Town, ST 00000'],
  hours: 'Weekdays',
  timeZone: 'America/New_York',
};

function loadError(file: string): PackError {
  try {
    loadClinicProfile(file);
  } catch (error) {
    if (error instanceof PackError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected loadClinicProfile to throw a PackError');
}

describe('loadClinicProfile', () => {
  it('loads the shipped profile', () => {
    const profile = loadClinicProfile(REAL_PROFILE);
    expect(profile.name.length).toBeGreaterThan(0);
    expect(profile.addressLines.length).toBeGreaterThan(0);
    expect(profile.hours.length).toBeGreaterThan(0);
    expect(profile.timeZone).toBe('America/New_York');
  });

  it('leaves absent optional fields out rather than undefined', () => {
    const profile = loadClinicProfile(profileFile(JSON.stringify(valid)));
    expect(profile).toEqual(valid);
    expect('phone' in profile).toBe(false);
    expect('email' in profile).toBe(false);
  });

  it('keeps phone and email when given', () => {
    const profile = loadClinicProfile(
      profileFile(JSON.stringify({ ...valid, phone: '555 0100', email: 'desk@example.com' })),
    );
    expect(profile.phone).toBe('555 0100');
    expect(profile.email).toBe('desk@example.com');
  });

  it.each([
    {
      name: 'a missing name',
      profile: { ...valid, name: undefined },
      field: 'name',
      reason: /required/,
    },
    { name: 'a blank name', profile: { ...valid, name: ' ' }, field: 'name', reason: /empty/ },
    {
      name: 'no address',
      profile: { ...valid, addressLines: [] },
      field: 'addressLines',
      reason: /at least one/,
    },
    {
      name: 'a blank address line',
      profile: { ...valid, addressLines: ['1 Main St', ''] },
      field: 'addressLines[1]',
      reason: /empty/,
    },
    {
      name: 'missing hours',
      profile: { ...valid, hours: undefined },
      field: 'hours',
      reason: /required/,
    },
    {
      name: 'a bad email',
      profile: { ...valid, email: 'not an email' },
      field: 'email',
      reason: /email/,
    },
    {
      name: 'a number for a phone',
      profile: { ...valid, phone: 5550100 },
      field: 'phone',
      reason: /string/,
    },
    {
      name: 'a missing time zone',
      profile: { ...valid, timeZone: undefined },
      field: 'timeZone',
      reason: /required/,
    },
    {
      name: 'an unknown time zone',
      profile: { ...valid, timeZone: 'America/Springfield' },
      field: 'timeZone',
      reason: /IANA time zone this system knows, such as America\/New_York/,
    },
    {
      name: 'an offset instead of a zone name',
      profile: { ...valid, timeZone: 'EST5EDT6' },
      field: 'timeZone',
      reason: /IANA time zone/,
    },
    {
      name: 'an unknown key',
      profile: { ...valid, fax: '555' },
      field: 'fax',
      reason: /not a known field/,
    },
  ])('reports $name, naming the file and field', ({ profile, field, reason }) => {
    const file = profileFile(JSON.stringify(profile));
    const error = loadError(file);
    expect(error.file).toBe(file);
    expect(error.field).toBe(field);
    expect(error.message).toContain(`${file}: ${field}: `);
    expect(error.message).toMatch(reason);
  });

  it('reports bad JSON and a missing file', () => {
    expect(loadError(profileFile('{ "name": "x", }')).message).toMatch(/not valid JSON/);
    const missing = join(tmpdir(), 'no-such-kiosk-profile.json');
    expect(loadError(missing).message).toBe(`${missing}: (file): the file does not exist`);
  });
});

describe('the content code', () => {
  it('never holds the clinic name: that is configuration', () => {
    const { name } = loadClinicProfile(REAL_PROFILE);
    const sources = readdirSync(import.meta.dirname).filter((file) => file.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) {
      const text = readFileSync(join(import.meta.dirname, file), 'utf8');
      expect(text.toLowerCase(), file).not.toContain(name.toLowerCase());
    }
  });
});
