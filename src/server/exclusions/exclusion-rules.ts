// The exclusion state machine and who may move it, as pure functions: no database, no clock
// (`now` is always a parameter). The use cases in this folder load the facts, ask these rules,
// then write the change with a conditional update.
//
//   request ──► pending ──approve──► approved ──revoke──► revoked
//                  │                    │
//                  ├──reject──► rejected └──expire (system, expiresAt passed)──► expired
//                  └──expire (system: nobody decided before the date)──► expired
//
// Who (issue #7):
// - request: an account owner of the account, or a compliance officer; a whole-account scope
//   (one control across an account) is for compliance officers only.
// - approve / reject: an account owner of the account, or a compliance officer when no other
//   owner of that account can (every owner other than the requester counts); never the requester.
// - revoke (approved only): an account owner of the account, or a compliance officer.
// - admins and auditors change nothing.
// An approved or pending exclusion whose expiresAt has passed is expired at once when read,
// whether or not the worker has written that yet.
import type { ExclusionScope, ExclusionStatus, Role } from '@/generated/prisma/enums';
import { parseDateOrTimestamp } from '@/server/validation';

export const DEFAULT_EXCLUSION_DAYS = 90;
export const MAX_EXCLUSION_DAYS = 365;
/** The inbox lists approved exclusions expiring within this many days. */
export const EXPIRING_SOON_DAYS = 14;
export const DAY_MS = 86_400_000;

export const EXCLUSION_STATUSES = ['pending', 'approved', 'rejected', 'revoked', 'expired'] as const satisfies readonly ExclusionStatus[];
export const EXCLUSION_SCOPES = ['resource_control', 'resource_service', 'account_control'] as const satisfies readonly ExclusionScope[];

export const SCOPE_LABELS: Record<ExclusionScope, string> = {
  resource_control: 'This resource, this control',
  resource_service: 'This resource, every control of its service',
  account_control: 'This control, across the whole account',
};

export const STATUS_LABELS: Record<ExclusionStatus, string> = {
  pending: 'Pending approval',
  approved: 'Approved',
  rejected: 'Rejected',
  revoked: 'Revoked',
  expired: 'Expired',
};

// ---------------------------------------------------------------------------------------------
// Transitions

export type ExclusionTransition = 'approve' | 'reject' | 'revoke' | 'expire';

export const TRANSITIONS: Readonly<Record<ExclusionTransition, { from: readonly ExclusionStatus[]; to: ExclusionStatus }>> = {
  approve: { from: ['pending'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  revoke: { from: ['approved'], to: 'revoked' },
  expire: { from: ['pending', 'approved'], to: 'expired' },
};

/** The status a transition leads to from `from`, or null when it is not allowed from there. */
export function transitionTarget(from: ExclusionStatus, transition: ExclusionTransition): ExclusionStatus | null {
  const rule = TRANSITIONS[transition];
  return rule.from.includes(from) ? rule.to : null;
}

/** Statuses nothing leads out of. */
export function isFinal(status: ExclusionStatus): boolean {
  return !Object.values(TRANSITIONS).some((t) => t.from.includes(status));
}

interface Dated {
  status: ExclusionStatus;
  expiresAt: Date;
}

/** Pending or approved, but its date has passed: expired, whether or not the worker wrote it yet. */
export function hasLapsed(exclusion: Dated, now: Date): boolean {
  return transitionTarget(exclusion.status, 'expire') !== null && exclusion.expiresAt.getTime() <= now.getTime();
}

/** The status as of `now` (expiry is checked when reading, not only by the worker). */
export function effectiveStatus(exclusion: Dated, now: Date): ExclusionStatus {
  return hasLapsed(exclusion, now) ? 'expired' : exclusion.status;
}

/** Changes posture: approved and not yet expired (the same test as posture's isExclusionActive). */
export function isActive(exclusion: Dated, now: Date): boolean {
  return effectiveStatus(exclusion, now) === 'approved';
}

export function isExpiringSoon(exclusion: Dated, now: Date, days = EXPIRING_SOON_DAYS): boolean {
  return isActive(exclusion, now) && exclusion.expiresAt.getTime() <= now.getTime() + days * DAY_MS;
}

// ---------------------------------------------------------------------------------------------
// Authorization

export interface ExclusionActor {
  id: string;
  role: Role;
  /** The actor is an account owner (role) of the exclusion's account (ownership row). */
  ownsAccount: boolean;
}

export type RuleVerdict = { ok: true } | { ok: false; kind: 'forbidden' | 'conflict'; message: string };

const OK: RuleVerdict = { ok: true };
const forbidden = (message: string): RuleVerdict => ({ ok: false, kind: 'forbidden', message });
const conflict = (message: string): RuleVerdict => ({ ok: false, kind: 'conflict', message });

const isOwner = (actor: ExclusionActor) => actor.role === 'account_owner' && actor.ownsAccount;
const formatDay = (date: Date) => date.toISOString().slice(0, 10);

export function checkRequest(actor: ExclusionActor, scope: ExclusionScope): RuleVerdict {
  if (actor.role === 'compliance_officer') return OK;
  if (actor.role !== 'account_owner') return forbidden('Only account owners and compliance officers request exclusions.');
  if (!actor.ownsAccount) return forbidden('You can request exclusions only for accounts you own.');
  if (scope === 'account_control') return forbidden('Only compliance officers can exclude a control across a whole account.');
  return OK;
}

export interface DecisionFacts extends Dated {
  requestedById: string;
}

export interface DecisionContext {
  /** Active account owners of the exclusion's account other than its requester (the actor included, if one). */
  otherOwners: number;
}

/** May the actor approve or reject this exclusion now? Authorization first, then the state. */
export function checkDecision(actor: ExclusionActor, exclusion: DecisionFacts, context: DecisionContext, now: Date): RuleVerdict {
  if (actor.role !== 'account_owner' && actor.role !== 'compliance_officer') {
    return forbidden('Only account owners and compliance officers decide exclusions.');
  }
  if (actor.id === exclusion.requestedById) return forbidden('You requested this exclusion: another person must decide it.');
  if (actor.role === 'account_owner' && !actor.ownsAccount) return forbidden('You can decide exclusions only for accounts you own.');
  if (actor.role === 'compliance_officer' && context.otherOwners > 0) {
    return forbidden('An owner of this account can decide this request; compliance officers decide only when no other owner can.');
  }
  const status = effectiveStatus(exclusion, now);
  if (status === 'expired' && exclusion.status === 'pending') {
    return conflict(`This request lapsed on ${formatDay(exclusion.expiresAt)} before anyone decided it; request a new exclusion.`);
  }
  if (status !== 'pending') return conflict(`This exclusion is already ${status}.`);
  return OK;
}

export function checkRevoke(actor: ExclusionActor, exclusion: Dated, now: Date): RuleVerdict {
  if (actor.role !== 'compliance_officer' && !isOwner(actor)) {
    return forbidden(
      actor.role === 'account_owner'
        ? 'You can revoke exclusions only for accounts you own.'
        : 'Only account owners and compliance officers revoke exclusions.',
    );
  }
  const status = effectiveStatus(exclusion, now);
  if (status === 'approved') return OK;
  if (status === 'pending') return conflict('This exclusion is still pending: reject it instead of revoking it.');
  return conflict(`This exclusion is already ${status}.`);
}

export interface AllowedActions {
  approve: boolean;
  reject: boolean;
  revoke: boolean;
}

/** What the actor may do now, for the UI (the use cases check again on the server). */
export function allowedActions(actor: ExclusionActor, exclusion: DecisionFacts, context: DecisionContext, now: Date): AllowedActions {
  const decide = checkDecision(actor, exclusion, context, now).ok;
  return { approve: decide, reject: decide, revoke: checkRevoke(actor, exclusion, now).ok };
}

/** Who is expected to decide a pending request: an owner, or (when none other can) a compliance officer. */
export function expectedDecider(context: DecisionContext): 'account_owner' | 'compliance_officer' {
  return context.otherOwners > 0 ? 'account_owner' : 'compliance_officer';
}

// ---------------------------------------------------------------------------------------------
// Expiry dates

// Looks like a date (`2025-02-30`, `2025-02-30T08:00Z`), so a refusal can say it is not a real one.
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}(T|$)/;

/** The last millisecond of a UTC day. */
export function endOfUtcDay(date: Date): Date {
  const end = new Date(date);
  end.setUTCHours(23, 59, 59, 999);
  return end;
}

export const defaultExpiry = (now: Date): Date => endOfUtcDay(new Date(now.getTime() + DEFAULT_EXCLUSION_DAYS * DAY_MS));
export const latestExpiry = (now: Date, maxDays = MAX_EXCLUSION_DAYS): Date => endOfUtcDay(new Date(now.getTime() + maxDays * DAY_MS));

export type ExpiryResult = { ok: true; expiresAt: Date } | { ok: false; message: string };

/**
 * The expiry of a request: a date (`2025-03-31`: the end of that day, UTC) or an ISO timestamp,
 * in the future and at most `maxDays` days ahead (to the end of that day); the default when empty.
 */
export function resolveExpiry(value: string | Date | null | undefined, now: Date, maxDays = MAX_EXCLUSION_DAYS): ExpiryResult {
  if (value === undefined || value === null || value === '') return { ok: true, expiresAt: defaultExpiry(now) };
  let expiresAt: Date;
  if (value instanceof Date) expiresAt = new Date(value);
  else {
    const text = value.trim();
    const parsed = parseDateOrTimestamp(text);
    if (!parsed) {
      return { ok: false, message: DATE_SHAPE.test(text) ? `${text.slice(0, 40)} is not a date.` : 'Enter the expiry as a date, e.g. 2025-03-31.' };
    }
    expiresAt = parsed;
  }
  if (Number.isNaN(expiresAt.getTime())) return { ok: false, message: 'Enter the expiry as a date, e.g. 2025-03-31.' };
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, message: 'The expiry date must be in the future.' };
  if (expiresAt.getTime() > latestExpiry(now, maxDays).getTime()) {
    return { ok: false, message: `The expiry date can be at most ${maxDays} days ahead (${formatDay(latestExpiry(now, maxDays))}).` };
  }
  return { ok: true, expiresAt };
}

/** A no-PHI attestation is needed when any control the exclusion covers protects PHI. */
export function requiresNoPhiAttestation(controls: readonly { phiRelated: boolean }[]): boolean {
  return controls.some((c) => c.phiRelated);
}
