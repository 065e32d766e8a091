// The app for the e2e tests: `npm start` itself, on a fresh database and data folder,
// without printed demo users (each spec seeds the users it needs).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { withDatabaseName } from '../src/server/platform/postgres';

const root = path.resolve(import.meta.dirname, '..');
const port = process.env.E2E_PORT ?? '3100';
// One folder per port, so e2e runs on different ports do not share state.
const dataDir = path.join(root, 'test-results', `e2e-data-${port}`);
rmSync(dataDir, { recursive: true, force: true });

const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  SAFEGUARDS_DATA_DIR: dataDir,
  SAFEGUARDS_DEMO_USERS: 'off',
  SAFEGUARDS_DIST_DIR: '.next-e2e',
};

if (process.env.DATABASE_URL) {
  // A given server: a database of our own on it, recreated for every run.
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS safeguards_e2e_${port} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE safeguards_e2e_${port}`);
  await admin.end();
  env.DATABASE_URL = withDatabaseName(process.env.DATABASE_URL, `safeguards_e2e_${port}`);
}

const child = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'scripts', 'start.ts')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
