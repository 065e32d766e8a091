#!/usr/bin/env node
// Runs the Prisma CLI offline. Prisma would otherwise try to download native engines
// at start; pointing both engine paths at placeholders stops that, and with
// `engine: 'js'` (prisma.config.ts) and `engineType = "client"` neither is executed.
// See ../shared/notes/prisma-offline.md and the README.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const placeholders = path.join(root, 'node_modules', '.cache', 'safeguards-prisma');
const queryEngine = path.join(placeholders, 'query-engine-placeholder.so.node');
const schemaEngine = path.join(placeholders, 'schema-engine-placeholder');

mkdirSync(placeholders, { recursive: true });
if (!existsSync(queryEngine)) writeFileSync(queryEngine, '');
if (!existsSync(schemaEngine)) writeFileSync(schemaEngine, '');
chmodSync(schemaEngine, 0o755);

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    // The 6.x schema parser needs the variable to exist even when nothing connects.
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://unused@127.0.0.1:1/unused',
    PRISMA_QUERY_ENGINE_LIBRARY: queryEngine,
    PRISMA_SCHEMA_ENGINE_BINARY: schemaEngine,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(result.status ?? 1);
