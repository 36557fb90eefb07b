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

  it('refuses what the canonicalize package would silently drop or change', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(/\$\.a/);
    expect(() => canonicalJson([1, undefined])).toThrow(TypeError);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/not a plain object/);
    expect(() => canonicalJson(new Map())).toThrow(/not a plain object/);
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    expect(() => canonicalJson([1, , 2])).toThrow(/hole/);
    expect(() => canonicalJson({ [Symbol('s')]: 1 })).toThrow(/symbol/);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });

  it('refuses lone surrogates, which are not I-JSON (RFC 7493 §2.1)', () => {
    expect(() => canonicalJson('\ud800')).toThrow(/surrogate/);
    expect(() => canonicalJson({ ['\udc00']: 1 })).toThrow(/surrogate/);
    expect(canonicalJson('\ud83d\ude00')).toBe('"😀"');
  });

  it('refuses a value that contains itself, but not one shared twice', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(/refers back/);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it('accepts objects without a prototype, as JSON has no prototypes', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 2;
    bare.a = 1;
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });
});

describe('canonicalJson against RFC 8785', () => {
  it('encodes the example of §3.2.2', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    expect(canonicalJson(JSON.parse(input))).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts keys by UTF-16 code units as in §3.2.3', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    // Compared as text: Object.keys would list the integer-like key "1" first whatever the order.
    expect(canonicalJson(JSON.parse(input))).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af6', '1e+23'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555554', '333333333.33333325'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
  ])('writes the IEEE 754 double 0x%s as %s (Appendix B)', (bits, text) => {
    expect(canonicalJson(Buffer.from(bits, 'hex').readDoubleBE(0))).toBe(text);
  });
});

describe('packHash', () => {
  const manifest = { id: 'p', steps: [{ id: 'a' }, { id: 'b' }] };

  it('keeps the value the hand-written encoder gave before the move to RFC 8785', () => {
    const pinned = { id: 'p', version: '1.0.0', steps: [{ id: 'a', n: 1.5 }, { id: 'b' }] };
    const pages = new Map([
      ['en/a', 'Ä “quoted” 😀\n'],
      ['de/a', 'B'],
    ]);
    expect(packHash(pinned, pages)).toBe(
      '884b71323a8e2244e4b9fc4cb4e7af5d42b6967c22c0c67fa0b5edb302e76607',
    );
  });

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
