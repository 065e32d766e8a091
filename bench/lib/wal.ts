// WAL written and checkpoints taken while a run wrote: on a 2-core machine a checkpoint in
// the middle of a write-heavy run costs CPU twice (the flush, then a full-page image in the
// WAL for every page next touched), so the ingest benchmark reports both.
import pg from 'pg';

interface WalCounters {
  bytes: number;
  fullPageImages: number;
  checkpoints: number;
}

async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows[0];
  } finally {
    await client.end();
  }
}

export interface WalMeter {
  read(): Promise<WalCounters>;
}

/** WAL counters of the whole server since the meter was started. */
export async function startWalMeter(databaseUrl: string): Promise<WalMeter> {
  // pg_stat_checkpointer is PostgreSQL 17+; older servers keep the counts in pg_stat_bgwriter.
  const { n: version } = await query<{ n: number }>(databaseUrl, `SELECT current_setting('server_version_num')::int AS n`);
  const checkpoints =
    version >= 170000
      ? 'SELECT (num_timed + num_requested)::float8 FROM pg_stat_checkpointer'
      : 'SELECT (checkpoints_timed + checkpoints_req)::float8 FROM pg_stat_bgwriter';
  const readCounters = () =>
    query<WalCounters>(databaseUrl, `SELECT wal_bytes::float8 AS bytes, wal_fpi::float8 AS "fullPageImages", (${checkpoints}) AS checkpoints FROM pg_stat_wal`);
  const start = await readCounters();
  return {
    async read() {
      const now = await readCounters();
      return {
        bytes: now.bytes - start.bytes,
        fullPageImages: now.fullPageImages - start.fullPageImages,
        checkpoints: now.checkpoints - start.checkpoints,
      };
    },
  };
}
