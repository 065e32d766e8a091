// Attestations as the caller may see them (account owners: organization-wide ones and their
// accounts'), filtered by control, account and status; statuses as of `now` (expired included).
import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import { parseOrThrow } from '@/server/validation';
import type { Db } from '@/server/db';
import { attestationAccessWhere, type Actor } from './attestation-access';
import { attestationAllowedActions, attestationDisplayStatus, type AttestationAllowedActions, type AttestationDisplayStatus } from './attestation-rules';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const listAttestationsSchema = z.object({
  controlId: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  /** An account id, or `org` for organization-wide attestations. */
  accountId: z.preprocess(blankToUndefined, z.string().trim().regex(/^(\d{12}|org)$/, 'An AWS account id has exactly 12 digits.').optional()),
  status: z.preprocess(blankToUndefined, z.enum(['pending', 'confirmed', 'rejected', 'revoked', 'expired'], { message: 'Unknown status.' }).optional()),
});

export const attestationRowSelect = {
  id: true,
  controlId: true,
  accountId: true,
  statement: true,
  validUntil: true,
  status: true,
  createdById: true,
  createdAt: true,
  decidedAt: true,
  fileName: true,
  fileType: true,
  fileSize: true,
  fileSha256: true,
  version: true,
  createdBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.AttestationSelect;

export type AttestationRow = Prisma.AttestationGetPayload<{ select: typeof attestationRowSelect }> & {
  displayStatus: AttestationDisplayStatus;
  allowed: AttestationAllowedActions;
};

function statusWhere(status: AttestationDisplayStatus, now: Date): Prisma.AttestationWhereInput {
  if (status === 'expired') return { status: { in: ['pending', 'confirmed'] }, validUntil: { lte: now } };
  if (status === 'pending' || status === 'confirmed') return { status, validUntil: { gt: now } };
  return { status };
}

export async function listAttestations(db: Db, options: { actor: Actor; filters?: unknown; now?: Date }): Promise<AttestationRow[]> {
  const { actor } = options;
  const now = options.now ?? new Date();
  const filters = parseOrThrow(listAttestationsSchema, options.filters ?? {});
  const where: Prisma.AttestationWhereInput[] = [await attestationAccessWhere(db, actor)];
  if (filters.controlId) where.push({ controlId: filters.controlId });
  if (filters.accountId) where.push({ accountId: filters.accountId === 'org' ? null : filters.accountId });
  if (filters.status) where.push(statusWhere(filters.status, now));
  const rows = await db.attestation.findMany({ where: { AND: where }, select: attestationRowSelect, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: 500 });
  const owned = new Set(
    actor.role === 'account_owner' ? (await db.accountOwner.findMany({ where: { userId: actor.id }, select: { accountId: true } })).map((o) => o.accountId) : [],
  );
  return rows.map((row) => ({
    ...row,
    displayStatus: attestationDisplayStatus(row, now),
    allowed: attestationAllowedActions({ id: actor.id, role: actor.role, ownsAccount: row.accountId !== null && owned.has(row.accountId) }, row, now),
  }));
}
