import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The `electronFuses:` block of electron-builder.yml, as `name: value` pairs. */
function fuses(): Record<string, string> {
  const yml = readFileSync(join(import.meta.dirname, '..', '..', 'electron-builder.yml'), 'utf8');
  const block = /^electronFuses:\n((?:[ \t]+.*\n|\n)*)/m.exec(yml)?.[1] ?? '';
  const pairs: [string, string][] = [...block.matchAll(/^[ \t]+(\w+):[ \t]*(\S+)/gm)].map(
    (match) => [match[1] ?? '', match[2] ?? ''],
  );
  return Object.fromEntries(pairs);
}

describe('the packaged binary’s fuses', () => {
  it('turn off every way in from the environment and file://, and check the archive', () => {
    expect(fuses()).toEqual({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      enableCookieEncryption: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });
});
