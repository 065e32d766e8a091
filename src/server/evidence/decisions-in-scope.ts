// Exclusions and attestations an evidence bundle covers, each with its history up to the as-of
// instant and its status then (replayed from that history: the last change at or before the
// instant; an approved exclusion or confirmed attestation past its end date counts as expired).
import type { Db } from '@/server/db';
import type { ResolvedScope } from './bundle-scope';

export interface DecisionEvent {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorEmail: string | null;
  reason: string | null;
  at: Date;
}

export interface ExclusionInScope {
  id: string;
  accountId: string;
  scope: string;
  serviceId: string;
  controlId: string | null;
  resourceType: string | null;
  resourceId: string | null;
  justification: string;
  noPhiAttested: boolean;
  ticketRef: string | null;
  requestedBy: string;
  requestedAt: Date;
  expiresAt: Date;
  statusAsOf: string;
  /** Approved and not expired at the as-of instant: it turns failures into `excepted`. */
  activeAsOf: boolean;
  events: DecisionEvent[];
}

export interface AttestationInScope {
  id: string;
  controlId: string;
  /** null: the whole organization. */
  accountId: string | null;
  statement: string;
  validUntil: Date;
  createdBy: string;
  createdAt: Date;
  file: { name: string; type: string | null; size: number | null; sha256: string | null } | null;
  statusAsOf: string;
  /** Confirmed and still valid at the as-of instant. */
  activeAsOf: boolean;
  events: DecisionEvent[];
}

const BATCH = 200;

/** The status replayed from the history: the last change at or before `asOf`. */
export function statusAsOf(events: readonly DecisionEvent[], fallback: string, asOf: Date): string {
  let status: string | null = null;
  for (const e of events) if (e.at <= asOf) status = e.toStatus;
  return status ?? fallback;
}

function toEvents(
  events: { action: string; fromStatus: string | null; toStatus: string; reason: string | null; at: Date; actor: { email: string } | null }[],
): DecisionEvent[] {
  return events.map((e) => ({ action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, actorEmail: e.actor?.email ?? null, reason: e.reason, at: e.at }));
}

/**
 * Exclusions of the accounts in scope requested by the as-of instant, whose control is in scope
 * (or, covering every control of a service, whose service has a control in scope); by request time.
 */
export async function* exclusionsInScope(db: Db, scope: ResolvedScope): AsyncGenerator<ExclusionInScope[]> {
  const asOf = scope.asOf.instant;
  const controlFilter = scope.allControls
    ? {}
    : { OR: [{ controlId: { in: [...scope.controlIds] } }, { controlId: null, serviceId: { in: scope.services.map((s) => s.id) } }] };
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.exclusion.findMany({
      where: { accountId: { in: scope.accountIds }, requestedAt: { lte: asOf }, ...controlFilter },
      include: {
        requestedBy: { select: { email: true } },
        events: { where: { at: { lte: asOf } }, orderBy: [{ at: 'asc' }, { id: 'asc' }], include: { actor: { select: { email: true } } } },
      },
      orderBy: { id: 'asc' },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) return;
    yield rows.map((x) => {
      const events = toEvents(x.events);
      let status = statusAsOf(events, 'pending', asOf);
      if ((status === 'approved' || status === 'pending') && x.expiresAt <= asOf) status = 'expired';
      return {
        id: x.id,
        accountId: x.accountId,
        scope: x.scope,
        serviceId: x.serviceId,
        controlId: x.controlId,
        resourceType: x.resourceType,
        resourceId: x.resourceId,
        justification: x.justification,
        noPhiAttested: x.noPhiAttested,
        ticketRef: x.ticketRef,
        requestedBy: x.requestedBy.email,
        requestedAt: x.requestedAt,
        expiresAt: x.expiresAt,
        statusAsOf: status,
        activeAsOf: status === 'approved',
        events,
      };
    });
    if (rows.length < BATCH) return;
    cursor = rows[rows.length - 1].id;
  }
}

/** Attestations of controls in scope, for the organization or an account in scope, recorded by the as-of instant. */
export async function* attestationsInScope(db: Db, scope: ResolvedScope): AsyncGenerator<AttestationInScope[]> {
  const asOf = scope.asOf.instant;
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.attestation.findMany({
      where: {
        controlId: { in: [...scope.controlIds] },
        createdAt: { lte: asOf },
        ...(scope.allAccounts ? {} : { OR: [{ accountId: null }, { accountId: { in: scope.accountIds } }] }),
      },
      select: {
        id: true,
        controlId: true,
        accountId: true,
        statement: true,
        validUntil: true,
        createdAt: true,
        fileName: true,
        fileType: true,
        fileSize: true,
        fileSha256: true,
        createdBy: { select: { email: true } },
        events: { where: { at: { lte: asOf } }, orderBy: [{ at: 'asc' }, { id: 'asc' }], include: { actor: { select: { email: true } } } },
      },
      orderBy: { id: 'asc' },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) return;
    yield rows.map((x) => {
      const events = toEvents(x.events);
      let status = statusAsOf(events, 'pending', asOf);
      if (status === 'confirmed' && x.validUntil <= asOf) status = 'expired';
      return {
        id: x.id,
        controlId: x.controlId,
        accountId: x.accountId,
        statement: x.statement,
        validUntil: x.validUntil,
        createdBy: x.createdBy.email,
        createdAt: x.createdAt,
        file: x.fileName ? { name: x.fileName, type: x.fileType, size: x.fileSize, sha256: x.fileSha256 } : null,
        statusAsOf: status,
        activeAsOf: status === 'confirmed',
        events,
      };
    });
    if (rows.length < BATCH) return;
    cursor = rows[rows.length - 1].id;
  }
}

/** Every exclusion or attestation of the generator, collected (they are few: people make them). */
export async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const batch of batches) all.push(...batch);
  return all;
}
