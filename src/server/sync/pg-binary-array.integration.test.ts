// The binary arrays as PostgreSQL reads them: each element back exactly, NULLs, empty arrays.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { binaryTextArray, binaryTimestamptzArray, PG_TYPE } from './pg-binary-array';

let t: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  t = await createTestDatabase({ empty: true });
  client = new pg.Client({ connectionString: t.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await t?.drop();
});

/** The array's elements as PostgreSQL sees them, each as text (NULL stays null). */
async function elements(sql: string, param: Buffer): Promise<(string | null)[]> {
  const { rows } = await client.query<{ e: string | null }>(`SELECT e FROM unnest(${sql}) WITH ORDINALITY AS a(e, i) ORDER BY i`, [param]);
  return rows.map((r) => r.e);
}

describe('binaryTextArray', () => {
  it('sends each string as is, multi-byte characters, quotes, commas, braces and NULLs included', async () => {
    const values = ['plain', '', 'a "quoted", {braced} \\ back\nslash', '✓ 🚑 é', null, 'NULL', 'x'.repeat(70_000)];
    expect(await elements('$1::text[]', binaryTextArray(values))).toEqual(values);
    const { rows } = await client.query('SELECT array_length($1::text[], 1) AS n, array_position($1::text[], NULL) AS null_at', [binaryTextArray(values)]);
    expect(rows[0]).toEqual({ n: values.length, null_at: 5 });
  });

  it('carries json documents, which PostgreSQL still validates', async () => {
    const documents = [JSON.stringify({ Id: 'f-1', Description: 'a\u001eb "q" 🚑' }), '[1,2]'];
    const { rows } = await client.query<{ id: string | null }>(`SELECT d->>'Id' AS id FROM unnest($1::json[]) AS d`, [binaryTextArray(documents, PG_TYPE.json)]);
    expect(rows.map((r) => r.id)).toEqual(['f-1', null]);
    await expect(client.query('SELECT $1::json[]', [binaryTextArray(['{"unclosed":'], PG_TYPE.json)])).rejects.toThrow(/json/i);
  });

  it('is refused as an array of another element type', async () => {
    await expect(client.query('SELECT $1::json[]', [binaryTextArray(['{}'])])).rejects.toThrow(/element type 25 \(text\) instead of expected 114 \(json\)/);
  });

  it('sends an empty array', async () => {
    const { rows } = await client.query('SELECT cardinality($1::text[]) AS n', [binaryTextArray([])]);
    expect(rows[0].n).toBe(0);
  });
});

describe('binaryTimestamptzArray', () => {
  it('sends each instant to the millisecond, before and after 2000, and NULLs', async () => {
    const values = ['2026-01-02T03:04:05.678Z', null, '1999-12-31T23:59:59.999Z', '2000-01-01T00:00:00.000Z', '2026-06-30T12:00:00+02:00'];
    const { rows } = await client.query<{ e: Date | null }>(`SELECT e FROM unnest($1::timestamptz[]) WITH ORDINALITY AS a(e, i) ORDER BY i`, [binaryTimestamptzArray(values)]);
    expect(rows.map((r) => r.e?.toISOString() ?? null)).toEqual(values.map((v) => (v === null ? null : new Date(v).toISOString())));
  });

  it('refuses what is not an instant', () => {
    expect(() => binaryTimestamptzArray(['yesterday'])).toThrow(RangeError);
  });

  it('sends an empty array', async () => {
    const { rows } = await client.query('SELECT cardinality($1::timestamptz[]) AS n', [binaryTimestamptzArray([])]);
    expect(rows[0].n).toBe(0);
  });
});
