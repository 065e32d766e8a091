// Integration tests run on a real PostgreSQL: DATABASE_URL when set, otherwise an
// embedded cluster in a throw-away directory. Migrations are applied once to a
// template database; each test file clones it into a database of its own.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../server/platform/migrate';
import { startEmbeddedPostgres, withDatabaseName, type RunningDatabase } from '../server/platform/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    templateDatabase: string;
  }
}

const root = path.resolve(import.meta.dirname, '..', '..');

export default async function setup(project: TestProject) {
  let database: RunningDatabase;
  let tempDir: string | undefined;
  if (process.env.DATABASE_URL) {
    database = { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  } else {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'safeguards-test-pg-'));
    // mkdtemp makes it private to us; under root PostgreSQL runs as `postgres` and must enter it.
    await chmod(tempDir, 0o755);
    database = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'data'), persistent: false });
  }

  const templateDatabase = `safeguards_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await applyMigrations(root, withDatabaseName(database.url, templateDatabase));

  project.provide('postgresAdminUrl', database.url);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
      [`safeguards_test_${process.pid}_%`, templateDatabase],
    );
    for (const { datname } of leftovers.rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.end();
    await database.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
}
