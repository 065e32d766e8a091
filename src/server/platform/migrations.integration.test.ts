// The committed migrations and prisma/schema.prisma must agree, and applying the
// migrations twice must be harmless (they run at every start).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { applyMigrations, migrationsOnDisk } from './migrate';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('migrations', () => {
  it('match schema.prisma (no drift)', () => {
    const migrations = path.join(root, 'prisma', 'migrations');
    const newest = readdirSync(migrations).filter((d) => /^\d{14}_/.test(d)).sort().at(-1)!;
    const args = [path.join(root, 'scripts', 'prisma.mjs'), 'migrate', 'diff', '--from-schema-datamodel',
      path.join(migrations, newest, 'schema.prisma'), '--to-schema-datamodel', path.join(root, 'prisma', 'schema.prisma'), '--exit-code'];
    // --exit-code: 0 when there is no difference, 2 when there is one.
    expect(() => execFileSync(process.execPath, args, { env: { ...process.env, DATABASE_URL: t.url }, stdio: 'pipe' })).not.toThrow();
  });

  it('apply to an empty database, then are skipped as up to date', async () => {
    const empty = await createTestDatabase({ empty: true });
    try {
      expect(await applyMigrations(root, empty.url)).toBe('applied');
      expect(await applyMigrations(root, empty.url)).toBe('up-to-date');
      const applied = await empty.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
      expect(Number(applied[0].n)).toBe(migrationsOnDisk(root).length);
    } finally {
      await empty.drop();
    }
  });

  it('compress the large columns with LZ4 when the server has it, and leave pglz otherwise', async () => {
    const serverHasLz4 = await t.prisma.$executeRawUnsafe('CREATE TEMP TABLE lz4_probe (doc text COMPRESSION lz4)').then(
      () => true,
      (error: unknown) => {
        if (/compression method lz4 not supported/.test(String(error))) return false;
        throw error;
      },
    );
    const columns = await t.prisma.$queryRaw<{ column_name: string; compression: string }[]>`
      SELECT attrelid::regclass::text || '.' || attname AS column_name, attcompression::text AS compression FROM pg_attribute
      WHERE (attrelid::regclass::text, attname) IN (('findings', 'raw'), ('config_rules', 'raw'), ('config_evaluations', 'raw'),
        ('posture_current_resources', 'evidence'), ('attestations', 'file_content'))
      ORDER BY 1`;
    // '' is the server's default (pglz), 'l' is LZ4.
    const expected = serverHasLz4 ? 'l' : '';
    const large = ['attestations.file_content', 'config_evaluations.raw', 'config_rules.raw', 'findings.raw', 'posture_current_resources.evidence'];
    expect(columns).toEqual(large.map((column_name) => ({ column_name, compression: expected })));
  });
});
