// Revoking a confirmed attestation (a compliance officer, or an owner of its account), with a
// reason: its control is `manual` (not evaluated) again from then on.
import { z } from 'zod';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { expectedVersionSchema, parseOrThrow } from '@/server/validation';
import type { Db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { attestationAccessWhere, attestationActor, enforceAttestation, lostAttestationRace, type Actor } from './attestation-access';
import { ATTESTATION_TRANSITIONS, checkAttestationRevoke } from './attestation-rules';

export const revokeAttestationSchema = z.object({
  reason: z
    .string({ message: 'Give the reason for revoking: it is kept in the history.' })
    .trim()
    .min(3, 'Give the reason for revoking (at least 3 characters): it is kept in the history.')
    .max(2000, 'Keep the reason under 2000 characters.'),
  expectedVersion: expectedVersionSchema,
});

export async function revokeAttestation(db: Db, options: { actor: Actor; attestationId: unknown; input: unknown; now?: Date }) {
  const { actor } = options;
  const now = options.now ?? new Date();
  const id = parseOrThrow(z.string().uuid('Unknown attestation.'), options.attestationId);
  const { reason, expectedVersion } = parseOrThrow(revokeAttestationSchema, options.input);
  const { from, to } = ATTESTATION_TRANSITIONS.revoke;

  return db.$transaction(async (tx) => {
    const attestation = await tx.attestation.findFirst({ where: { id, ...(await attestationAccessWhere(tx, actor)) }, omit: { fileContent: true } });
    if (!attestation) throw new NotFoundError('Unknown attestation.');
    await enforceAttestation(tx, checkAttestationRevoke(await attestationActor(tx, actor, attestation.accountId), attestation, now), attestation, now);

    const updated = await tx.attestation.updateMany({
      where: { id, version: expectedVersion ?? attestation.version, status: from, validUntil: { gt: now } },
      data: { status: to, version: { increment: 1 } },
    });
    if (updated.count === 0) await lostAttestationRace(tx, id);
    await tx.attestationEvent.create({ data: { attestationId: id, action: 'revoked', fromStatus: from, toStatus: to, actorId: actor.id, reason, at: now } });
    await recordAuditEvent(tx, {
      actor: { id: actor.id, email: actor.email },
      action: 'attestation.revoke',
      target: { type: 'attestation', id },
      accountId: attestation.accountId,
      details: { reason, controlId: attestation.controlId },
    });
    return tx.attestation.findUniqueOrThrow({ where: { id }, omit: { fileContent: true } });
  });
}
