// The exclusions list with filters (account, status, control, service, resource), as the caller
// may see it: account owners only their accounts' (in the `where`). Statuses are as of `now`, so
// an approved exclusion past its date is listed as expired even before the worker marks it.
import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import type { ExclusionStatus } from '@/generated/prisma/enums';
import { parseOrThrow } from '@/server/validation';
import { findControl } from '@/server/catalog';
import type { Db } from '@/server/db';
import { exclusionAccessWhere, otherOwnerCounts, type Actor } from './exclusion-access';
import { effectiveStatus, EXCLUSION_STATUSES, expectedDecider, isExpiringSoon } from './exclusion-rules';

export const EXCLUSIONS_PAGE_SIZE = 50;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const listExclusionsSchema = z.object({
  accountId: optional(z.string().trim().regex(/^\d{12}$/, 'An AWS account id has exactly 12 digits.')),
  status: optional(z.enum(EXCLUSION_STATUSES, { message: 'Unknown status.' })),
  controlId: optional(z.string().trim().max(100)),
  serviceId: optional(z.string().trim().max(100)),
  resourceId: optional(z.string().trim().max(2048)),
  page: optional(z.coerce.number().int('Pages are whole numbers.').min(1).max(100_000)),
});
export type ExclusionFilters = z.output<typeof listExclusionsSchema>;

/** The stored statuses (and dates) that make an exclusion have this status as of `now`. */
export function effectiveStatusWhere(status: ExclusionStatus, now: Date): Prisma.ExclusionWhereInput {
  switch (status) {
    case 'pending':
    case 'approved':
      return { status, expiresAt: { gt: now } };
    case 'expired':
      return { OR: [{ status: 'expired' }, { status: { in: ['pending', 'approved'] }, expiresAt: { lte: now } }] };
    default:
      return { status };
  }
}

export function exclusionFilterWhere(filters: ExclusionFilters, now: Date): Prisma.ExclusionWhereInput[] {
  const where: Prisma.ExclusionWhereInput[] = [];
  if (filters.accountId) where.push({ accountId: filters.accountId });
  if (filters.status) where.push(effectiveStatusWhere(filters.status, now));
  if (filters.serviceId) where.push({ serviceId: filters.serviceId });
  if (filters.resourceId) where.push({ resourceId: filters.resourceId });
  if (filters.controlId) {
    // A control is also covered by exclusions of every control of its service.
    const serviceId = findControl(filters.controlId)?.serviceId;
    where.push({ OR: [{ controlId: filters.controlId }, ...(serviceId ? [{ controlId: null, serviceId }] : [])] });
  }
  return where;
}

export const exclusionRowSelect = {
  id: true,
  accountId: true,
  scope: true,
  resourceId: true,
  resourceType: true,
  serviceId: true,
  controlId: true,
  justification: true,
  noPhiAttested: true,
  ticketRef: true,
  expiresAt: true,
  status: true,
  requestedById: true,
  requestedAt: true,
  decidedAt: true,
  staleSince: true,
  version: true,
  requestedBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.ExclusionSelect;

type StoredRow = Prisma.ExclusionGetPayload<{ select: typeof exclusionRowSelect }>;

export type ExclusionRow = StoredRow & {
  effectiveStatus: ExclusionStatus;
  expiringSoon: boolean;
  /** Who is expected to decide a pending request; null once decided. */
  awaiting: 'account_owner' | 'compliance_officer' | null;
};

export async function toExclusionRows(db: Db | Prisma.TransactionClient, rows: StoredRow[], now: Date): Promise<ExclusionRow[]> {
  const pending = rows.filter((r) => effectiveStatus(r, now) === 'pending');
  const others = await otherOwnerCounts(db, pending);
  return rows.map((row) => {
    const status = effectiveStatus(row, now);
    return {
      ...row,
      effectiveStatus: status,
      expiringSoon: isExpiringSoon(row, now),
      awaiting: status === 'pending' ? expectedDecider({ otherOwners: others.get(row.id) ?? 0 }) : null,
    };
  });
}

export async function listExclusions(
  db: Db,
  options: { actor: Actor; filters?: unknown; now?: Date },
): Promise<{ rows: ExclusionRow[]; total: number; page: number; pageSize: number; filters: ExclusionFilters }> {
  const now = options.now ?? new Date();
  const filters = parseOrThrow(listExclusionsSchema, options.filters ?? {});
  const page = filters.page ?? 1;
  const where: Prisma.ExclusionWhereInput = { AND: [await exclusionAccessWhere(db, options.actor), ...exclusionFilterWhere(filters, now)] };
  const [rows, total] = await Promise.all([
    db.exclusion.findMany({
      where,
      select: exclusionRowSelect,
      orderBy: [{ requestedAt: 'desc' }, { id: 'asc' }],
      skip: (page - 1) * EXCLUSIONS_PAGE_SIZE,
      take: EXCLUSIONS_PAGE_SIZE,
    }),
    db.exclusion.count({ where }),
  ]);
  return { rows: await toExclusionRows(db, rows, now), total, page, pageSize: EXCLUSIONS_PAGE_SIZE, filters };
}
