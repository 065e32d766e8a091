import { describe, expect, it } from 'vitest';
import type { AttestationStatus, Role } from '@/generated/prisma/enums';
import { ROLES } from '@/server/auth/roles';
import {
  ATTESTATION_STATUSES,
  ATTESTATION_TRANSITIONS,
  attestationAllowedActions,
  attestationDisplayStatus,
  attestationTransitionTarget,
  checkAttestationDecision,
  checkAttestationRevoke,
  checkRecordAttestation,
  isAttestationValid,
  resolveValidUntil,
  type AttestationActor,
  type AttestationTransition,
} from './attestation-rules';

const NOW = new Date('2025-06-15T12:00:00.000Z');
const FUTURE = new Date('2025-12-31T23:59:59.999Z');
const PAST = new Date(NOW.getTime() - 1);
const AUTHOR = 'author';
const ACCOUNT = '123456789012';

describe('attestation transitions', () => {
  const table: [AttestationStatus, AttestationTransition, AttestationStatus | null][] = [];
  for (const from of ATTESTATION_STATUSES)
    for (const transition of Object.keys(ATTESTATION_TRANSITIONS) as AttestationTransition[]) {
      const expected = from === 'pending' && transition === 'confirm' ? 'confirmed' : from === 'pending' && transition === 'reject' ? 'rejected' : from === 'confirmed' && transition === 'revoke' ? 'revoked' : null;
      table.push([from, transition, expected]);
    }
  it.each(table)('%s --%s--> %s', (from, transition, to) => {
    expect(attestationTransitionTarget(from, transition)).toBe(to);
  });
});

describe('validity', () => {
  it.each([
    ['pending', FUTURE, 'pending', false],
    ['pending', PAST, 'expired', false],
    ['confirmed', FUTURE, 'confirmed', true],
    ['confirmed', PAST, 'expired', false],
    ['confirmed', NOW, 'expired', false],
    ['rejected', FUTURE, 'rejected', false],
    ['revoked', FUTURE, 'revoked', false],
  ] as const)('%s until %s shows %s, counts: %s', (status, validUntil, shown, valid) => {
    expect(attestationDisplayStatus({ status, validUntil }, NOW)).toBe(shown);
    expect(isAttestationValid({ status, validUntil }, NOW)).toBe(valid);
  });

  it.each([
    ['2025-12-31', { ok: true, validUntil: new Date('2025-12-31T23:59:59.999Z') }],
    ['2026-06-15', { ok: true, validUntil: new Date('2026-06-15T23:59:59.999Z') }],
    ['2026-06-16', { ok: false, message: expect.stringMatching(/at most 365 days/) }],
    ['2025-06-14', { ok: false, message: expect.stringMatching(/in the future/) }],
    ['', { ok: false, message: expect.stringMatching(/Enter the date/) }],
    ['2025-13-01', { ok: false, message: expect.stringMatching(/as a date/) }],
    ['2025-09-31T12:00:00Z', { ok: false, message: expect.stringMatching(/as a date/) }],
    ['December 31 2025', { ok: false, message: expect.stringMatching(/as a date/) }],
  ])('validUntil %s', (value, expected) => {
    expect(resolveValidUntil(value, NOW)).toEqual(expected);
  });
});

const actor = (role: Role, ownsAccount: boolean, id = 'actor'): AttestationActor => ({ id, role, ownsAccount });

describe('who may record', () => {
  it.each(ROLES.map((role) => [role, role === 'compliance_officer'] as const))('%s: %s', (role, allowed) => {
    expect(checkRecordAttestation({ role }).ok).toBe(allowed);
  });
});

describe('who may confirm or reject (separation of duties)', () => {
  type Case = { role: Role; owns: boolean; isAuthor: boolean; orgWide: boolean; status: AttestationStatus; lapsed: boolean };
  const cases: Case[] = [];
  for (const role of ROLES)
    for (const owns of [true, false])
      for (const isAuthor of [true, false])
        for (const orgWide of [true, false])
          for (const status of ATTESTATION_STATUSES) for (const lapsed of [false, true]) cases.push({ role, owns, isAuthor, orgWide, status, lapsed });

  // Stated independently: a different person, who is a compliance officer, or an owner of the attestation's account.
  const authorized = (c: Case) => !c.isAuthor && (c.role === 'compliance_officer' || (c.role === 'account_owner' && c.owns && !c.orgWide));
  const decidable = (c: Case) => c.status === 'pending' && !c.lapsed;

  it(`checks all ${cases.length} combinations`, () => {
    for (const c of cases) {
      const verdict = checkAttestationDecision(
        actor(c.role, c.owns && !c.orgWide, c.isAuthor ? AUTHOR : 'actor'),
        { status: c.status, createdById: AUTHOR, accountId: c.orgWide ? null : ACCOUNT, validUntil: c.lapsed ? PAST : FUTURE },
        NOW,
      );
      const label = JSON.stringify(c);
      if (!authorized(c)) expect(verdict, label).toMatchObject({ ok: false, kind: 'forbidden' });
      else if (!decidable(c)) expect(verdict, label).toMatchObject({ ok: false, kind: 'conflict' });
      else expect(verdict, label).toEqual({ ok: true });
    }
  });

  const pending = { status: 'pending' as const, createdById: AUTHOR, accountId: ACCOUNT, validUntil: FUTURE };
  it.each([
    ['its author', actor('compliance_officer', false, AUTHOR), pending, /a second person must confirm/],
    ['an owner, for an organization-wide attestation', actor('account_owner', false), { ...pending, accountId: null }, /Only a second compliance officer/],
    ['an owner of another account', actor('account_owner', false), pending, /accounts you own/],
    ['an auditor', actor('auditor', false), pending, /Only account owners and compliance officers/],
  ] as const)('refuses %s', (_label, who, attestation, message) => {
    expect(checkAttestationDecision(who, attestation, NOW)).toMatchObject({ ok: false, kind: 'forbidden', message: expect.stringMatching(message) });
  });

  it('lets a second compliance officer or an owner of the account confirm', () => {
    expect(checkAttestationDecision(actor('compliance_officer', false), pending, NOW)).toEqual({ ok: true });
    expect(checkAttestationDecision(actor('account_owner', true), pending, NOW)).toEqual({ ok: true });
  });
});

describe('who may revoke', () => {
  for (const role of ROLES)
    for (const owns of [true, false])
      for (const orgWide of [true, false])
        for (const status of ATTESTATION_STATUSES) {
          const authorized = role === 'compliance_officer' || (role === 'account_owner' && owns && !orgWide);
          const outcome = !authorized ? 'forbidden' : status !== 'confirmed' ? 'conflict' : 'ok';
          it(`${role}${owns ? ' owning' : ''}${orgWide ? ' · org-wide' : ''} · ${status} → ${outcome}`, () => {
            const verdict = checkAttestationRevoke(
              actor(role, owns && !orgWide),
              { status, createdById: AUTHOR, accountId: orgWide ? null : ACCOUNT, validUntil: FUTURE },
              NOW,
            );
            if (outcome === 'ok') expect(verdict).toEqual({ ok: true });
            else expect(verdict).toMatchObject({ ok: false, kind: outcome });
          });
        }

  it('refuses to revoke an attestation that has already expired', () => {
    expect(checkAttestationRevoke(actor('compliance_officer', false), { status: 'confirmed', createdById: AUTHOR, accountId: null, validUntil: PAST }, NOW)).toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/already expired/),
    });
  });

  it('offers the UI only what the rules allow', () => {
    expect(attestationAllowedActions(actor('compliance_officer', false, AUTHOR), { status: 'pending', createdById: AUTHOR, accountId: null, validUntil: FUTURE }, NOW)).toEqual({
      confirm: false,
      reject: false,
      revoke: false,
    });
    expect(attestationAllowedActions(actor('account_owner', true), { status: 'confirmed', createdById: AUTHOR, accountId: ACCOUNT, validUntil: FUTURE }, NOW)).toEqual({
      confirm: false,
      reject: false,
      revoke: true,
    });
  });
});
