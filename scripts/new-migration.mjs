#!/usr/bin/env node
// Creates a migration without any database: the SQL is the diff from the schema as of
// the newest migration (a copy kept in each migration folder) to prisma/schema.prisma.
// Usage: npm run db:new-migration -- <name>
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const migrations = path.join(root, 'prisma', 'migrations');
const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: npm run db:new-migration -- <name>');
  process.exit(2);
}

if (!process.env.DATABASE_URL) {
  // The diff itself is schema-to-schema, but the CLI's WebAssembly engine opens a
  // connection through the adapter; any reachable, even empty, Postgres will do.
  console.error('Set DATABASE_URL to any reachable Postgres (nothing is written to it).');
  process.exit(2);
}

const previous = existsSync(migrations)
  ? readdirSync(migrations).filter((d) => /^\d{14}_/.test(d)).sort().at(-1)
  : undefined;
const from = previous
  ? ['--from-schema-datamodel', path.join(migrations, previous, 'schema.prisma')]
  : ['--from-empty'];

const sql = execFileSync(
  process.execPath,
  [path.join(root, 'scripts', 'prisma.mjs'), 'migrate', 'diff', ...from,
    '--to-schema-datamodel', path.join(root, 'prisma', 'schema.prisma'), '--script'],
  { encoding: 'utf8' },
);
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log('The schema has not changed since the last migration; nothing to do.');
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(migrations, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'migration.sql'), sql);
copyFileSync(path.join(root, 'prisma', 'schema.prisma'), path.join(dir, 'schema.prisma'));
writeFileSync(path.join(migrations, 'migration_lock.toml'), 'provider = "postgresql"\n');
console.log(`Created prisma/migrations/${stamp}_${name}/migration.sql`);
