import { describe, expect, it } from 'vitest';
import { parseSnapshotDay, snapshotDay, withLiveToday, type TrendPoint } from './snapshots';

describe('snapshot days', () => {
  const today = new Date('2030-06-15T22:30:00Z');

  it('is the UTC calendar day of an instant', () => {
    expect(snapshotDay(today)).toBe('2030-06-15');
    expect(snapshotDay(new Date('2030-06-15T23:59:59.999-02:00'))).toBe('2030-06-16');
  });

  it('reads a past or present calendar day from a URL', () => {
    expect(parseSnapshotDay('2030-06-15', today)).toBe('2030-06-15');
    expect(parseSnapshotDay([' 2024-02-29 '], today)).toBe('2024-02-29');
  });

  it('refuses anything else', () => {
    for (const bad of ['', undefined, null, '2030-06-16', '2023-02-29', '2030-13-01', '15/06/2030', '2030-06-15T00:00:00Z', '1999-12-31', "2030-06-15' OR 1=1"]) {
      expect(parseSnapshotDay(bad, today), String(bad)).toBeNull();
    }
  });
});

describe("the trend's point for today", () => {
  const NOW = new Date('2026-12-04T15:00:00Z');
  const point = (day: string, passed: number, failed: number): TrendPoint => ({ day, passed, failed, excepted: 0, unknown: 0, score: passed / (passed + failed) });
  const live = { passed: 3, failed: 1, excepted: 1, unknown: 0 };

  it("replaces today's snapshot with the live figures, so it agrees with the headline", () => {
    expect(withLiveToday([point('2026-12-03', 1, 1), point('2026-12-04', 2, 2)], live, NOW)).toEqual([point('2026-12-03', 1, 1), { day: '2026-12-04', ...live, score: 0.75 }]);
  });

  it('adds today when no snapshot was taken yet, and nothing when nothing was ever evaluated', () => {
    expect(withLiveToday([point('2026-12-02', 1, 1)], live, NOW).map((p) => p.day)).toEqual(['2026-12-02', '2026-12-04']);
    expect(withLiveToday([], { passed: 0, failed: 0, excepted: 0, unknown: 0 }, NOW)).toEqual([]);
  });
});
