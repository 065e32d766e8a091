import { describe, expect, it } from 'vitest';
import type { ExclusionScope, ExclusionStatus, Role } from '@/generated/prisma/enums';
import { ROLES } from '@/server/auth/roles';
import {
  allowedActions,
  checkDecision,
  checkRequest,
  checkRevoke,
  DAY_MS,
  effectiveStatus,
  EXCLUSION_SCOPES,
  EXCLUSION_STATUSES,
  expectedDecider,
  isActive,
  isExpiringSoon,
  isFinal,
  requiresNoPhiAttestation,
  resolveExpiry,
  transitionTarget,
  TRANSITIONS,
  type ExclusionActor,
  type ExclusionTransition,
} from './exclusion-rules';

const NOW = new Date('2025-06-15T12:00:00.000Z');
const FUTURE = new Date(NOW.getTime() + 30 * DAY_MS);
const PAST = new Date(NOW.getTime() - 1);
const REQUESTER = 'requester';
const ACTOR = 'actor';

describe('transitions', () => {
  const table: [ExclusionStatus, ExclusionTransition, ExclusionStatus | null][] = [
    ['pending', 'approve', 'approved'],
    ['pending', 'reject', 'rejected'],
    ['pending', 'revoke', null],
    ['pending', 'expire', 'expired'],
    ['approved', 'approve', null],
    ['approved', 'reject', null],
    ['approved', 'revoke', 'revoked'],
    ['approved', 'expire', 'expired'],
    ['rejected', 'approve', null],
    ['rejected', 'reject', null],
    ['rejected', 'revoke', null],
    ['rejected', 'expire', null],
    ['revoked', 'approve', null],
    ['revoked', 'reject', null],
    ['revoked', 'revoke', null],
    ['revoked', 'expire', null],
    ['expired', 'approve', null],
    ['expired', 'reject', null],
    ['expired', 'revoke', null],
    ['expired', 'expire', null],
  ];

  it('covers every status and transition', () => {
    expect(table).toHaveLength(EXCLUSION_STATUSES.length * Object.keys(TRANSITIONS).length);
  });

  it.each(table)('%s --%s--> %s', (from, transition, to) => {
    expect(transitionTarget(from, transition)).toBe(to);
  });

  it.each([
    ['pending', false],
    ['approved', false],
    ['rejected', true],
    ['revoked', true],
    ['expired', true],
  ] as const)('%s is final: %s', (status, final) => {
    expect(isFinal(status)).toBe(final);
  });
});

describe('effective status (expiry checked when reading)', () => {
  it.each([
    ['pending', FUTURE, 'pending'],
    ['pending', PAST, 'expired'],
    ['pending', NOW, 'expired'],
    ['approved', FUTURE, 'approved'],
    ['approved', PAST, 'expired'],
    ['approved', NOW, 'expired'],
    ['rejected', PAST, 'rejected'],
    ['revoked', PAST, 'revoked'],
    ['expired', FUTURE, 'expired'],
  ] as const)('%s expiring %s → %s', (status, expiresAt, expected) => {
    expect(effectiveStatus({ status, expiresAt }, NOW)).toBe(expected);
  });

  it('is active only when approved and not yet expired', () => {
    for (const status of EXCLUSION_STATUSES) {
      expect(isActive({ status, expiresAt: FUTURE }, NOW)).toBe(status === 'approved');
      expect(isActive({ status, expiresAt: PAST }, NOW)).toBe(false);
    }
  });

  it('is expiring soon within 14 days, and only while active', () => {
    expect(isExpiringSoon({ status: 'approved', expiresAt: new Date(NOW.getTime() + 14 * DAY_MS) }, NOW)).toBe(true);
    expect(isExpiringSoon({ status: 'approved', expiresAt: new Date(NOW.getTime() + 14 * DAY_MS + 1) }, NOW)).toBe(false);
    expect(isExpiringSoon({ status: 'pending', expiresAt: new Date(NOW.getTime() + DAY_MS) }, NOW)).toBe(false);
    expect(isExpiringSoon({ status: 'approved', expiresAt: PAST }, NOW)).toBe(false);
  });
});

const actor = (role: Role, ownsAccount: boolean, id = ACTOR): ExclusionActor => ({ id, role, ownsAccount });

describe('who may request', () => {
  // Every role × ownership × scope, against the rule in the issue written out independently.
  const expected = (role: Role, owns: boolean, scope: ExclusionScope) =>
    role === 'compliance_officer' || (role === 'account_owner' && owns && scope !== 'account_control');

  for (const role of ROLES)
    for (const owns of [true, false])
      for (const scope of EXCLUSION_SCOPES) {
        it(`${role}${owns ? ' owning' : ''} · ${scope} → ${expected(role, owns, scope) ? 'allowed' : 'forbidden'}`, () => {
          const verdict = checkRequest(actor(role, owns), scope);
          expect(verdict.ok).toBe(expected(role, owns, scope));
          if (!verdict.ok) expect(verdict.kind).toBe('forbidden');
        });
      }

  it.each([
    ['auditor', true, 'resource_control', /Only account owners and compliance officers/],
    ['admin', false, 'resource_control', /Only account owners and compliance officers/],
    ['account_owner', false, 'resource_control', /accounts you own/],
    ['account_owner', true, 'account_control', /Only compliance officers can exclude a control across a whole account/],
  ] as const)('%s (owns: %s) %s: %s', (role, owns, scope, message) => {
    const verdict = checkRequest(actor(role, owns), scope);
    expect(verdict).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });
});

describe('who may approve or reject', () => {
  type Case = { role: Role; owns: boolean; isRequester: boolean; otherOwners: number; status: ExclusionStatus; lapsed: boolean };
  const cases: Case[] = [];
  for (const role of ROLES)
    for (const owns of [true, false])
      for (const isRequester of [true, false])
        for (const otherOwners of [0, 1, 2])
          for (const status of EXCLUSION_STATUSES) for (const lapsed of [false, true]) cases.push({ role, owns, isRequester, otherOwners, status, lapsed });

  // The rule, stated independently: an owner of the account, or a compliance officer when no
  // other owner can; never the requester; only pending requests whose date has not passed.
  const authorized = (c: Case) =>
    !c.isRequester && ((c.role === 'account_owner' && c.owns) || (c.role === 'compliance_officer' && c.otherOwners === 0));
  const decidable = (c: Case) => c.status === 'pending' && !c.lapsed;

  it(`checks all ${cases.length} combinations`, () => {
    for (const c of cases) {
      const verdict = checkDecision(
        actor(c.role, c.owns),
        { status: c.status, requestedById: c.isRequester ? ACTOR : REQUESTER, expiresAt: c.lapsed ? PAST : FUTURE },
        { otherOwners: c.otherOwners },
        NOW,
      );
      const label = JSON.stringify(c);
      if (!authorized(c)) expect(verdict, label).toMatchObject({ ok: false, kind: 'forbidden' });
      else if (!decidable(c)) expect(verdict, label).toMatchObject({ ok: false, kind: 'conflict' });
      else expect(verdict, label).toEqual({ ok: true });
    }
  });

  const pending = { status: 'pending' as const, requestedById: REQUESTER, expiresAt: FUTURE };
  it.each([
    ['the requester, even an owner', actor('account_owner', true, REQUESTER), 1, /You requested this exclusion/],
    ['the requester, even a compliance officer with no owner left', actor('compliance_officer', false, REQUESTER), 0, /You requested this exclusion/],
    ['an owner of another account', actor('account_owner', false), 1, /accounts you own/],
    ['a compliance officer while an owner can', actor('compliance_officer', false), 1, /compliance officers decide only when no other owner can/],
    ['an auditor', actor('auditor', false), 0, /Only account owners and compliance officers decide/],
    ['an admin', actor('admin', false), 0, /Only account owners and compliance officers decide/],
  ] as const)('refuses %s', (_label, who, otherOwners, message) => {
    expect(checkDecision(who, pending, { otherOwners }, NOW)).toMatchObject({ ok: false, kind: 'forbidden', message: expect.stringMatching(message) });
  });

  it('lets a compliance officer decide when no owner other than the requester exists', () => {
    expect(checkDecision(actor('compliance_officer', false), pending, { otherOwners: 0 }, NOW)).toEqual({ ok: true });
  });

  it('says a lapsed request must be made again', () => {
    const verdict = checkDecision(actor('account_owner', true), { ...pending, expiresAt: PAST }, { otherOwners: 1 }, NOW);
    expect(verdict).toMatchObject({ ok: false, kind: 'conflict', message: expect.stringMatching(/lapsed on 2025-06-15.*request a new exclusion/) });
  });

  it('names the state of an already decided exclusion', () => {
    const verdict = checkDecision(actor('account_owner', true), { ...pending, status: 'approved' }, { otherOwners: 1 }, NOW);
    expect(verdict).toMatchObject({ ok: false, kind: 'conflict', message: 'This exclusion is already approved.' });
  });

  it('expects an owner while one other than the requester exists, else a compliance officer', () => {
    expect(expectedDecider({ otherOwners: 1 })).toBe('account_owner');
    expect(expectedDecider({ otherOwners: 0 })).toBe('compliance_officer');
  });
});

describe('who may revoke', () => {
  for (const role of ROLES)
    for (const owns of [true, false])
      for (const status of EXCLUSION_STATUSES)
        for (const lapsed of [false, true]) {
          const authorized = role === 'compliance_officer' || (role === 'account_owner' && owns);
          const revocable = status === 'approved' && !lapsed;
          const outcome = !authorized ? 'forbidden' : !revocable ? 'conflict' : 'ok';
          it(`${role}${owns ? ' owning' : ''} · ${status}${lapsed ? ' (lapsed)' : ''} → ${outcome}`, () => {
            const verdict = checkRevoke(actor(role, owns), { status, expiresAt: lapsed ? PAST : FUTURE }, NOW);
            if (outcome === 'ok') expect(verdict).toEqual({ ok: true });
            else expect(verdict).toMatchObject({ ok: false, kind: outcome });
          });
        }

  it('lets the requester revoke their own approved exclusion (it only removes an exception)', () => {
    expect(checkRevoke(actor('account_owner', true, REQUESTER), { status: 'approved', expiresAt: FUTURE }, NOW)).toEqual({ ok: true });
  });

  it('tells to reject a pending request instead', () => {
    expect(checkRevoke(actor('compliance_officer', false), { status: 'pending', expiresAt: FUTURE }, NOW)).toMatchObject({
      message: expect.stringMatching(/reject it instead/),
    });
  });
});

describe('allowed actions for the UI', () => {
  it('offers nothing to the requester of a pending request', () => {
    expect(allowedActions(actor('account_owner', true, REQUESTER), { status: 'pending', requestedById: REQUESTER, expiresAt: FUTURE }, { otherOwners: 1 }, NOW)).toEqual({
      approve: false,
      reject: false,
      revoke: false,
    });
  });

  it('offers approve and reject to another owner, revoke once approved', () => {
    const owner = actor('account_owner', true);
    expect(allowedActions(owner, { status: 'pending', requestedById: REQUESTER, expiresAt: FUTURE }, { otherOwners: 1 }, NOW)).toEqual({ approve: true, reject: true, revoke: false });
    expect(allowedActions(owner, { status: 'approved', requestedById: REQUESTER, expiresAt: FUTURE }, { otherOwners: 1 }, NOW)).toEqual({ approve: false, reject: false, revoke: true });
  });

  it('offers nothing to an auditor', () => {
    for (const status of EXCLUSION_STATUSES) {
      expect(allowedActions(actor('auditor', false), { status, requestedById: REQUESTER, expiresAt: FUTURE }, { otherOwners: 0 }, NOW)).toEqual({ approve: false, reject: false, revoke: false });
    }
  });
});

describe('expiry date', () => {
  it('defaults to 90 days ahead, to the end of that day (UTC)', () => {
    expect(resolveExpiry(undefined, NOW)).toEqual({ ok: true, expiresAt: new Date('2025-09-13T23:59:59.999Z') });
    expect(resolveExpiry('', NOW)).toEqual({ ok: true, expiresAt: new Date('2025-09-13T23:59:59.999Z') });
  });

  it.each([
    ['2025-06-15', '2025-06-15T23:59:59.999Z'],
    ['2025-07-01', '2025-07-01T23:59:59.999Z'],
    ['2026-06-15', '2026-06-15T23:59:59.999Z'],
    ['2025-07-01T08:00:00Z', '2025-07-01T08:00:00.000Z'],
  ])('accepts %s', (value, expected) => {
    expect(resolveExpiry(value, NOW)).toEqual({ ok: true, expiresAt: new Date(expected) });
  });

  it.each([
    ['2025-06-14', /in the future/],
    ['2025-06-15T11:59:59Z', /in the future/],
    ['2026-06-16', /at most 365 days ahead \(2026-06-15\)/],
    ['2025-02-30', /not a date/],
    ['2025-06-31T08:00:00Z', /not a date/],
    ['2025-07-01T25:00:00Z', /not a date/],
    ['July 1 2025', /as a date/],
    ['next tuesday', /as a date/],
  ])('refuses %s', (value, message) => {
    expect(resolveExpiry(value, NOW)).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });
});

describe('no-PHI attestation', () => {
  it('is required when any covered control protects PHI', () => {
    expect(requiresNoPhiAttestation([{ phiRelated: false }, { phiRelated: true }])).toBe(true);
    expect(requiresNoPhiAttestation([{ phiRelated: false }])).toBe(false);
    expect(requiresNoPhiAttestation([])).toBe(false);
  });
});
