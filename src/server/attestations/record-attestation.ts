// Recording an attestation of a manual control, for the organization or one account, with a
// statement, an optional file (checked by content, stored with its SHA-256) and a validity date.
// It counts only once a second person confirms it.
import { z } from 'zod';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { parseOrThrow } from '@/server/validation';
import { findControl, isManual } from '@/server/catalog';
import type { Db } from '@/server/db';
import { ForbiddenError, ValidationError } from '@/server/errors';
import type { Actor } from './attestation-access';
import { inspectAttestationFile } from './attestation-file';
import { checkRecordAttestation, resolveValidUntil } from './attestation-rules';

export const recordAttestationSchema = z.object({
  controlId: z.string({ message: 'Choose the control.' }).trim().min(1, 'Choose the control.').max(100),
  /** Empty or absent: the whole organization. */
  accountId: z
    .string()
    .trim()
    .nullish()
    .transform((v) => v || null)
    .refine((v) => v === null || /^\d{12}$/.test(v), 'An AWS account id has exactly 12 digits.'),
  statement: z
    .string({ message: 'Write the statement.' })
    .trim()
    .min(10, 'Write what is in place and how you know (at least 10 characters).')
    .max(5000, 'Keep the statement under 5000 characters.'),
  /** `2025-12-31` (the end of that day, UTC) or an ISO timestamp. */
  validUntil: z.string({ message: 'Enter the date until which the attestation is valid.' }).max(40),
});
export type RecordAttestationInput = z.input<typeof recordAttestationSchema>;

export interface AttestationUpload {
  name: string;
  bytes: Uint8Array;
}

export async function recordAttestation(db: Db, options: { actor: Actor; input: unknown; file?: AttestationUpload | null; now?: Date }) {
  const { actor } = options;
  const now = options.now ?? new Date();
  const verdict = checkRecordAttestation(actor);
  if (!verdict.ok) throw new ForbiddenError(verdict.message);
  const data = parseOrThrow(recordAttestationSchema, options.input);

  const control = findControl(data.controlId);
  if (!control) throw new ValidationError(`controlId: There is no control "${data.controlId}" in the current catalog.`, { controlId: ['Unknown control.'] });
  if (!isManual(control)) {
    const message = `${control.id} is checked automatically (Security Hub or Config); attestations are for manual controls.`;
    throw new ValidationError(`controlId: ${message}`, { controlId: [message] });
  }
  const validity = resolveValidUntil(data.validUntil, now);
  if (!validity.ok) throw new ValidationError(`validUntil: ${validity.message}`, { validUntil: [validity.message] });
  if (data.accountId && !(await db.awsAccount.findUnique({ where: { id: data.accountId }, select: { id: true } }))) {
    throw new ValidationError(`accountId: Account ${data.accountId} is not registered.`, { accountId: ['Unknown account.'] });
  }
  let file = null;
  if (options.file) {
    const inspected = inspectAttestationFile(options.file);
    if (!inspected.ok) throw new ValidationError(`file: ${inspected.message}`, { file: [inspected.message] });
    file = inspected.file;
  }

  return db.$transaction(async (tx) => {
    const attestation = await tx.attestation.create({
      data: {
        controlId: control.id,
        accountId: data.accountId,
        statement: data.statement,
        validUntil: validity.validUntil,
        createdById: actor.id,
        createdAt: now,
        ...(file ? { fileName: file.fileName, fileType: file.fileType, fileSize: file.fileSize, fileSha256: file.fileSha256, fileContent: file.content } : {}),
      },
      omit: { fileContent: true },
    });
    await tx.attestationEvent.create({
      data: { attestationId: attestation.id, action: 'recorded', fromStatus: null, toStatus: 'pending', actorId: actor.id, reason: null, at: now },
    });
    await recordAuditEvent(tx, {
      actor: { id: actor.id, email: actor.email },
      action: 'attestation.record',
      target: { type: 'attestation', id: attestation.id },
      accountId: attestation.accountId,
      details: { controlId: attestation.controlId, validUntil: attestation.validUntil.toISOString(), fileName: attestation.fileName, fileSha256: attestation.fileSha256 },
    });
    return attestation;
  });
}
