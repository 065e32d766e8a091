import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { createUser, type SessionUser } from '@/server/auth/users';
import { defaultRaciFor } from '@/server/catalog/raci';
import { findControl } from '@/server/catalog';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import {
  addParty,
  archiveParty,
  ensureDefaultParties,
  listParties,
  raciForControl,
  raciHistory,
  raciMatrixAsOf,
  recordRaciChange,
  recordRaciChanges,
  renameParty,
} from './index';

let t: TestDatabase;
let officer: SessionUser;
let auditor: SessionUser;
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestDatabase();
  officer = (await createUser(t.prisma, { email: 'co@example.org', name: 'Casey Officer', role: 'compliance_officer' })).user;
  auditor = (await createUser(t.prisma, { email: 'au@example.org', name: 'Avery Auditor', role: 'auditor' })).user;
});
afterAll(() => t.drop());

const changeCount = () => t.prisma.raciChange.count();

describe('parties', () => {
  it('inserts the default parties once', async () => {
    await ensureDefaultParties(t.prisma);
    await ensureDefaultParties(t.prisma);
    expect(await t.prisma.raciParty.count()).toBe(3);
    expect((await listParties(t.prisma)).map((p) => p.name)).toEqual(['AWS', 'Platform team', 'Account owner']);
    // Present "from the start": a matrix for a past date names them.
    expect(await listParties(t.prisma, { asOf: at('2001-01-01T00:00:00Z') })).toHaveLength(3);
  });
});

describe('recording RACI changes', () => {
  const controlId = 'SQS-ENC-AT-REST';

  it('keeps each edit with who, when and why, and replays it as of any date', async () => {
    expect(defaultRaciFor(findControl(controlId)!)).toEqual({ aws: '', platform: 'RA', 'account-owner': 'CI' });
    const recorded = await recordRaciChange(t.prisma, {
      actor: officer,
      controlId,
      partyId: 'aws',
      letters: ' c ',
      reason: 'AWS support reviews our KMS key policies',
      now: at('2024-03-10T09:00:00Z'),
    });
    expect(recorded.changes).toEqual([{ partyId: 'aws', partyName: 'AWS', from: '', to: 'C' }]);

    await recordRaciChanges(t.prisma, {
      actor: officer,
      controlId,
      changes: [
        { partyId: 'platform', letters: 'r' },
        { partyId: 'account-owner', letters: 'a, i' },
      ],
      reason: 'Account owners own queue encryption from Q2',
      now: at('2024-04-02T12:00:00Z'),
    });

    const stored = await t.prisma.raciChange.findMany({ where: { controlId }, orderBy: { changedAt: 'asc' } });
    expect(stored.map((c) => [c.partyId, c.letters, c.changedById])).toEqual([
      ['aws', 'C', officer.id],
      ['platform', 'R', officer.id],
      ['account-owner', 'AI', officer.id],
    ]);

    // Before any change: the defaults. Between the edits: the first one only. Now: both.
    expect((await raciForControl(t.prisma, controlId, at('2024-03-01T23:59:59Z'))).assignment).toEqual({ aws: '', platform: 'RA', 'account-owner': 'CI' });
    const march = await raciForControl(t.prisma, controlId, at('2024-03-31T23:59:59Z'));
    expect(march.assignment).toEqual({ aws: 'C', platform: 'RA', 'account-owner': 'CI' });
    expect(march.edited).toBe(true);
    expect((await raciForControl(t.prisma, controlId)).assignment).toEqual({ aws: 'C', platform: 'R', 'account-owner': 'AI' });

    const whole = await raciMatrixAsOf(t.prisma, at('2024-03-31T23:59:59Z'));
    expect(whole.matrix[controlId]).toEqual(march.assignment);
    expect(whole.editedControlIds).toEqual([controlId]);
    expect(whole.problems).toEqual([]);
    expect(whole.matrix['S3-ENC-AT-REST']).toEqual(defaultRaciFor(findControl('S3-ENC-AT-REST')!));

    const history = await raciHistory(t.prisma, controlId);
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      changedAt: at('2024-04-02T12:00:00Z'),
      changedBy: { name: 'Casey Officer', email: 'co@example.org' },
      reason: 'Account owners own queue encryption from Q2',
      changes: [
        { partyName: 'Platform team', from: 'RA', to: 'R' },
        { partyName: 'Account owner', from: 'CI', to: 'AI' },
      ],
    });
    expect(history[1]).toMatchObject({ reason: 'AWS support reviews our KMS key policies', changes: [{ partyId: 'aws', from: '', to: 'C' }] });
  });

  it('refuses invalid letters, zero or two Accountable parties, and writes nothing', async () => {
    const before = await changeCount();
    const base = { actor: officer, controlId: 'S3-ENC-AT-REST', reason: 'testing the rules' };
    await expect(recordRaciChange(t.prisma, { ...base, partyId: 'platform', letters: 'RX' })).rejects.toThrow(ValidationError);
    await expect(recordRaciChange(t.prisma, { ...base, partyId: 'platform', letters: 'RR' })).rejects.toThrow(/more than once/);
    await expect(recordRaciChange(t.prisma, { ...base, partyId: 'account-owner', letters: 'A' })).rejects.toThrow(/2 Accountable parties/);
    await expect(recordRaciChange(t.prisma, { ...base, partyId: 'platform', letters: 'R' })).rejects.toThrow(/no Accountable party/);
    await expect(recordRaciChange(t.prisma, { ...base, partyId: 'platform', letters: '' })).rejects.toThrow(/no Accountable party/);
    await expect(
      recordRaciChanges(t.prisma, {
        ...base,
        changes: [
          { partyId: 'aws', letters: 'A' },
          { partyId: 'account-owner', letters: 'RA' },
        ],
      }),
    ).rejects.toThrow(/3 Accountable parties/);
    expect(await changeCount()).toBe(before);
  });

  it('refuses unknown controls and parties, a missing reason, and no-op edits', async () => {
    const before = await changeCount();
    const base = { actor: officer, reason: 'testing the rules' };
    await expect(recordRaciChange(t.prisma, { ...base, controlId: 'NOPE-1', partyId: 'aws', letters: 'I' })).rejects.toThrow(/no control "NOPE-1"/);
    await expect(recordRaciChange(t.prisma, { ...base, controlId: 'S3-ENC-AT-REST', partyId: 'nobody', letters: 'I' })).rejects.toThrow(/no party "nobody"/);
    await expect(recordRaciChange(t.prisma, { ...base, controlId: 'S3-ENC-AT-REST', partyId: 'aws', letters: 'I', reason: ' ' })).rejects.toThrow(/Say why/);
    await expect(recordRaciChange(t.prisma, { ...base, controlId: 'S3-ENC-AT-REST', partyId: 'platform', letters: 'ar' })).rejects.toThrow(/Nothing changed/);
    expect(await changeCount()).toBe(before);
  });

  it('refuses an edit made against letters that changed meanwhile (409), writing nothing', async () => {
    const controlId = 'EBS-ENC-AT-REST';
    const seen = (await raciForControl(t.prisma, controlId)).assignment;
    await recordRaciChange(t.prisma, { actor: officer, controlId, partyId: 'aws', letters: 'I', reason: 'first editor' });
    const before = await changeCount();
    await expect(
      recordRaciChanges(t.prisma, { actor: officer, controlId, changes: [{ partyId: 'account-owner', letters: 'C' }], expected: seen, reason: 'second editor' }),
    ).rejects.toThrow(ConflictError);
    expect(await changeCount()).toBe(before);
    const fresh = (await raciForControl(t.prisma, controlId)).assignment;
    await recordRaciChanges(t.prisma, { actor: officer, controlId, changes: [{ partyId: 'account-owner', letters: 'C' }], expected: fresh, reason: 'second editor' });
    expect(await changeCount()).toBe(before + 1);
  });

  it('refuses actors without the raci:edit permission', async () => {
    const before = await changeCount();
    await expect(
      recordRaciChange(t.prisma, { actor: auditor, controlId: 'S3-ENC-AT-REST', partyId: 'aws', letters: 'I', reason: 'not allowed' }),
    ).rejects.toThrow(ForbiddenError);
    await expect(addParty(t.prisma, { actor: auditor, name: 'Sneaky' })).rejects.toThrow(ForbiddenError);
    expect(await changeCount()).toBe(before);
  });

  it('lets only one of two concurrent edits move Accountable', async () => {
    const controlId = 'S3-ENC-IN-TRANSIT';
    const give = (partyId: string) =>
      recordRaciChanges(t.prisma, {
        actor: officer,
        controlId,
        reason: `hand A to ${partyId}`,
        changes: [
          { partyId: 'platform', letters: 'R' },
          { partyId, letters: 'A' },
        ],
      });
    expect((await raciForControl(t.prisma, controlId)).assignment).toEqual({ aws: '', platform: 'RA', 'account-owner': 'CI' });
    const results = await Promise.allSettled([give('aws'), give('account-owner')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ValidationError);
    const row = (await raciForControl(t.prisma, controlId)).assignment;
    expect(Object.values(row).filter((l) => l.includes('A'))).toHaveLength(1);
  });
});

describe('managing parties', () => {
  it('adds, renames and archives a party, which stays in earlier matrices and history', async () => {
    const controlId = 'DYNAMODB-ENC-AT-REST';
    const party = await addParty(t.prisma, { actor: officer, name: 'Security office', now: at('2024-05-01T00:00:00Z') });
    expect(party).toMatchObject({ id: 'security-office', position: 3, archivedAt: null });
    await expect(addParty(t.prisma, { actor: officer, name: 'security OFFICE' })).rejects.toThrow(ConflictError);
    await expect(addParty(t.prisma, { actor: officer, name: '  ' })).rejects.toThrow(ValidationError);

    expect((await renameParty(t.prisma, { actor: officer, partyId: party.id, name: 'Security & privacy office' })).name).toBe('Security & privacy office');
    await expect(renameParty(t.prisma, { actor: officer, partyId: party.id, name: 'AWS' })).rejects.toThrow(ConflictError);
    await expect(renameParty(t.prisma, { actor: officer, partyId: 'nobody', name: 'X' })).rejects.toThrow(NotFoundError);

    // Not a column before it existed.
    expect((await raciMatrixAsOf(t.prisma, at('2024-04-30T00:00:00Z'))).parties.map((p) => p.id)).not.toContain(party.id);

    await recordRaciChange(t.prisma, { actor: officer, controlId, partyId: party.id, letters: 'C', reason: 'They review key rotation', now: at('2024-05-02T00:00:00Z') });
    await recordRaciChanges(t.prisma, {
      actor: officer,
      controlId: 'DYNAMODB-BACKUP',
      reason: 'Security office owns backups',
      changes: [
        { partyId: 'platform', letters: 'R' },
        { partyId: party.id, letters: 'A' },
      ],
      now: at('2024-05-03T00:00:00Z'),
    });

    // Accountable somewhere: refused, nothing written.
    const before = await changeCount();
    await expect(archiveParty(t.prisma, { actor: officer, partyId: party.id, reason: 'merged into platform' })).rejects.toThrow(
      /Accountable for 1 control \(DYNAMODB-BACKUP\)/,
    );
    expect(await changeCount()).toBe(before);
    await expect(archiveParty(t.prisma, { actor: officer, partyId: 'platform', reason: 'testing' })).rejects.toThrow(/Accountable for \d+ controls/);

    await recordRaciChanges(t.prisma, {
      actor: officer,
      controlId: 'DYNAMODB-BACKUP',
      reason: 'Back to the platform team',
      changes: [
        { partyId: 'platform', letters: 'RA' },
        { partyId: party.id, letters: 'I' },
      ],
      now: at('2024-05-04T00:00:00Z'),
    });
    const { party: archived, clearedControls } = await archiveParty(t.prisma, {
      actor: officer,
      partyId: party.id,
      reason: 'merged into platform',
      now: at('2024-06-01T00:00:00Z'),
    });
    expect(archived.archivedAt).toEqual(at('2024-06-01T00:00:00Z'));
    expect(clearedControls.sort()).toEqual(['DYNAMODB-BACKUP', controlId]);

    // Current matrix: no such column; May's matrix: the column with its letters.
    const now = await raciMatrixAsOf(t.prisma);
    expect(now.parties.map((p) => p.id)).toEqual(['aws', 'platform', 'account-owner']);
    const may = await raciMatrixAsOf(t.prisma, at('2024-05-31T23:59:59Z'));
    expect(may.parties.map((p) => p.name)).toContain('Security & privacy office');
    expect(may.matrix[controlId][party.id]).toBe('C');
    expect(may.matrix['DYNAMODB-BACKUP'][party.id]).toBe('I');

    const history = await raciHistory(t.prisma, controlId);
    expect(history[0]).toMatchObject({ reason: 'Security & privacy office archived: merged into platform', changes: [{ from: 'C', to: '' }] });
    expect((await listParties(t.prisma, { includeArchived: true })).map((p) => p.id)).toContain(party.id);

    await expect(recordRaciChange(t.prisma, { actor: officer, controlId, partyId: party.id, letters: 'I', reason: 'too late' })).rejects.toThrow(/archived/);
    await expect(archiveParty(t.prisma, { actor: officer, partyId: party.id, reason: 'again' })).rejects.toThrow(/already archived/);
  });
});
