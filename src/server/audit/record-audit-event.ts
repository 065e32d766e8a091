// Appends to the audit trail. Pass the transaction that makes the change, so the change
// and its audit entry commit together (or not at all). The database fills in the hash
// chain and refuses any later update or delete.
import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';

export type AuditAction =
  | 'auth.sign_in'
  | 'auth.sign_in_failed'
  | 'user.create'
  | 'user.role_change'
  | 'user.password_reset'
  | 'account.create'
  | 'account.update'
  | 'sync.request'
  | 'raci.change'
  | 'raci.party_change'
  | 'exclusion.request'
  | 'exclusion.approve'
  | 'exclusion.reject'
  | 'exclusion.revoke'
  | 'attestation.record'
  | 'attestation.confirm'
  | 'attestation.reject'
  | 'attestation.revoke'
  | 'evidence.export';

/** Who did it; null for the system (seeding, scheduled jobs) or an unknown caller. */
export type AuditActor = { id: string; email: string } | null;

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  target?: { type: string; id: string };
  accountId?: string | null;
  details?: Prisma.InputJsonValue;
}

type Tx = Pick<Db, 'auditEvent'>;

export async function recordAuditEvent(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      accountId: entry.accountId ?? null,
      details: entry.details ?? {},
    },
  });
}
