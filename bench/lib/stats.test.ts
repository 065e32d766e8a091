import { describe, expect, it } from 'vitest';
import { copyLine, copyValue, roundRobin } from './bulk-load';
import { descendants, parseProcStatus, percentile } from './stats';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i); // 1..200, unsorted
    expect(percentile(values, 50)).toBe(100);
    expect(percentile(values, 95)).toBe(190);
    expect(percentile(values, 100)).toBe(200);
    expect(percentile(values, 0)).toBe(1);
  });
  it('handles one value and no value', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('parseProcStatus', () => {
  it('reads the memory figures in bytes', () => {
    const text = 'Name:\tnext-server (v1\nPPid:\t42\nVmHWM:\t  512000 kB\nVmRSS:\t  256000 kB\n';
    expect(parseProcStatus(text)).toEqual({ name: 'next-server (v1', ppid: 42, hwmBytes: 512000 * 1024, rssBytes: 256000 * 1024 });
  });
});

describe('descendants', () => {
  it('walks the whole tree below the root', () => {
    const parents = new Map([
      [2, 1],
      [3, 2],
      [4, 2],
      [5, 3],
      [9, 8],
    ]);
    expect(descendants(1, parents).sort()).toEqual([2, 3, 4, 5]);
    expect(descendants(5, parents)).toEqual([]);
  });
});

describe('COPY text', () => {
  it('escapes what the text format needs and writes null as \\N', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyLine(['x', 1, null])).toBe('x\t1\t\\N\n');
    expect(copyValue(JSON.stringify({ q: 'say "hi"\n' }))).toBe('{"q":"say \\\\"hi\\\\"\\\\n"}');
  });
  it('splits work round-robin', () => {
    expect(roundRobin([1, 2, 3, 4, 5], 2)).toEqual([
      [1, 3, 5],
      [2, 4],
    ]);
  });
});
