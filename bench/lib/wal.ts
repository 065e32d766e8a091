// WAL written and checkpoints taken while a run wrote: on a 2-core machine a checkpoint in
// the middle of a write-heavy run costs CPU twice (the flush, then a full-page image in the
// WAL for every page next touched), so the ingest benchmark reports both.
import pg from 'pg';

interface WalCounters {
  bytes: number;
  fullPageImages: number;
  checkpoints: number;
}

async function readWalCounters(databaseUrl: string): Promise<WalCounters> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // pg_stat_checkpointer is PostgreSQL 17+; older servers keep the counts in pg_stat_bgwriter.
    const { rows: version } = await client.query<{ n: number }>(`SELECT current_setting('server_version_num')::int AS n`);
    const checkpoints =
      version[0].n >= 170000
        ? 'SELECT (num_timed + num_requested)::float8 AS n FROM pg_stat_checkpointer'
        : 'SELECT (checkpoints_timed + checkpoints_req)::float8 AS n FROM pg_stat_bgwriter';
    const { rows } = await client.query<{ bytes: number; fpi: number; checkpoints: number }>(
      `SELECT wal_bytes::float8 AS bytes, wal_fpi::float8 AS fpi, (${checkpoints}) AS checkpoints FROM pg_stat_wal`,
    );
    return { bytes: rows[0].bytes, fullPageImages: rows[0].fpi, checkpoints: rows[0].checkpoints };
  } finally {
    await client.end();
  }
}

export interface WalMeter {
  read(): Promise<WalCounters>;
}

/** WAL counters of the whole server since the meter was started. */
export async function startWalMeter(databaseUrl: string): Promise<WalMeter> {
  const start = await readWalCounters(databaseUrl);
  return {
    async read() {
      const now = await readWalCounters(databaseUrl);
      return {
        bytes: now.bytes - start.bytes,
        fullPageImages: now.fullPageImages - start.fullPageImages,
        checkpoints: now.checkpoints - start.checkpoints,
      };
    },
  };
}
