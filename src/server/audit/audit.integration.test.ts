import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { recordAuditEvent } from './record-audit-event';
import { verifyAuditChain } from './verify-audit-chain';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const actor = { id: '00000000-0000-4000-8000-000000000001', email: 'a@example.org' };

describe('audit trail', () => {
  it('chains every entry to the previous one, also under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.prisma.$transaction((tx) => recordAuditEvent(tx, { actor, action: 'sync.request', target: { type: 'account', id: String(i) }, details: { i } })),
      ),
    );
    const rows = await t.prisma.auditEvent.findMany({ orderBy: { id: 'asc' } });
    expect(rows).toHaveLength(20);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect(rows[0].prevHash).toBe('');
    expect(await verifyAuditChain(t.prisma)).toEqual({ ok: true, entries: 20 });
  });

  it('refuses updates and deletes', async () => {
    await expect(t.prisma.auditEvent.updateMany({ data: { action: 'forged' } })).rejects.toThrow(/append-only/);
    await expect(t.prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(t.prisma.$executeRawUnsafe('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
  });

  it('reports the first broken link when someone tampers around the trigger', async () => {
    const target = await t.prisma.auditEvent.findFirstOrThrow({ orderBy: { id: 'asc' }, skip: 5 });
    // Only a superuser disabling the trigger can do this; the check must still notice.
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
      await client.query(`UPDATE audit_events SET details = '{"i": 999}' WHERE id = $1`, [target.id.toString()]);
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
    } finally {
      await client.end();
    }
    expect(await verifyAuditChain(t.prisma)).toMatchObject({ ok: false, firstBrokenId: target.id.toString(), reason: /content/ });
  });
});
