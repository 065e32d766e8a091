// Browsing the audit trail: newest first, filtered, keyset-paginated by id.
import { z } from 'zod';
import type { Db } from '@/server/db';

export const auditFilterSchema = z.object({
  action: z.string().trim().max(60).optional().catch(undefined),
  actor: z.string().trim().max(254).optional().catch(undefined),
  accountId: z.string().regex(/^\d{12}$/).optional().catch(undefined),
  before: z.string().regex(/^\d+$/).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(db: Db, filter: AuditFilter) {
  const rows = await db.auditEvent.findMany({
    where: {
      ...(filter.action ? { action: { startsWith: filter.action } } : {}),
      ...(filter.actor ? { actorEmail: { contains: filter.actor.toLowerCase() } } : {}),
      ...(filter.accountId ? { accountId: filter.accountId } : {}),
      ...(filter.before ? { id: { lt: BigInt(filter.before) } } : {}),
    },
    orderBy: { id: 'desc' },
    take: AUDIT_PAGE_SIZE + 1,
  });
  return {
    events: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, id: r.id.toString() })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1].id.toString() : null,
  };
}
