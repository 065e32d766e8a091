// The app's Prisma client and its pg pool on a real Postgres: every connection gets lz4 TOAST
// compression before its first query, where the server has lz4 (CI runs this on the embedded
// PostgreSQL, without lz4, and on the machine's, with it).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { createPrismaClient, pgPool, queryRows, type Db } from '@/server/db';
import { createTestDatabase, type TestDatabase } from '@/test/database';

let t: TestDatabase;
let fresh: Db;

beforeAll(async () => {
  t = await createTestDatabase({ empty: true });
  fresh = createPrismaClient(t.url);
});
afterAll(async () => {
  await fresh?.$disconnect();
  await t?.drop();
});

describe('createPrismaClient', () => {
  it('sets lz4 on each new connection before its first query, where the server has lz4', async () => {
    const pool = pgPool(fresh);
    const [{ has_lz4: hasLz4 }] = (await pool.query<{ has_lz4: boolean }>(`SELECT 'lz4' = ANY (enumvals) AS has_lz4 FROM pg_settings WHERE name = 'default_toast_compression'`)).rows;
    // Several connections at once, each asked first thing.
    const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
    try {
      const settings = await Promise.all(clients.map(async (c) => (await c.query<{ s: string }>("SELECT current_setting('default_toast_compression') AS s")).rows[0].s));
      expect(settings).toEqual(clients.map(() => (hasLz4 ? 'lz4' : 'pglz')));
    } finally {
      for (const c of clients) c.release();
    }
    // Prisma's queries run on the same pool.
    const [{ s }] = await queryRows<{ s: string }[]>(fresh, Prisma.sql`SELECT current_setting('default_toast_compression') AS s`);
    expect(s).toBe(hasLz4 ? 'lz4' : 'pglz');
  });
});

describe('a second copy of the db module', () => {
  // Next bundles src/server/db.ts once for route handlers and once for pages; the process-wide
  // client is on globalThis, so a copy may be handed a client another copy made.
  it('finds the pg pool of a client another copy made, so its queryRows skip Prisma', async () => {
    vi.resetModules();
    const copy = await import('@/server/db');
    expect(copy.createPrismaClient).not.toBe(createPrismaClient); // really another module instance
    expect(copy.pgPool(fresh)).toBe(pgPool(fresh));
    const madeByCopy = copy.createPrismaClient(t.url);
    try {
      expect(pgPool(madeByCopy)).toBe(copy.pgPool(madeByCopy));
    } finally {
      await madeByCopy.$disconnect();
    }
  });
});
