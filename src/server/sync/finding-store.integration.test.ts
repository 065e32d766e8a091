// The page write on a real Postgres: what it stores, when it rewrites, and the lease.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgPool } from '@/server/db';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { prepareFindingsPage, writeFindingsPage } from './finding-store';
import type { FindingRow } from './normalize-finding';
import { beginRun, finishRun, LeaseLostError, type SyncTarget } from './sync-lease';

let t: TestDatabase;
const target: SyncTarget = { accountId: '123456789012', region: 'us-east-1', source: 'securityhub' };

beforeAll(async () => {
  t = await createTestDatabase();
  await t.prisma.awsAccount.create({ data: { id: target.accountId, name: 'store', roleArn: 'arn:aws:iam::123456789012:role/x', externalId: 'x', regions: [target.region] } });
});
afterAll(async () => {
  await t?.drop();
});

function row(id: string, updatedAt: string, extra: Partial<FindingRow> = {}, rawExtra: Record<string, unknown> = {}): FindingRow {
  const raw = { Id: id, UpdatedAt: updatedAt, ...rawExtra };
  return {
    id,
    accountId: target.accountId,
    region: target.region,
    productArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub',
    productName: 'Security Hub',
    generatorId: 'gen',
    securityControlId: 'S3.1',
    complianceStatus: 'FAILED',
    severity: 'HIGH',
    workflowStatus: 'NEW',
    recordState: 'ACTIVE',
    resourceType: 'AwsS3Bucket',
    resourceId: `arn:aws:s3:::${id}`,
    title: 'title',
    firstObservedAt: null,
    lastObservedAt: null,
    awsCreatedAt: '2026-01-01T00:00:00.000Z',
    awsUpdatedAt: updatedAt,
    rawJson: JSON.stringify(raw),
    ...extra,
  };
}

async function run(): Promise<string> {
  const runId = randomUUID();
  expect(await beginRun(pgPool(t.prisma), target, runId, 'test')).not.toBeNull();
  return runId;
}

const page = (runId: string, rows: FindingRow[]) => prepareFindingsPage({ target, runId, rows, fetched: rows.length, skipped: 0 });

describe('writeFindingsPage', () => {
  it('stores every column and the raw ASFF exactly as sent, whatever its strings hold', async () => {
    const runId = await run();
    // Control characters, quotes, backslashes and multi-byte characters: what array literals would have had to escape.
    const tricky = { Description: 'a\u001eb "quoted" \\ back\nslash \\u0000 ✓ 🚑', Remediation: { Recommendation: { Text: 'Fix\u001e', Url: 'https://x/y?a=1&b="2"' } } };
    const rows = [
      row('f-1', '2026-01-02T00:00:00.000Z', { title: 'a\u001e"title"\\', firstObservedAt: '2026-01-01T01:00:00.000Z' }, tricky),
      row('f-2', '2026-01-03T00:00:00.000Z', { securityControlId: null, complianceStatus: null }),
    ];
    expect(await writeFindingsPage(pgPool(t.prisma), page(runId, rows))).toEqual({ inserted: 2, updated: 0, archived: 0, newest: '2026-01-03T00:00:00.000Z' });

    const stored = await t.prisma.$queryRaw<{ id: string; raw: string; title: string; security_control_id: string | null; first_observed_at: Date | null; description: string; url: string }[]>`
      SELECT id, raw::text AS raw, title, security_control_id, first_observed_at, raw->>'Description' AS description,
             raw->'Remediation'->'Recommendation'->>'Url' AS url
      FROM findings ORDER BY id`;
    expect(stored.map((s) => s.raw)).toEqual(rows.map((r) => r.rawJson));
    expect(stored[0]).toMatchObject({ title: 'a\u001e"title"\\', description: tricky.Description, url: tricky.Remediation.Recommendation.Url, security_control_id: 'S3.1' });
    expect(stored[0].first_observed_at?.toISOString()).toBe('2026-01-01T01:00:00.000Z');
    expect(stored[1].security_control_id).toBeNull();
    await finishRun(pgPool(t.prisma), target, runId, { status: 'succeeded', apiCalls: 1, throttles: 0 });
  });

  it('rewrites a row only for a newer UpdatedAt, and counts what it wrote', async () => {
    const runId = await run();
    const pool = pgPool(t.prisma);
    // The same page again (the overlap window): nothing written.
    expect(await writeFindingsPage(pool, page(runId, [row('f-2', '2026-01-03T00:00:00.000Z')]))).toMatchObject({ inserted: 0, updated: 0 });
    // Older: nothing; newer and archived: updated and counted; a duplicate id keeps its newest version.
    const written = await writeFindingsPage(pool, page(runId, [
      row('f-1', '2026-01-01T12:00:00.000Z', { title: 'older' }),
      row('f-2', '2026-01-04T00:00:00.000Z', { recordState: 'ARCHIVED', title: 'archived' }),
      row('f-3', '2026-01-04T00:00:00.000Z', { title: 'first' }),
      row('f-3', '2026-01-05T00:00:00.000Z', { title: 'second' }),
    ]));
    expect(written).toEqual({ inserted: 1, updated: 1, archived: 1, newest: '2026-01-05T00:00:00.000Z' });
    const titles = Object.fromEntries((await t.prisma.finding.findMany({ select: { id: true, title: true } })).map((f) => [f.id, f.title]));
    expect(titles).toEqual({ 'f-1': 'a\u001e"title"\\', 'f-2': 'archived', 'f-3': 'second' });

    const state = await t.prisma.syncState.findUniqueOrThrow({ where: { accountId_region_source: target } });
    expect(state.watermark?.toISOString()).toBe('2026-01-05T00:00:00.000Z');
    // An older page never moves the watermark back.
    await writeFindingsPage(pool, page(runId, [row('f-1', '2026-01-01T12:00:00.000Z')]));
    expect((await t.prisma.syncState.findUniqueOrThrow({ where: { accountId_region_source: target } })).watermark?.toISOString()).toBe('2026-01-05T00:00:00.000Z');

    const counters = await t.prisma.syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(counters).toMatchObject({ pagesFetched: 3, fetched: 6, inserted: 1, updated: 1, archived: 1 });
    await finishRun(pool, target, runId, { status: 'succeeded', apiCalls: 3, throttles: 0 });
  });

  it('writes nothing once another run holds the lease', async () => {
    const runId = await run();
    const pool = pgPool(t.prisma);
    await expect(writeFindingsPage(pool, page(randomUUID(), [row('f-9', '2026-02-01T00:00:00.000Z')]))).rejects.toBeInstanceOf(LeaseLostError);
    expect(await t.prisma.finding.count({ where: { id: 'f-9' } })).toBe(0);
    expect((await t.prisma.syncState.findUniqueOrThrow({ where: { accountId_region_source: target } })).watermark?.toISOString()).toBe('2026-01-05T00:00:00.000Z');
    await finishRun(pool, target, runId, { status: 'succeeded', apiCalls: 0, throttles: 0 });
  });
});
