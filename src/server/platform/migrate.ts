// Applies the committed migrations (`prisma migrate deploy`, idempotent) through the
// offline CLI wrapper. Starting Prisma's WebAssembly schema engine costs seconds, so
// when the database already has every migration on disk (same name and checksum)
// we skip the CLI altogether.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export function migrationsOnDisk(root: string): { name: string; checksum: string }[] {
  const dir = path.join(root, 'prisma', 'migrations');
  return readdirSync(dir)
    .filter((d) => /^\d{14}_/.test(d))
    .sort()
    .map((name) => ({
      name,
      // Prisma's own checksum: SHA-256 of migration.sql, hex.
      checksum: createHash('sha256').update(readFileSync(path.join(dir, name, 'migration.sql'))).digest('hex'),
    }));
}

async function allMigrationsApplied(root: string, databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query(`SELECT to_regclass('_prisma_migrations') AS t`);
    if (!table.rows[0].t) return false;
    const applied = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Map(applied.rows.map((r) => [r.migration_name, r.checksum]));
    return migrationsOnDisk(root).every((m) => done.get(m.name) === m.checksum);
  } finally {
    await client.end();
  }
}

/**
 * Triggers and functions Prisma's schema cannot describe live in prisma/sql/*.sql,
 * idempotent, applied after the migrations on every run (in one transaction).
 * They are not migrations because Prisma's runner splits statements on every
 * semicolon, which breaks function bodies.
 */
async function applyDatabaseObjects(root: string, databaseUrl: string): Promise<void> {
  const dir = path.join(root, 'prisma', 'sql');
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const file of files) await client.query(readFileSync(path.join(dir, file), 'utf8'));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

export async function applyMigrations(root: string, databaseUrl: string): Promise<'applied' | 'up-to-date'> {
  const result = await applyPrismaMigrations(root, databaseUrl);
  await applyDatabaseObjects(root, databaseUrl);
  return result;
}

async function applyPrismaMigrations(root: string, databaseUrl: string): Promise<'applied' | 'up-to-date'> {
  if (await allMigrationsApplied(root, databaseUrl)) return 'up-to-date';
  const output: Buffer[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'prisma.mjs'), 'migrate', 'deploy'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    throw new Error(`prisma migrate deploy failed (exit ${code}):\n${Buffer.concat(output).toString('utf8')}`);
  }
  return 'applied';
}
