// Revoking an approved exclusion (an owner of its account or a compliance officer, with a
// reason): from then on the resource's failures count as failures again.
import { z } from 'zod';
import type { Exclusion } from '@/generated/prisma/client';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { expectedVersionSchema, parseOrThrow } from '@/server/validation';
import type { Db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { refreshCurrentPostureAfterChange } from '@/server/posture/current-posture';
import { enforce, exclusionAccessWhere, lostRace, ruleActor, type Actor } from './exclusion-access';
import { checkRevoke, TRANSITIONS } from './exclusion-rules';

export const revokeExclusionSchema = z.object({
  reason: z
    .string({ message: 'Give the reason for revoking: it is kept in the history.' })
    .trim()
    .min(3, 'Give the reason for revoking (at least 3 characters): it is kept in the history.')
    .max(2000, 'Keep the reason under 2000 characters.'),
  expectedVersion: expectedVersionSchema,
});
export type RevokeExclusionInput = z.input<typeof revokeExclusionSchema>;

export async function revokeExclusion(db: Db, options: { actor: Actor; exclusionId: unknown; input: unknown; now?: Date }): Promise<Exclusion> {
  const { actor } = options;
  const now = options.now ?? new Date();
  const id = parseOrThrow(z.string().uuid('Unknown exclusion.'), options.exclusionId);
  const { reason, expectedVersion } = parseOrThrow(revokeExclusionSchema, options.input);

  const revoked = await db.$transaction(async (tx) => {
    const exclusion = await tx.exclusion.findFirst({ where: { id, ...(await exclusionAccessWhere(tx, actor)) } });
    if (!exclusion) throw new NotFoundError('Unknown exclusion.');
    await enforce(tx, checkRevoke(await ruleActor(tx, actor, exclusion.accountId), exclusion, now), exclusion, now);

    const updated = await tx.exclusion.updateMany({
      where: { id, version: expectedVersion ?? exclusion.version, status: 'approved', expiresAt: { gt: now } },
      data: { status: TRANSITIONS.revoke.to, version: { increment: 1 } },
    });
    if (updated.count === 0) await lostRace(tx, id);
    await tx.exclusionEvent.create({
      data: { exclusionId: id, action: 'revoked', fromStatus: 'approved', toStatus: 'revoked', actorId: actor.id, reason, at: now },
    });
    await recordAuditEvent(tx, {
      actor: { id: actor.id, email: actor.email },
      action: 'exclusion.revoke',
      target: { type: 'exclusion', id },
      accountId: exclusion.accountId,
      details: { reason },
    });
    return tx.exclusion.findUniqueOrThrow({ where: { id } });
  });
  // The resource's failures count again: bring the stored current posture up to date.
  await refreshCurrentPostureAfterChange(db, [revoked.accountId]);
  return revoked;
}
