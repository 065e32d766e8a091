// The app's Prisma client and its pg pool on a real Postgres.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPrismaClient, pgPool, type Db } from '@/server/db';
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
