import { describe, expect, it } from 'vitest';
import { canonicalJson } from './manifest';

describe('canonical manifest JSON', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    const a = canonicalJson({ b: 1, a: { d: [3, 1, 2], c: 'x' } });
    const b = canonicalJson({ a: { c: 'x', d: [3, 1, 2] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{\n  "a": {\n    "c": "x",\n    "d": [\n      3,\n      1,\n      2\n    ]\n  },\n  "b": 1\n}\n');
  });

  it('is stable: canonicalising the parsed output gives the same bytes', () => {
    const text = canonicalJson({ z: 'Zoë', files: [{ sha256: 'ab', path: 'a.csv', size: 3 }], notes: ['line\nbreak', 'quote "x"'] });
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('writes non-ASCII characters as UTF-8, not escapes, and sorts keys by code unit', () => {
    expect(canonicalJson({ é: 1, e: 2, E: 3 })).toBe('{\n  "E": 3,\n  "e": 2,\n  "é": 1\n}\n');
  });

  it('drops undefined members and refuses values JSON cannot carry exactly', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{\n  "b": null\n}\n');
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow(/\$\.n/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
  });
});
