import { describe, expect, it } from 'vitest';
import { canonicalJson, packHash, sha256Hex } from './canonical-hash';

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vector for "abc"', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes the UTF-8 bytes of non-ASCII text', () => {
    expect(sha256Hex('é')).toBe(sha256Hex('\u00e9'));
    expect(sha256Hex('é')).not.toBe(sha256Hex('e\u0301'));
  });
});

describe('canonicalJson', () => {
  it('sorts keys recursively and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[true,null]},"b":1}',
    );
  });

  it('keeps array order', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('encodes equal documents identically whatever their key order', () => {
    const one = JSON.parse('{"x": {"p": 1, "q": [1, {"s": 2, "r": 3}]}, "y": "z"}') as unknown;
    const two = JSON.parse('{"y":"z","x":{"q":[1,{"r":3,"s":2}],"p":1}}') as unknown;
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
  });
});

describe('packHash', () => {
  const manifest = { id: 'p', steps: [{ id: 'a' }, { id: 'b' }] };

  it('does not depend on the order pages were read in', () => {
    const forward = new Map([
      ['en/a', 'A'],
      ['en/b', 'B'],
    ]);
    const backward = new Map([
      ['en/b', 'B'],
      ['en/a', 'A'],
    ]);
    expect(packHash(manifest, forward)).toBe(packHash(manifest, backward));
  });

  it('cannot be fooled by moving text from one page to the next', () => {
    const before = new Map([
      ['en/a', 'One two'],
      ['en/b', 'three'],
    ]);
    const after = new Map([
      ['en/a', 'One'],
      ['en/b', ' twothree'],
    ]);
    expect(packHash(manifest, before)).not.toBe(packHash(manifest, after));
  });
});
