// Approving or rejecting a pending exclusion. The decision and its history entry are written in
// one transaction, by a conditional update on the version and status the decider saw: when two
// people decide at once, one wins and the other gets a ConflictError naming the winner.
import { z } from 'zod';
import type { Exclusion } from '@/generated/prisma/client';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { expectedVersionSchema, parseOrThrow } from '@/server/validation';
import type { Db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { refreshCurrentPostureAfterChange } from '@/server/posture/current-posture';
import { decisionContext, enforce, exclusionAccessWhere, lostRace, ruleActor, type Actor } from './exclusion-access';
import { checkDecision, TRANSITIONS } from './exclusion-rules';

export const decideExclusionSchema = z
  .object({
    decision: z.enum(['approve', 'reject'], { message: 'Choose approve or reject.' }),
    reason: z
      .string()
      .trim()
      .max(2000, 'Keep the reason under 2000 characters.')
      .nullish()
      .transform((v) => v || null),
    /** The version the decider saw; a newer one means someone changed it meanwhile (409). */
    expectedVersion: expectedVersionSchema,
  })
  .refine((v) => v.decision !== 'reject' || (v.reason !== null && v.reason.length >= 3), {
    path: ['reason'],
    message: 'Give the reason for rejecting (at least 3 characters): it is kept in the history.',
  });
export type DecideExclusionInput = z.input<typeof decideExclusionSchema>;

const exclusionIdSchema = z.string().uuid('Unknown exclusion.');

export async function decideExclusion(db: Db, options: { actor: Actor; exclusionId: unknown; input: unknown; now?: Date }): Promise<Exclusion> {
  const { actor } = options;
  const now = options.now ?? new Date();
  const id = parseOrThrow(exclusionIdSchema, options.exclusionId);
  const { decision, reason, expectedVersion } = parseOrThrow(decideExclusionSchema, options.input);
  const transition = TRANSITIONS[decision];

  const decided = await db.$transaction(async (tx) => {
    const exclusion = await tx.exclusion.findFirst({ where: { id, ...(await exclusionAccessWhere(tx, actor)) } });
    if (!exclusion) throw new NotFoundError('Unknown exclusion.');
    const verdict = checkDecision(await ruleActor(tx, actor, exclusion.accountId), exclusion, await decisionContext(tx, exclusion), now);
    await enforce(tx, verdict, exclusion, now);
    const seen = expectedVersion ?? exclusion.version;

    const updated = await tx.exclusion.updateMany({
      where: { id, version: seen, status: 'pending', expiresAt: { gt: now } },
      data: { status: transition.to, decidedAt: now, version: { increment: 1 } },
    });
    if (updated.count === 0) await lostRace(tx, id);
    await tx.exclusionEvent.create({
      data: { exclusionId: id, action: transition.to, fromStatus: 'pending', toStatus: transition.to, actorId: actor.id, reason, at: now },
    });
    await recordAuditEvent(tx, {
      actor: { id: actor.id, email: actor.email },
      action: decision === 'approve' ? 'exclusion.approve' : 'exclusion.reject',
      target: { type: 'exclusion', id },
      accountId: exclusion.accountId,
      details: { reason, requestedById: exclusion.requestedById },
    });
    return tx.exclusion.findUniqueOrThrow({ where: { id } });
  });
  // An approval changes which failures are excepted: bring the stored current posture up to date.
  if (decided.status === 'approved') await refreshCurrentPostureAfterChange(db, [decided.accountId]);
  return decided;
}
