// The one Prisma client of the app. Connections go through the pg driver adapter
// (no native query engine; see README "Database"), on a pg.Pool of our own so that hot
// statements (the sync's page writes and bookkeeping) can skip Prisma's query compiler:
// it compiles every statement with its parameters, ~13 ms of CPU for a 340 KB page
// against ~0.6 ms through pg (bench/RESULTS.md).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient, type Prisma } from '@/generated/prisma/client';

export type Db = PrismaClient;

const globalForPrisma = globalThis as unknown as { safeguardsPrisma?: PrismaClient; safeguardsPgPools?: WeakMap<PrismaClient, pg.Pool> };

/**
 * The pg pool under each client made by createPrismaClient. Kept on globalThis, like the
 * process-wide client: Next bundles this module once for route handlers and once for pages,
 * and a copy that had not made the client itself did not find its pool, so every queryRows
 * of the pages went through Prisma's query compiler (bench/RESULTS.md §4).
 */
const pools = (globalForPrisma.safeguardsPgPools ??= new WeakMap<PrismaClient, pg.Pool>());

export function createPrismaClient(connectionString: string): PrismaClient {
  const pool = new pg.Pool({
    connectionString,
    // pg closes idle connections after 10 s by default. A page fans out over several
    // connections, and new ones cost PostgreSQL a login and cold caches: the first
    // /services/s3 after 13 s idle took ~300 against ~70 ms (bench/RESULTS.md §4), which is
    // how people browse. Idle connections are cheap; keep them for ten minutes.
    idleTimeoutMillis: 10 * 60_000,
    // …without holding a finished script open for those ten minutes.
    allowExitOnIdle: true,
  });
  // An idle connection dropped by the server (restart, terminate) must not crash the
  // process; the next query gets a fresh connection or the error.
  pool.on('error', () => {});
  // The adapter owns the pool: $disconnect ends it.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

/**
 * The pg pool a client runs on (the process-wide client's by default): for statements
 * sent without Prisma. Closed by the client's $disconnect.
 */
export function pgPool(client: PrismaClient = db()): pg.Pool {
  const pool = pools.get(client);
  if (!pool) throw new Error('pgPool: this Prisma client was not made by createPrismaClient');
  return pool;
}

/**
 * A read statement's rows through pg instead of Prisma: the posture pages' reads, where
 * Prisma's per-statement compile and result mapping were ~45 ms of a request's CPU at 1M
 * findings (bench/RESULTS.md). Same SQL as $queryRaw, but int8 and numeric columns come
 * back as strings: cast them (`::int`). A client without a pool of ours (a transaction's)
 * goes through Prisma.
 */
export async function queryRows<T extends unknown[]>(client: PrismaClient, query: Prisma.Sql): Promise<T> {
  const pool = pools.get(client);
  if (!pool) return client.$queryRaw<T>(query);
  return (await pool.query(query.text, query.values as unknown[])).rows as T;
}

/** The process-wide client, created on first use from DATABASE_URL. */
export function db(): PrismaClient {
  if (!globalForPrisma.safeguardsPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides it.');
    globalForPrisma.safeguardsPrisma = createPrismaClient(url);
  }
  return globalForPrisma.safeguardsPrisma;
}
