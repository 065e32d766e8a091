// Shared by the exclusion use cases: the account scope every query starts from, the facts the
// rules need about the actor and the account's owners, and turning a rule's verdict into a
// typed error.
import type { Prisma } from '@/generated/prisma/client';
import { seesAllAccounts } from '@/server/auth/permissions';
import type { SessionUser } from '@/server/auth/users';
import { ConflictError, ForbiddenError } from '@/server/errors';
import type { ExclusionStatus } from '@/generated/prisma/enums';
import { effectiveStatus, type DecisionContext, type ExclusionActor, type RuleVerdict } from './exclusion-rules';

export type Tx = Prisma.TransactionClient;
export type Actor = SessionUser;

/** The `where` that confines account owners to their accounts' exclusions (nothing for other roles). */
export async function exclusionAccessWhere(tx: Tx, actor: Actor): Promise<Prisma.ExclusionWhereInput> {
  if (seesAllAccounts(actor.role)) return {};
  const owned = await tx.accountOwner.findMany({ where: { userId: actor.id }, select: { accountId: true } });
  return { accountId: { in: owned.map((o) => o.accountId) } };
}

/** Whether the actor is an account owner (by role) of the account (by ownership). */
export async function ownsAccount(tx: Tx, actor: Actor, accountId: string): Promise<boolean> {
  if (actor.role !== 'account_owner') return false;
  return (await tx.accountOwner.count({ where: { accountId, userId: actor.id } })) > 0;
}

export async function ruleActor(tx: Tx, actor: Actor, accountId: string): Promise<ExclusionActor> {
  return { id: actor.id, role: actor.role, ownsAccount: await ownsAccount(tx, actor, accountId) };
}

/** Active account owners of the account, other than the requester: the people who can decide. */
export async function decisionContext(tx: Tx, exclusion: { accountId: string; requestedById: string }): Promise<DecisionContext> {
  const otherOwners = await tx.accountOwner.count({
    where: {
      accountId: exclusion.accountId,
      userId: { not: exclusion.requestedById },
      user: { role: 'account_owner', disabled: false },
    },
  });
  return { otherOwners };
}

/** Events that are not a decision or the system's expiry: they do not answer "who changed it". */
const NOT_A_CHANGE = ['requested', 'stale', 'reported_again'];

/** "This exclusion was already approved by Ann Owner on …": for the loser of a race. */
export async function alreadyChangedMessage(tx: Tx, exclusionId: string): Promise<string | null> {
  const last = await tx.exclusionEvent.findFirst({
    where: { exclusionId, action: { notIn: NOT_A_CHANGE } },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    include: { actor: { select: { name: true } } },
  });
  if (!last) return null;
  const by = last.actor ? ` by ${last.actor.name}` : ' automatically';
  return `This exclusion was already ${last.toStatus}${by} on ${last.at.toISOString().replace('T', ' ').slice(0, 16)} UTC. Reload the page to see its current state.`;
}

/**
 * Throws the verdict's error. A state conflict names who changed the exclusion last, unless it is
 * its date that passed (then the stored status is not the news).
 */
export async function enforce(tx: Tx, verdict: RuleVerdict, exclusion: { id: string; status: ExclusionStatus; expiresAt: Date }, now: Date): Promise<void> {
  if (verdict.ok) return;
  if (verdict.kind === 'forbidden') throw new ForbiddenError(verdict.message);
  const lapsed = effectiveStatus(exclusion, now) !== exclusion.status;
  throw new ConflictError((lapsed ? null : await alreadyChangedMessage(tx, exclusion.id)) ?? verdict.message);
}

/** For a conditional update that matched nothing: someone changed the exclusion meanwhile. */
export async function lostRace(tx: Tx, exclusionId: string): Promise<never> {
  throw new ConflictError(
    (await alreadyChangedMessage(tx, exclusionId)) ?? 'This exclusion changed meanwhile. Reload the page to see its current state.',
  );
}

/** Per exclusion, the active owners of its account other than its requester (one query for a page of rows). */
export async function otherOwnerCounts(tx: Tx, exclusions: readonly { id: string; accountId: string; requestedById: string }[]): Promise<Map<string, number>> {
  const accountIds = [...new Set(exclusions.map((e) => e.accountId))];
  const owners = accountIds.length
    ? await tx.accountOwner.findMany({
        where: { accountId: { in: accountIds }, user: { role: 'account_owner', disabled: false } },
        select: { accountId: true, userId: true },
      })
    : [];
  const byAccount = new Map<string, string[]>();
  for (const o of owners) byAccount.set(o.accountId, [...(byAccount.get(o.accountId) ?? []), o.userId]);
  return new Map(exclusions.map((e) => [e.id, (byAccount.get(e.accountId) ?? []).filter((userId) => userId !== e.requestedById).length]));
}
