import { describe, expect, it } from 'vitest';
import { copyLine, copyValue, roundRobin } from './bulk-load';
import { descendants, parseAutogroupSetting, parseProcStatCpu, parseProcStatus, percentile, ratioFloor, ratioWithoutCpuWait } from './stats';

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

describe('ratioFloor', () => {
  it('spreads the sync\'s CPU over the cores, against the fetch-only wall time', () => {
    // 11:37 on 3 December: 5.7 + 23.7 + 22.1 CPU s on 2 cores against an 18.68 s fetch-only run.
    expect(ratioFloor([5_700, 23_700, 22_100], 2, 18_680)).toBeCloseTo(1.378, 3);
    expect(ratioFloor([5_700, 23_700, 22_100], 4, 18_680)).toBeCloseTo(0.689, 3);
  });
  it('is unknown when a part was not measured', () => {
    expect(ratioFloor([5_700, 23_700, undefined], 2, 18_680)).toBeUndefined();
    expect(ratioFloor([1, 2], 0, 18_680)).toBeUndefined();
  });
});

describe('ratioWithoutCpuWait', () => {
  it('takes the main thread\'s run-queue delay off the sync', () => {
    expect(ratioWithoutCpuWait(30_220, 8_700, 18_680)).toBeCloseTo(1.152, 3);
    expect(ratioWithoutCpuWait(30_220, undefined, 18_680)).toBeUndefined();
  });
});

describe('parseAutogroupSetting', () => {
  it('reads /proc/sys/kernel/sched_autogroup_enabled', () => {
    expect(parseAutogroupSetting('1\n')).toBe(true);
    expect(parseAutogroupSetting('0\n')).toBe(false);
    expect(parseAutogroupSetting(undefined)).toBeUndefined();
    expect(parseAutogroupSetting('')).toBeUndefined();
  });
});

describe('parseProcStatCpu', () => {
  it('sums user through steal and reads steal', () => {
    const text = 'cpu  296921 3293 57438 479945 5254 0 3909 29651 0 0\ncpu0 148460 1646 28719 239972 2627 0 1954 14825 0 0\n';
    expect(parseProcStatCpu(text)).toEqual({ totalTicks: 296921 + 3293 + 57438 + 479945 + 5254 + 0 + 3909 + 29651, stealTicks: 29651 });
  });
  it('is undefined without the cpu line', () => {
    expect(parseProcStatCpu('intr 1 2 3\n')).toBeUndefined();
    expect(parseProcStatCpu('cpu  1 2 3\n')).toBeUndefined();
  });
});
