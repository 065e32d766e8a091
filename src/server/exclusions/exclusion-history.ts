// One exclusion with its full history (every state change: who, when, why) and what the caller
// may do with it now. Not visible to the caller (another owner's account) → "not found".
import type { Db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { decisionContext, exclusionAccessWhere, ruleActor, type Actor } from './exclusion-access';
import { allowedActions, type AllowedActions } from './exclusion-rules';
import { exclusionRowSelect, toExclusionRows, type ExclusionRow } from './list-exclusions';

export interface ExclusionEventView {
  id: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  /** null: the system (expiry, staleness). */
  actor: { id: string; name: string; email: string } | null;
  reason: string | null;
  at: Date;
}

export interface ExclusionDetails {
  exclusion: ExclusionRow;
  accountName: string | null;
  events: ExclusionEventView[];
  allowed: AllowedActions;
}

export async function exclusionHistory(db: Db, options: { actor: Actor; exclusionId: string; now?: Date }): Promise<ExclusionDetails> {
  const { actor } = options;
  const now = options.now ?? new Date();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(options.exclusionId)) throw new NotFoundError('Unknown exclusion.');
  const stored = await db.exclusion.findFirst({
    where: { id: options.exclusionId, ...(await exclusionAccessWhere(db, actor)) },
    select: exclusionRowSelect,
  });
  if (!stored) throw new NotFoundError('Unknown exclusion.');
  const [[exclusion], events, account, rulesActor, context] = await Promise.all([
    toExclusionRows(db, [stored], now),
    db.exclusionEvent.findMany({
      where: { exclusionId: stored.id },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      include: { actor: { select: { id: true, name: true, email: true } } },
    }),
    db.awsAccount.findUnique({ where: { id: stored.accountId }, select: { name: true } }),
    ruleActor(db, actor, stored.accountId),
    decisionContext(db, stored),
  ]);
  return {
    exclusion,
    accountName: account?.name ?? null,
    events: events.map((e) => ({ id: e.id, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, actor: e.actor, reason: e.reason, at: e.at })),
    allowed: allowedActions(rulesActor, stored, context, now),
  };
}
