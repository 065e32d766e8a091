import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { nonexistentDayAfter } from '@/test/dates';
import { createAccount } from '@/server/accounts/registry';
import { createUser, type SessionUser } from '@/server/auth/users';
import { findControl, isManual } from '@/server/catalog';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { activeAttestations, attestationFile, attestationHistory, decideAttestation, listAttestations, recordAttestation, revokeAttestation } from './index';

let t: TestDatabase;
const users: Record<string, SessionUser> = {};
const ACCOUNT = '555555555555';
const OTHER = '666666666666';
const CONTROL = 'SQS-KEY-MANAGEMENT';
const DAY_MS = 86_400_000;
const T0 = new Date();
const later = (days: number) => new Date(T0.getTime() + days * DAY_MS);
const inDays = (days: number) => later(days).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestDatabase();
  const make = async (key: string, role: SessionUser['role']) => {
    users[key] = (await createUser(t.prisma, { email: `${key}@example.org`, name: key[0].toUpperCase() + key.slice(1), role })).user;
  };
  await make('carl', 'compliance_officer');
  await make('cora', 'compliance_officer');
  await make('ann', 'account_owner');
  await make('olga', 'account_owner');
  await make('audrey', 'auditor');
  for (const [id, owner] of [
    [ACCOUNT, users.ann.id],
    [OTHER, users.olga.id],
  ]) {
    await createAccount(t.prisma, { id, name: `Account ${id}`, roleArn: `arn:aws:iam::${id}:role/R`, externalId: 'ext-id', regions: ['us-east-1'], ownerIds: [owner] });
  }
});
afterAll(() => t.drop());

const record = (actor: SessionUser, patch: Record<string, unknown> = {}, file?: { name: string; bytes: Uint8Array }) =>
  recordAttestation(t.prisma, {
    actor,
    input: { controlId: CONTROL, accountId: ACCOUNT, statement: 'Key policies are reviewed quarterly by the platform team.', validUntil: inDays(180), ...patch },
    file,
    now: T0,
  });
const confirm = (actor: SessionUser, attestationId: string, now = later(0.001)) => decideAttestation(t.prisma, { actor, attestationId, input: { decision: 'confirm' }, now });
const eventsOf = (attestationId: string) => t.prisma.attestationEvent.findMany({ where: { attestationId }, orderBy: { at: 'asc' } });

describe('recording', () => {
  it('the catalog facts these tests rely on hold', () => {
    expect(isManual(findControl(CONTROL)!)).toBe(true);
  });

  it('stores a pending attestation with its recorded event; it does not count until confirmed', async () => {
    const attestation = await record(users.carl);
    expect(attestation).toMatchObject({ status: 'pending', controlId: CONTROL, accountId: ACCOUNT, createdById: users.carl.id, fileName: null });
    expect(await eventsOf(attestation.id)).toMatchObject([{ action: 'recorded', toStatus: 'pending', actorId: users.carl.id }]);
    expect((await activeAttestations(t.prisma, later(1))).map((a) => a.id)).not.toContain(attestation.id);
  });

  it.each([
    [{ controlId: 'SQS-ENC-AT-REST' }, /checked automatically/],
    [{ controlId: 'NOPE' }, /no control "NOPE"/],
    [{ accountId: '999999999999' }, /not registered/],
    [{ accountId: '12' }, /12 digits/],
    [{ statement: 'ok' }, /at least 10 characters/],
    [{ validUntil: inDays(400) }, /at most 365 days/],
    [{ validUntil: '2001-01-01' }, /in the future/],
  ])('refuses %o and writes nothing', async (patch, message) => {
    const before = await t.prisma.attestation.count();
    await expect(record(users.carl, patch)).rejects.toThrow(message);
    await expect(record(users.carl, patch)).rejects.toThrow(ValidationError);
    expect(await t.prisma.attestation.count()).toBe(before);
  });

  it('only compliance officers record', async () => {
    await expect(record(users.ann)).rejects.toThrow(ForbiddenError);
    await expect(record(users.audrey)).rejects.toThrow(ForbiddenError);
  });

  it('refuses text PostgreSQL cannot store and dates that do not exist, as bad input, writing nothing', async () => {
    const before = await t.prisma.attestation.count();
    await expect(record(users.carl, { statement: 'Key policies are reviewed\u0000 quarterly.' })).rejects.toThrow(/statement: .*NUL/);
    for (const validUntil of [nonexistentDayAfter(T0), later(30).toDateString()]) {
      await expect(record(users.carl, { validUntil })).rejects.toThrow(ValidationError);
    }
    expect(await t.prisma.attestation.count()).toBe(before);
  });

  it('stores an attached file checked by content, with its SHA-256, and serves it back', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\nsigned policy\n%%EOF\n');
    const attestation = await record(users.carl, {}, { name: 'policy.pdf', bytes });
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(attestation).toMatchObject({ fileName: 'policy.pdf', fileType: 'application/pdf', fileSize: bytes.byteLength, fileSha256: sha });
    expect(attestation).not.toHaveProperty('fileContent');
    const file = await attestationFile(t.prisma, { actor: users.audrey, attestationId: attestation.id });
    expect(file).toMatchObject({ name: 'policy.pdf', type: 'application/pdf', sha256: sha });
    expect(Buffer.from(file.content).equals(Buffer.from(bytes))).toBe(true);
    await expect(attestationFile(t.prisma, { actor: users.olga, attestationId: attestation.id })).rejects.toThrow(NotFoundError);
  });

  it.each([
    ['a zip named .pdf', 'policy.pdf', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])],
    ['a PNG named .txt', 'notes.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])],
    ['more than 5 MB', 'big.txt', new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61)],
  ])('refuses %s and writes nothing', async (_label, name, bytes) => {
    const before = await t.prisma.attestation.count();
    const error = await record(users.carl, {}, { name, bytes }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(['file']);
    expect(await t.prisma.attestation.count()).toBe(before);
  });
});

describe('confirming (separation of duties)', () => {
  it('its author can never confirm it', async () => {
    const attestation = await record(users.carl);
    await expect(confirm(users.carl, attestation.id)).rejects.toThrow(/a second person must confirm/);
    expect(await t.prisma.attestation.findUniqueOrThrow({ where: { id: attestation.id } })).toMatchObject({ status: 'pending', version: 1 });
  });

  it('an owner of the account confirms; the control is attested until the validity date', async () => {
    const attestation = await record(users.carl, { validUntil: inDays(30) });
    expect(await confirm(users.ann, attestation.id)).toMatchObject({ status: 'confirmed', version: 2 });
    expect(await eventsOf(attestation.id)).toMatchObject([{ action: 'recorded' }, { action: 'confirmed', actorId: users.ann.id }]);
    expect(await activeAttestations(t.prisma, later(29))).toContainEqual({ id: attestation.id, controlId: CONTROL, accountId: ACCOUNT, status: 'confirmed', validUntil: attestation.validUntil });
    // Expired: no longer counts (the control is not evaluated again), and shows as expired.
    expect((await activeAttestations(t.prisma, later(31))).map((a) => a.id)).not.toContain(attestation.id);
    const shown = await listAttestations(t.prisma, { actor: users.audrey, filters: { status: 'expired' }, now: later(31) });
    expect(shown.map((a) => a.id)).toContain(attestation.id);
  });

  it('an owner of another account cannot see or confirm it; an owner cannot confirm an organization-wide one', async () => {
    const accountOne = await record(users.carl);
    await expect(confirm(users.olga, accountOne.id)).rejects.toThrow(NotFoundError);
    const orgWide = await record(users.carl, { accountId: '' });
    expect(orgWide.accountId).toBeNull();
    await expect(confirm(users.ann, orgWide.id)).rejects.toThrow(/Only a second compliance officer/);
    expect(await confirm(users.cora, orgWide.id)).toMatchObject({ status: 'confirmed' });
    expect((await activeAttestations(t.prisma, later(1), { accountIds: [OTHER] })).map((a) => a.id)).toContain(orgWide.id);
  });

  it('auditors change nothing', async () => {
    const attestation = await record(users.carl);
    await expect(confirm(users.audrey, attestation.id)).rejects.toThrow(ForbiddenError);
  });

  it('two confirmations at once: one wins, the other gets a conflict', async () => {
    const attestation = await record(users.carl);
    const results = await Promise.allSettled([confirm(users.cora, attestation.id), confirm(users.ann, attestation.id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(lost.reason).toBeInstanceOf(ConflictError);
    expect(lost.reason.message).toMatch(/already confirmed by (Cora|Ann)/);
    expect((await eventsOf(attestation.id)).filter((e) => e.action === 'confirmed')).toHaveLength(1);
    expect(await t.prisma.auditEvent.count({ where: { targetId: attestation.id, action: 'attestation.confirm' } })).toBe(1);
  });

  it('a rejection needs a reason; a pending attestation past its date cannot be confirmed', async () => {
    const attestation = await record(users.carl, { validUntil: inDays(5) });
    await expect(decideAttestation(t.prisma, { actor: users.cora, attestationId: attestation.id, input: { decision: 'reject' }, now: later(0.001) })).rejects.toThrow(/reason for rejecting/);
    await expect(confirm(users.cora, attestation.id, later(6))).rejects.toThrow(/validity date has passed/);
    await expect(decideAttestation(t.prisma, { actor: users.cora, attestationId: attestation.id, input: { decision: 'reject', reason: 'No evidence attached.', expectedVersion: 2 ** 31 }, now: later(0.001) })).rejects.toThrow(ValidationError);
    const rejected = await decideAttestation(t.prisma, { actor: users.cora, attestationId: attestation.id, input: { decision: 'reject', reason: 'No evidence attached.' }, now: later(0.001) });
    expect(rejected.status).toBe('rejected');
  });

  it('revoking a confirmed attestation needs a reason and ends it at once', async () => {
    const attestation = await record(users.carl);
    await confirm(users.ann, attestation.id);
    await expect(revokeAttestation(t.prisma, { actor: users.ann, attestationId: attestation.id, input: {}, now: later(0.002) })).rejects.toThrow(ValidationError);
    await expect(revokeAttestation(t.prisma, { actor: users.audrey, attestationId: attestation.id, input: { reason: 'audit' }, now: later(0.002) })).rejects.toThrow(ForbiddenError);
    const revoked = await revokeAttestation(t.prisma, { actor: users.carl, attestationId: attestation.id, input: { reason: 'Policy retired.' }, now: later(0.002) });
    expect(revoked.status).toBe('revoked');
    expect((await activeAttestations(t.prisma, later(1))).map((a) => a.id)).not.toContain(attestation.id);
    const history = await attestationHistory(t.prisma, { actor: users.audrey, attestationId: attestation.id, now: later(1) });
    expect(history?.events.map((e) => [e.action, e.actor?.name, e.reason])).toEqual([
      ['recorded', 'Carl', null],
      ['confirmed', 'Ann', null],
      ['revoked', 'Carl', 'Policy retired.'],
    ]);
    expect(await attestationHistory(t.prisma, { actor: users.olga, attestationId: attestation.id })).toBeNull();
  });
});
