// One attestation with its full history (who recorded, confirmed, rejected or revoked it, when
// and why) and what the caller may do now. Not visible to the caller → null ("not found").
import { z } from 'zod';
import type { Db } from '@/server/db';
import { attestationAccessWhere, attestationActor, type Actor } from './attestation-access';
import { attestationAllowedActions, attestationDisplayStatus } from './attestation-rules';
import { attestationRowSelect, type AttestationRow } from './list-attestations';

/** One attestation with its full history and what the caller may do now; not visible → null. */
export async function attestationHistory(db: Db, options: { actor: Actor; attestationId: string; now?: Date }) {
  const { actor } = options;
  const now = options.now ?? new Date();
  if (!z.string().uuid().safeParse(options.attestationId).success) return null;
  const row = await db.attestation.findFirst({ where: { id: options.attestationId, ...(await attestationAccessWhere(db, actor)) }, select: attestationRowSelect });
  if (!row) return null;
  const [events, account, rulesActor] = await Promise.all([
    db.attestationEvent.findMany({
      where: { attestationId: row.id },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      include: { actor: { select: { id: true, name: true, email: true } } },
    }),
    row.accountId ? db.awsAccount.findUnique({ where: { id: row.accountId }, select: { name: true } }) : null,
    attestationActor(db, actor, row.accountId),
  ]);
  return {
    attestation: { ...row, displayStatus: attestationDisplayStatus(row, now), allowed: attestationAllowedActions(rulesActor, row, now) } satisfies AttestationRow,
    accountName: account?.name ?? null,
    events: events.map((e) => ({ id: e.id, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, actor: e.actor, reason: e.reason, at: e.at })),
  };
}
