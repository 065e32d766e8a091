import { describe, expect, it } from 'vitest';
import { joinRawDocuments } from './finding-store';
import type { FindingRow } from './normalize-finding';

const withRaw = (raw: Record<string, unknown>) => ({ rawJson: JSON.stringify(raw) }) as FindingRow;

describe('joinRawDocuments', () => {
  it('encodes each document in UTF-8, one U+001E between two, none inside (JSON.stringify escapes it)', () => {
    const rows = [withRaw({ Title: 'ü 🚑 中' }), withRaw({ Description: 'sep \u001e inside' }), withRaw({ Id: 'plain' })];
    const joined = joinRawDocuments(rows);
    expect(joined.toString('utf8').split('\u001e')).toEqual(rows.map((r) => r.rawJson));
    expect(joined.length).toBe(rows.reduce((n, r) => n + Buffer.byteLength(r.rawJson), 2));
  });

  it('is empty for an empty page', () => {
    expect(joinRawDocuments([]).length).toBe(0);
  });
});
