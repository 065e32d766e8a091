// The exclusions inbox: what waits for the caller. Account owners: requests for their accounts
// that they can decide, their own requests still waiting, and approved exclusions of their
// accounts expiring within 14 days. Compliance officers: requests no owner other than the
// requester can decide, and everything expiring soon.
import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { exclusionAccessWhere, type Actor } from './exclusion-access';
import { DAY_MS, EXPIRING_SOON_DAYS } from './exclusion-rules';
import { exclusionRowSelect, toExclusionRows, type ExclusionRow } from './list-exclusions';

const INBOX_LIMIT = 200;

export interface ExclusionInbox {
  /** Pending requests the caller may approve or reject. */
  awaitingYou: ExclusionRow[];
  /** The caller's own requests, still pending. */
  yourRequests: ExclusionRow[];
  /** Approved exclusions expiring within 14 days. */
  expiringSoon: ExclusionRow[];
}

export async function exclusionInbox(db: Db, options: { actor: Actor; now?: Date }): Promise<ExclusionInbox> {
  const { actor } = options;
  const now = options.now ?? new Date();
  const access = await exclusionAccessWhere(db, actor);
  const find = async (where: Prisma.ExclusionWhereInput, orderBy: Prisma.ExclusionOrderByWithRelationInput[]) =>
    toExclusionRows(db, await db.exclusion.findMany({ where: { AND: [access, where] }, select: exclusionRowSelect, orderBy, take: INBOX_LIMIT }), now);

  const pending = { status: 'pending' as const, expiresAt: { gt: now } };
  const [othersPending, yourRequests, expiringSoon] = await Promise.all([
    actor.role === 'account_owner' || actor.role === 'compliance_officer'
      ? find({ ...pending, requestedById: { not: actor.id } }, [{ requestedAt: 'asc' }, { id: 'asc' }])
      : Promise.resolve([]),
    find({ ...pending, requestedById: actor.id }, [{ requestedAt: 'desc' }, { id: 'asc' }]),
    find({ status: 'approved', expiresAt: { gt: now, lte: new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY_MS) } }, [{ expiresAt: 'asc' }, { id: 'asc' }]),
  ]);
  // Owners decide requests of their accounts; compliance officers those no other owner can.
  const awaitingYou = othersPending.filter((row) => row.awaiting === actor.role);
  return { awaitingYou, yourRequests, expiringSoon };
}
