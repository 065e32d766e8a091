// A fresh, migrated database for one benchmark run: a new database on DATABASE_URL's
// server when it is set, otherwise an embedded PostgreSQL cluster in a temporary
// directory (the same package and settings the app uses). Dropped at the end.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '@/server/platform/migrate';
import { startEmbeddedPostgres, withDatabaseName } from '@/server/platform/postgres';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface BenchDatabase {
  url: string;
  /** For the report: "embedded PostgreSQL 18 (temp dir)" or the server's host. */
  description: string;
  drop(): Promise<void>;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    return rows[0].v;
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const name = `safeguards_bench_${label.replace(/[^a-z0-9]/gi, '_')}_${process.pid}`;
  const given = process.env.DATABASE_URL;
  if (given) {
    await adminQuery(given, `DROP DATABASE IF EXISTS ${name}`);
    await adminQuery(given, `CREATE DATABASE ${name}`);
    const url = withDatabaseName(given, name);
    await applyMigrations(ROOT, url);
    return {
      url,
      description: `PostgreSQL ${await serverVersion(url)} at ${new URL(given).host} (DATABASE_URL), database ${name}`,
      drop: () => adminQuery(given, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'safeguards-bench-pg-'));
  // Under root PostgreSQL runs as `postgres` and must be able to enter the directory.
  await chmod(tempDir, 0o755);
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'data'), persistent: false });
  try {
    await adminQuery(cluster.url, `CREATE DATABASE ${name}`);
    const url = withDatabaseName(cluster.url, name);
    await applyMigrations(ROOT, url);
    return {
      url,
      description: `embedded PostgreSQL ${await serverVersion(url)} (default settings, as \`npm start\`), in a temporary directory`,
      async drop() {
        await cluster.stop();
        await rm(tempDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await cluster.stop().catch(() => {});
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
}
