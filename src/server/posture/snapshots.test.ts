import { describe, expect, it } from 'vitest';
import { parseSnapshotDay, snapshotDay } from './snapshots';

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
