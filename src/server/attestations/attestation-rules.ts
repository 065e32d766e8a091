// Attestations of manual controls as pure rules: the state machine, who may record, confirm,
// reject and revoke (separation of duties: never the person who recorded it), and validity.
//
//   record ──► pending ──confirm──► confirmed ──revoke──► revoked
//                 └──reject──► rejected
//
// - record: compliance officers.
// - confirm / reject: a different person: an account owner of the attestation's account, or a
//   second compliance officer (organization-wide attestations: compliance officers only).
// - revoke (confirmed only): a compliance officer, or an account owner of its account.
// Validity is checked when reading: a confirmed attestation past validUntil no longer counts
// (the control is `manual`, not evaluated, again) and shows as expired; a pending one past it
// can no longer be confirmed.
import type { AttestationStatus, Role } from '@/generated/prisma/enums';
import { parseDateOrTimestamp } from '@/server/validation';

export const ATTESTATION_STATUSES = ['pending', 'confirmed', 'rejected', 'revoked'] as const satisfies readonly AttestationStatus[];
export const MAX_ATTESTATION_DAYS = 365;
const DAY_MS = 86_400_000;

export type AttestationDisplayStatus = AttestationStatus | 'expired';

export const ATTESTATION_STATUS_LABELS: Record<AttestationDisplayStatus, string> = {
  pending: 'Awaiting confirmation',
  confirmed: 'Confirmed',
  rejected: 'Rejected',
  revoked: 'Revoked',
  expired: 'Expired',
};

export type AttestationTransition = 'confirm' | 'reject' | 'revoke';

export const ATTESTATION_TRANSITIONS: Readonly<Record<AttestationTransition, { from: AttestationStatus; to: AttestationStatus }>> = {
  confirm: { from: 'pending', to: 'confirmed' },
  reject: { from: 'pending', to: 'rejected' },
  revoke: { from: 'confirmed', to: 'revoked' },
};

export function attestationTransitionTarget(from: AttestationStatus, transition: AttestationTransition): AttestationStatus | null {
  const rule = ATTESTATION_TRANSITIONS[transition];
  return rule.from === from ? rule.to : null;
}

interface Dated {
  status: AttestationStatus;
  validUntil: Date;
}

const lapsed = (a: Dated, now: Date) => a.validUntil.getTime() <= now.getTime();

/** As shown: pending or confirmed past validUntil is expired. */
export function attestationDisplayStatus(attestation: Dated, now: Date): AttestationDisplayStatus {
  return (attestation.status === 'pending' || attestation.status === 'confirmed') && lapsed(attestation, now) ? 'expired' : attestation.status;
}

/** Makes its control `attested` (the same test as posture's isAttestationActive). */
export function isAttestationValid(attestation: Dated, now: Date): boolean {
  return attestation.status === 'confirmed' && !lapsed(attestation, now);
}

export interface AttestationActor {
  id: string;
  role: Role;
  /** An account owner (role) of the attestation's account (ownership); false for organization-wide ones. */
  ownsAccount: boolean;
}

export interface AttestationFacts extends Dated {
  createdById: string;
  /** null: the whole organization. */
  accountId: string | null;
}

export type AttestationVerdict = { ok: true } | { ok: false; kind: 'forbidden' | 'conflict'; message: string };

const OK: AttestationVerdict = { ok: true };
const forbidden = (message: string): AttestationVerdict => ({ ok: false, kind: 'forbidden', message });
const conflict = (message: string): AttestationVerdict => ({ ok: false, kind: 'conflict', message });

export function checkRecordAttestation(actor: Pick<AttestationActor, 'role'>): AttestationVerdict {
  return actor.role === 'compliance_officer' ? OK : forbidden('Only compliance officers record attestations.');
}

/** May the actor confirm or reject it now? Authorization first, then the state. */
export function checkAttestationDecision(actor: AttestationActor, attestation: AttestationFacts, now: Date): AttestationVerdict {
  if (actor.role !== 'compliance_officer' && actor.role !== 'account_owner') {
    return forbidden('Only account owners and compliance officers confirm attestations.');
  }
  if (actor.id === attestation.createdById) return forbidden('You recorded this attestation: a second person must confirm it.');
  if (actor.role === 'account_owner') {
    if (attestation.accountId === null) return forbidden('Only a second compliance officer can confirm an organization-wide attestation.');
    if (!actor.ownsAccount) return forbidden('You can confirm attestations only for accounts you own.');
  }
  if (attestation.status !== 'pending') return conflict(`This attestation is already ${attestation.status}.`);
  if (lapsed(attestation, now)) return conflict('Its validity date has passed: record a new attestation.');
  return OK;
}

export function checkAttestationRevoke(actor: AttestationActor, attestation: AttestationFacts, now: Date): AttestationVerdict {
  const owner = actor.role === 'account_owner' && attestation.accountId !== null && actor.ownsAccount;
  if (actor.role !== 'compliance_officer' && !owner) {
    return forbidden(
      actor.role === 'account_owner'
        ? 'You can revoke attestations only of accounts you own.'
        : 'Only compliance officers and account owners revoke attestations.',
    );
  }
  if (attestation.status === 'pending') return conflict('This attestation is not confirmed yet: reject it instead of revoking it.');
  if (attestation.status !== 'confirmed') return conflict(`This attestation is already ${attestation.status}.`);
  if (lapsed(attestation, now)) return conflict('This attestation has already expired.');
  return OK;
}

export interface AttestationAllowedActions {
  confirm: boolean;
  reject: boolean;
  revoke: boolean;
}

export function attestationAllowedActions(actor: AttestationActor, attestation: AttestationFacts, now: Date): AttestationAllowedActions {
  const decide = checkAttestationDecision(actor, attestation, now).ok;
  return { confirm: decide, reject: decide, revoke: checkAttestationRevoke(actor, attestation, now).ok };
}

export type ValidUntilResult = { ok: true; validUntil: Date } | { ok: false; message: string };

/** A date (`2025-12-31`: the end of that day, UTC) or ISO timestamp, in the future, at most a year ahead. */
export function resolveValidUntil(value: string | null | undefined, now: Date, maxDays = MAX_ATTESTATION_DAYS): ValidUntilResult {
  const text = value?.trim() ?? '';
  if (!text) return { ok: false, message: 'Enter the date until which the attestation is valid.' };
  const validUntil = parseDateOrTimestamp(text);
  if (!validUntil) return { ok: false, message: 'Enter the validity as a date, e.g. 2025-12-31.' };
  if (validUntil.getTime() <= now.getTime()) return { ok: false, message: 'The validity date must be in the future.' };
  const latest = new Date(now.getTime() + maxDays * DAY_MS);
  latest.setUTCHours(23, 59, 59, 999);
  if (validUntil.getTime() > latest.getTime()) {
    return { ok: false, message: `An attestation is valid for at most ${maxDays} days (until ${latest.toISOString().slice(0, 10)}); record a new one then.` };
  }
  return { ok: true, validUntil };
}
