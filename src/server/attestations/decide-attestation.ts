// Confirming or rejecting a pending attestation: a person other than its author (an owner of its
// account, or a second compliance officer). Conditional update on version + status and the event,
// in one transaction: of two people deciding at once, one wins and the other gets a 409.
import { z } from 'zod';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { expectedVersionSchema, parseOrThrow } from '@/server/validation';
import type { Db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { attestationAccessWhere, attestationActor, enforceAttestation, lostAttestationRace, type Actor } from './attestation-access';
import { ATTESTATION_TRANSITIONS, checkAttestationDecision } from './attestation-rules';

export const decideAttestationSchema = z
  .object({
    decision: z.enum(['confirm', 'reject'], { message: 'Choose confirm or reject.' }),
    reason: z
      .string()
      .trim()
      .max(2000, 'Keep the reason under 2000 characters.')
      .nullish()
      .transform((v) => v || null),
    expectedVersion: expectedVersionSchema,
  })
  .refine((v) => v.decision !== 'reject' || (v.reason !== null && v.reason.length >= 3), {
    path: ['reason'],
    message: 'Give the reason for rejecting (at least 3 characters): it is kept in the history.',
  });
export type DecideAttestationInput = z.input<typeof decideAttestationSchema>;

export async function decideAttestation(db: Db, options: { actor: Actor; attestationId: unknown; input: unknown; now?: Date }) {
  const { actor } = options;
  const now = options.now ?? new Date();
  const id = parseOrThrow(z.string().uuid('Unknown attestation.'), options.attestationId);
  const { decision, reason, expectedVersion } = parseOrThrow(decideAttestationSchema, options.input);
  const transition = ATTESTATION_TRANSITIONS[decision];

  return db.$transaction(async (tx) => {
    const attestation = await tx.attestation.findFirst({ where: { id, ...(await attestationAccessWhere(tx, actor)) }, omit: { fileContent: true } });
    if (!attestation) throw new NotFoundError('Unknown attestation.');
    await enforceAttestation(tx, checkAttestationDecision(await attestationActor(tx, actor, attestation.accountId), attestation, now), attestation, now);

    const updated = await tx.attestation.updateMany({
      where: { id, version: expectedVersion ?? attestation.version, status: transition.from, validUntil: { gt: now } },
      data: { status: transition.to, decidedAt: now, version: { increment: 1 } },
    });
    if (updated.count === 0) await lostAttestationRace(tx, id);
    await tx.attestationEvent.create({
      data: { attestationId: id, action: transition.to, fromStatus: transition.from, toStatus: transition.to, actorId: actor.id, reason, at: now },
    });
    await recordAuditEvent(tx, {
      actor: { id: actor.id, email: actor.email },
      action: decision === 'confirm' ? 'attestation.confirm' : 'attestation.reject',
      target: { type: 'attestation', id },
      accountId: attestation.accountId,
      details: { reason, controlId: attestation.controlId, createdById: attestation.createdById },
    });
    return tx.attestation.findUniqueOrThrow({ where: { id }, omit: { fileContent: true } });
  });
}
