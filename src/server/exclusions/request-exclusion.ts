// Requesting an exclusion: "this resource is knowingly outside this control, for this reason,
// until this date". Validated on the server (scope against the catalog, the no-PHI attestation,
// the expiry), authorized against the account, and written with its `requested` event in one
// transaction that refuses a second open request for the same thing.
import { z } from 'zod';
import type { Exclusion } from '@/generated/prisma/client';
import { visibleAccountsWhere } from '@/server/accounts/account-scope';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { parseOrThrow } from '@/server/validation';
import type { Db } from '@/server/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { ruleActor, type Actor } from './exclusion-access';
import { checkRequest, EXCLUSION_SCOPES, requiresNoPhiAttestation, resolveExpiry } from './exclusion-rules';
import { resolveExclusionTarget } from './exclusion-target';

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullish()
    .transform((v) => v || null);

export const requestExclusionSchema = z.object({
  accountId: z.string().trim().regex(/^\d{12}$/, 'An AWS account id has exactly 12 digits.'),
  scope: z.enum(EXCLUSION_SCOPES, { message: 'Choose what the exclusion covers.' }),
  resourceId: optionalText(2048, 'A resource id has at most 2048 characters.').refine((v) => v === null || !/\s/.test(v), 'A resource id has no spaces.'),
  resourceType: optionalText(256, 'A resource type has at most 256 characters.'),
  controlId: optionalText(100, 'Unknown control.'),
  serviceId: optionalText(100, 'Unknown service.'),
  justification: z
    .string({ message: 'Explain why the resource is outside the control.' })
    .trim()
    .min(10, 'Explain why the resource is outside the control (at least 10 characters).')
    .max(4000, 'Keep the justification under 4000 characters.'),
  noPhiAttested: z.boolean({ message: 'noPhiAttested is true or false.' }).default(false),
  ticketRef: optionalText(200, 'Keep the ticket reference under 200 characters.'),
  /** `2025-03-31` (the end of that day, UTC) or an ISO timestamp; 90 days ahead when absent. */
  expiresAt: z.string().max(40).nullish(),
});
export type RequestExclusionInput = z.input<typeof requestExclusionSchema>;

export async function requestExclusion(db: Db, options: { actor: Actor; input: unknown; now?: Date }): Promise<Exclusion> {
  const { actor } = options;
  const now = options.now ?? new Date();
  const data = parseOrThrow(requestExclusionSchema, options.input);

  // Authorization in the query: an account owner asking about an account they do not own gets "not found".
  const account = await db.awsAccount.findFirst({ where: { id: data.accountId, ...visibleAccountsWhere(actor) }, select: { id: true } });
  if (!account) throw new NotFoundError('Unknown account.');
  const verdict = checkRequest(await ruleActor(db, actor, account.id), data.scope);
  if (!verdict.ok) throw new ForbiddenError(verdict.message);

  const resolved = resolveExclusionTarget(data);
  if (!resolved.ok) throw new ValidationError(`${resolved.field}: ${resolved.message}`, { [resolved.field]: [resolved.message] });
  const { target } = resolved;
  const expiry = resolveExpiry(data.expiresAt, now);
  if (!expiry.ok) throw new ValidationError(`expiresAt: ${expiry.message}`, { expiresAt: [expiry.message] });
  if (requiresNoPhiAttestation(target.controls) && !data.noPhiAttested) {
    const message =
      target.scope === 'account_control'
        ? `Attest that no resource this control covers in the account stores or transmits PHI or PII: ${target.controlId} protects PHI.`
        : 'Attest that the resource stores and transmits no PHI or PII: the control protects PHI.';
    throw new ValidationError(`noPhiAttested: ${message}`, { noPhiAttested: [message] });
  }

  const key = [account.id, target.scope, target.resourceId ?? '*', target.controlId ?? `service:${target.serviceId}`].join('|');
  return db.$transaction(async (tx) => {
    // Two identical requests at once: the second waits here, then sees the first.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`exclusion:${key}`}))`;
    const open = await tx.exclusion.findFirst({
      where: {
        accountId: account.id,
        scope: target.scope,
        resourceId: target.resourceId,
        controlId: target.controlId,
        serviceId: target.serviceId,
        status: { in: ['pending', 'approved'] },
        expiresAt: { gt: now },
      },
      select: { id: true, status: true, expiresAt: true },
    });
    if (open) {
      throw new ConflictError(
        open.status === 'pending'
          ? `An exclusion for this is already waiting for approval (${open.id}).`
          : `An approved exclusion already covers this until ${open.expiresAt.toISOString().slice(0, 10)} (${open.id}).`,
      );
    }
    const exclusion = await tx.exclusion.create({
      data: {
        accountId: account.id,
        scope: target.scope,
        resourceId: target.resourceId,
        resourceType: target.resourceId ? data.resourceType : null,
        serviceId: target.serviceId,
        controlId: target.controlId,
        justification: data.justification,
        noPhiAttested: data.noPhiAttested,
        ticketRef: data.ticketRef,
        expiresAt: expiry.expiresAt,
        requestedById: actor.id,
        requestedAt: now,
      },
    });
    await tx.exclusionEvent.create({
      data: { exclusionId: exclusion.id, action: 'requested', fromStatus: null, toStatus: 'pending', actorId: actor.id, reason: data.justification, at: now },
    });
    await recordAuditEvent(tx, {
      actor: { id: actor.id, email: actor.email },
      action: 'exclusion.request',
      target: { type: 'exclusion', id: exclusion.id },
      accountId: exclusion.accountId,
      details: {
        scope: exclusion.scope,
        resourceId: exclusion.resourceId,
        controlId: exclusion.controlId,
        serviceId: exclusion.serviceId,
        expiresAt: exclusion.expiresAt.toISOString(),
        noPhiAttested: exclusion.noPhiAttested,
        ticketRef: exclusion.ticketRef,
      },
    });
    return exclusion;
  });
}
