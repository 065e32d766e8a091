import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { createAccount } from '@/server/accounts/registry';
import { createUser, type SessionUser } from '@/server/auth/users';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { nonexistentDayAfter } from '@/test/dates';
import { DAY_MS } from './exclusion-rules';
import {
  activeExclusions,
  decideExclusion,
  exclusionHistory,
  exclusionInbox,
  expireExclusions,
  listExclusions,
  requestExclusion,
  revokeExclusion,
  runExclusionMaintenance,
} from './index';

let t: TestDatabase;
const users: Record<string, SessionUser> = {};
// Shared: owned by Ann, Ben and Dan. Solo: owned by Cleo alone. Orphan: no owner. Other: Olga's.
const SHARED = '111111111111';
const SOLO = '222222222222';
const ORPHAN = '333333333333';
const OTHER = '444444444444';
const T0 = new Date();
const later = (days: number) => new Date(T0.getTime() + days * DAY_MS);
let resourceSeq = 0;
const nextQueue = (account = SHARED) => `arn:aws:sqs:us-east-1:${account}:queue-${++resourceSeq}`;

async function user(key: string, role: SessionUser['role']) {
  users[key] = (await createUser(t.prisma, { email: `${key}@example.org`, name: key[0].toUpperCase() + key.slice(1), role })).user;
}

async function account(id: string, ownerIds: string[]) {
  await createAccount(t.prisma, { id, name: `Account ${id}`, roleArn: `arn:aws:iam::${id}:role/SafeguardsReadOnly`, externalId: 'ext-id', regions: ['us-east-1'], ownerIds });
}

beforeAll(async () => {
  t = await createTestDatabase();
  for (const key of ['ann', 'ben', 'dan', 'cleo', 'olga']) await user(key, 'account_owner');
  await user('carl', 'compliance_officer');
  await user('cora', 'compliance_officer');
  await user('audrey', 'auditor');
  await user('adam', 'admin');
  await account(SHARED, [users.ann.id, users.ben.id, users.dan.id]);
  await account(SOLO, [users.cleo.id]);
  await account(ORPHAN, []);
  await account(OTHER, [users.olga.id]);
});
afterAll(() => t.drop());

const valid = (patch: Record<string, unknown> = {}) => ({
  accountId: SHARED,
  scope: 'resource_control',
  resourceId: nextQueue(),
  resourceType: 'AwsSqsQueue',
  controlId: 'SQS-ENC-AT-REST',
  justification: 'Test queue for load tests; only synthetic messages.',
  noPhiAttested: true,
  ticketRef: 'SEC-123',
  ...patch,
});

const request = (actor: SessionUser, patch: Record<string, unknown> = {}, now = T0) => requestExclusion(t.prisma, { actor, input: valid(patch), now });
const approve = (actor: SessionUser, exclusionId: string, now = T0) => decideExclusion(t.prisma, { actor, exclusionId, input: { decision: 'approve' }, now });
const events = (exclusionId: string) => t.prisma.exclusionEvent.findMany({ where: { exclusionId }, orderBy: { at: 'asc' } });

describe('requesting an exclusion', () => {
  it('stores the request with its requested event, 90 days by default', async () => {
    const exclusion = await request(users.ann, { expiresAt: undefined });
    expect(exclusion).toMatchObject({ status: 'pending', accountId: SHARED, serviceId: 'sqs', controlId: 'SQS-ENC-AT-REST', requestedById: users.ann.id, version: 1, ticketRef: 'SEC-123' });
    expect(exclusion.expiresAt.toISOString()).toBe(`${later(90).toISOString().slice(0, 10)}T23:59:59.999Z`);
    expect(await events(exclusion.id)).toMatchObject([{ action: 'requested', fromStatus: null, toStatus: 'pending', actorId: users.ann.id, reason: expect.stringMatching(/synthetic/) }]);
    expect(await t.prisma.auditEvent.findMany({ where: { targetId: exclusion.id } })).toMatchObject([
      { action: 'exclusion.request', actorId: users.ann.id, accountId: SHARED, details: expect.objectContaining({ controlId: 'SQS-ENC-AT-REST' }) },
    ]);
  });

  it.each([
    [{ accountId: '12' }, /12 digits/, 'accountId'],
    [{ scope: 'everything' }, /Choose what the exclusion covers/, 'scope'],
    [{ justification: 'because' }, /at least 10 characters/, 'justification'],
    [{ justification: undefined }, /Explain why/, 'justification'],
    [{ resourceId: undefined }, /Name the resource/, 'resourceId'],
    [{ resourceId: 'has a space' }, /no spaces/, 'resourceId'],
    [{ controlId: 'NOPE-1' }, /no control "NOPE-1"/, 'controlId'],
    [{ controlId: 'SQS-KEY-MANAGEMENT' }, /manual control/, 'controlId'],
    [{ noPhiAttested: false }, /stores and transmits no PHI or PII/, 'noPhiAttested'],
    [{ expiresAt: later(400).toISOString().slice(0, 10) }, /at most 365 days/, 'expiresAt'],
    [{ expiresAt: '2001-01-01' }, /in the future/, 'expiresAt'],
    [{ ticketRef: 'x'.repeat(201) }, /ticket reference/, 'ticketRef'],
  ])('refuses %o with a clear message and writes nothing', async (patch, message, field) => {
    const before = await t.prisma.exclusion.count();
    const error = await request(users.ann, patch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
    expect(Object.keys((error as ValidationError).fieldErrors)).toContain(field);
    expect(await t.prisma.exclusion.count()).toBe(before);
  });

  it('needs no no-PHI attestation for a control that is not about PHI', async () => {
    const exclusion = await request(users.ann, { controlId: 'SQS-AUDIT-LOGGING', noPhiAttested: false });
    expect(exclusion).toMatchObject({ status: 'pending', noPhiAttested: false });
  });

  it('covers every control of the service with scope resource_service', async () => {
    const exclusion = await request(users.ann, { scope: 'resource_service', serviceId: 'sqs', controlId: undefined });
    expect(exclusion).toMatchObject({ scope: 'resource_service', controlId: null, serviceId: 'sqs' });
  });

  it('refuses a second open request for the same resource and control, even two at once', async () => {
    const resourceId = nextQueue();
    const results = await Promise.allSettled([request(users.ann, { resourceId }), request(users.ben, { resourceId })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(ConflictError);
    expect(failure.reason.message).toMatch(/already waiting for approval/);
  });

  it('answers "not found" to an owner asking for an account they do not own', async () => {
    await expect(request(users.olga)).rejects.toThrow(NotFoundError);
  });

  it('keeps whole-account exclusions for compliance officers', async () => {
    await expect(request(users.ann, { scope: 'account_control' })).rejects.toThrow(/Only compliance officers can exclude a control across a whole account/);
    const exclusion = await request(users.carl, { scope: 'account_control' });
    expect(exclusion).toMatchObject({ scope: 'account_control', resourceId: null, resourceType: null, requestedById: users.carl.id });
  });

  it('refuses auditors and admins', async () => {
    await expect(request(users.audrey)).rejects.toThrow(ForbiddenError);
    await expect(request(users.adam)).rejects.toThrow(ForbiddenError);
  });

  it('refuses text PostgreSQL cannot store and dates that do not exist, as bad input, writing nothing', async () => {
    const before = await t.prisma.exclusion.count();
    await expect(request(users.ann, { justification: 'Synthetic messages only.\u0000' })).rejects.toThrow(/justification: .*NUL/);
    await expect(request(users.ann, { ticketRef: 'SEC-\u00001' })).rejects.toThrow(ValidationError);
    await expect(request(users.ann, { expiresAt: later(60).toISOString() })).resolves.toBeDefined();
    for (const expiresAt of [nonexistentDayAfter(T0), nonexistentDayAfter(T0).slice(0, 10), later(30).toDateString()]) {
      await expect(request(users.ann, { expiresAt })).rejects.toThrow(/expiresAt: /);
    }
    expect(await t.prisma.exclusion.count()).toBe(before + 1);
  });
});

describe('deciding', () => {
  it('never lets the requester approve their own request, and writes nothing', async () => {
    const exclusion = await request(users.ann);
    const error = await approve(users.ann, exclusion.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as Error).message).toMatch(/another person must decide/);
    expect(await t.prisma.exclusion.findUniqueOrThrow({ where: { id: exclusion.id } })).toMatchObject({ status: 'pending', version: 1, decidedAt: null });
    expect(await events(exclusion.id)).toHaveLength(1);
    expect(await t.prisma.auditEvent.count({ where: { targetId: exclusion.id, action: 'exclusion.approve' } })).toBe(0);
  });

  it('lets another owner of the account approve, with the event in the history', async () => {
    const exclusion = await request(users.ann);
    const approved = await approve(users.ben, exclusion.id, later(0.001));
    expect(approved).toMatchObject({ status: 'approved', version: 2 });
    expect(await events(exclusion.id)).toMatchObject([
      { action: 'requested', actorId: users.ann.id },
      { action: 'approved', fromStatus: 'pending', toStatus: 'approved', actorId: users.ben.id },
    ]);
    expect((await activeExclusions(t.prisma, { accountIds: [SHARED], asOf: later(1) })).map((e) => e.id)).toContain(exclusion.id);
  });

  it('two approvers at once: exactly one wins, the other is told who decided', async () => {
    for (let round = 0; round < 5; round++) {
      const exclusion = await request(users.ann);
      const results = await Promise.allSettled([approve(users.ben, exclusion.id), approve(users.dan, exclusion.id)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(ConflictError);
      expect(lost[0].reason.message).toMatch(/already approved by (Ben|Dan)/);
      const approvals = (await events(exclusion.id)).filter((e) => e.action === 'approved');
      expect(approvals).toHaveLength(1);
      expect(await t.prisma.auditEvent.count({ where: { targetId: exclusion.id, action: 'exclusion.approve' } })).toBe(1);
      expect(await t.prisma.exclusion.findUniqueOrThrow({ where: { id: exclusion.id } })).toMatchObject({ status: 'approved', version: 2 });
    }
  });

  it('an approval racing a rejection: one decision only', async () => {
    const exclusion = await request(users.ann);
    const results = await Promise.allSettled([
      approve(users.ben, exclusion.id),
      decideExclusion(t.prisma, { actor: users.dan, exclusionId: exclusion.id, input: { decision: 'reject', reason: 'Holds claims data' }, now: T0 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await events(exclusion.id)).filter((e) => e.action !== 'requested')).toHaveLength(1);
  });

  it('refuses a decision on a version the decider did not see', async () => {
    const exclusion = await request(users.ann);
    await expect(decideExclusion(t.prisma, { actor: users.ben, exclusionId: exclusion.id, input: { decision: 'approve', expectedVersion: 7 }, now: T0 })).rejects.toThrow(ConflictError);
    // Beyond the integer column: bad input, not a database error.
    await expect(decideExclusion(t.prisma, { actor: users.ben, exclusionId: exclusion.id, input: { decision: 'approve', expectedVersion: 2 ** 31 }, now: T0 })).rejects.toThrow(ValidationError);
    expect(await t.prisma.exclusion.findUniqueOrThrow({ where: { id: exclusion.id } })).toMatchObject({ status: 'pending' });
  });

  it('a rejection needs a reason, which the history keeps', async () => {
    const exclusion = await request(users.ann);
    await expect(decideExclusion(t.prisma, { actor: users.ben, exclusionId: exclusion.id, input: { decision: 'reject' }, now: T0 })).rejects.toThrow(/reason for rejecting/);
    const rejected = await decideExclusion(t.prisma, { actor: users.ben, exclusionId: exclusion.id, input: { decision: 'reject', reason: 'The queue carries claims.' }, now: later(0.001) });
    expect(rejected.status).toBe('rejected');
    expect((await events(exclusion.id)).at(-1)).toMatchObject({ action: 'rejected', reason: 'The queue carries claims.', actorId: users.ben.id });
    expect(await activeExclusions(t.prisma, { asOf: T0 })).not.toContainEqual(expect.objectContaining({ id: exclusion.id }));
  });

  it('a compliance officer may decide only when no other owner of the account can', async () => {
    const shared = await request(users.ann);
    await expect(approve(users.carl, shared.id)).rejects.toThrow(/compliance officers decide only when no other owner can/);

    const solo = await request(users.cleo, { accountId: SOLO, resourceId: nextQueue(SOLO) });
    expect(await approve(users.carl, solo.id)).toMatchObject({ status: 'approved' });

    // A compliance officer's own request on an account without owners: a second officer decides.
    const orphan = await request(users.carl, { accountId: ORPHAN, resourceId: nextQueue(ORPHAN) });
    await expect(approve(users.carl, orphan.id)).rejects.toThrow(/another person must decide/);
    expect(await approve(users.cora, orphan.id)).toMatchObject({ status: 'approved' });

    // A compliance officer's request on an account with owners: the owners decide.
    const byOfficer = await request(users.carl, { resourceId: nextQueue() });
    await expect(approve(users.cora, byOfficer.id)).rejects.toThrow(ForbiddenError);
    expect(await approve(users.ann, byOfficer.id)).toMatchObject({ status: 'approved' });
  });

  it('an owner who lost the role or was disabled no longer counts as one who can decide', async () => {
    const exclusion = await request(users.cleo, { accountId: SOLO, resourceId: nextQueue(SOLO) });
    const extra = (await createUser(t.prisma, { email: 'eve@example.org', name: 'Eve', role: 'account_owner' })).user;
    await t.prisma.accountOwner.create({ data: { userId: extra.id, accountId: SOLO } });
    await expect(approve(users.carl, exclusion.id)).rejects.toThrow(ForbiddenError);
    await t.prisma.user.update({ where: { id: extra.id }, data: { disabled: true } });
    expect(await approve(users.carl, exclusion.id)).toMatchObject({ status: 'approved' });
  });

  it('answers "not found" to owners of other accounts, and refuses auditors', async () => {
    const exclusion = await request(users.ann);
    await expect(approve(users.olga, exclusion.id)).rejects.toThrow(NotFoundError);
    await expect(approve(users.audrey, exclusion.id)).rejects.toThrow(ForbiddenError);
    await expect(approve(users.ben, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(NotFoundError);
    await expect(approve(users.ben, 'not-a-uuid')).rejects.toThrow(ValidationError);
  });
});

describe('revoking', () => {
  it('an owner or a compliance officer revokes an approved exclusion, with a reason', async () => {
    const exclusion = await request(users.ann);
    await expect(revokeExclusion(t.prisma, { actor: users.ben, exclusionId: exclusion.id, input: { reason: 'no longer needed' }, now: T0 })).rejects.toThrow(/reject it instead/);
    await approve(users.ben, exclusion.id, later(0.001));
    await expect(revokeExclusion(t.prisma, { actor: users.ben, exclusionId: exclusion.id, input: {}, now: T0 })).rejects.toThrow(ValidationError);
    await expect(revokeExclusion(t.prisma, { actor: users.audrey, exclusionId: exclusion.id, input: { reason: 'audit finding' }, now: T0 })).rejects.toThrow(ForbiddenError);
    await expect(revokeExclusion(t.prisma, { actor: users.olga, exclusionId: exclusion.id, input: { reason: 'x-account' }, now: T0 })).rejects.toThrow(NotFoundError);

    const revoked = await revokeExclusion(t.prisma, { actor: users.carl, exclusionId: exclusion.id, input: { reason: 'The queue now carries PHI.' }, now: later(0.002) });
    expect(revoked).toMatchObject({ status: 'revoked', version: 3 });
    expect((await events(exclusion.id)).at(-1)).toMatchObject({ action: 'revoked', reason: 'The queue now carries PHI.', actorId: users.carl.id });
    expect((await activeExclusions(t.prisma, { asOf: later(1) })).map((e) => e.id)).not.toContain(exclusion.id);
    await expect(revokeExclusion(t.prisma, { actor: users.ann, exclusionId: exclusion.id, input: { reason: 'again' }, now: later(0.003) })).rejects.toThrow(/already revoked by Carl/);
  });
});

describe('expiry', () => {
  it('expires approved exclusions past their date, once, with a system event; active ones stop counting at once', async () => {
    const expiresAt = later(10).toISOString();
    const exclusion = await request(users.ann, { expiresAt });
    await approve(users.ben, exclusion.id, later(0.001));
    const untouched = await request(users.ann, { expiresAt: later(30).toISOString() });
    await approve(users.ben, untouched.id, later(0.001));

    // Before the worker runs: read time already treats it as expired.
    expect((await activeExclusions(t.prisma, { accountIds: [SHARED], asOf: later(9) })).map((e) => e.id)).toContain(exclusion.id);
    expect((await activeExclusions(t.prisma, { accountIds: [SHARED], asOf: later(11) })).map((e) => e.id)).not.toContain(exclusion.id);
    const listed = await listExclusions(t.prisma, { actor: users.carl, filters: { status: 'expired', resourceId: exclusion.resourceId }, now: later(11) });
    expect(listed.rows.map((r) => [r.id, r.status, r.effectiveStatus])).toEqual([[exclusion.id, 'approved', 'expired']]);

    await expect(revokeExclusion(t.prisma, { actor: users.carl, exclusionId: exclusion.id, input: { reason: 'too late' }, now: later(11) })).rejects.toThrow(
      'This exclusion is already expired.',
    );

    const first = await expireExclusions(t.prisma, later(11));
    expect(first.expired).toContain(exclusion.id);
    expect(first.expired).not.toContain(untouched.id);
    expect(await t.prisma.exclusion.findUniqueOrThrow({ where: { id: exclusion.id } })).toMatchObject({ status: 'expired', version: 3 });
    expect((await events(exclusion.id)).at(-1)).toMatchObject({ action: 'expired', fromStatus: 'approved', toStatus: 'expired', actorId: null });

    const second = await expireExclusions(t.prisma, later(12));
    expect(second.expired).not.toContain(exclusion.id);
    expect((await events(exclusion.id)).filter((e) => e.action === 'expired')).toHaveLength(1);
    expect((await activeExclusions(t.prisma, { accountIds: [SHARED], asOf: later(11) })).map((e) => e.id)).toEqual(
      expect.arrayContaining([untouched.id]),
    );
  });

  it('two workers expiring at once write one event per exclusion', async () => {
    const exclusion = await request(users.ann, { expiresAt: later(5).toISOString() });
    await approve(users.ben, exclusion.id, later(0.001));
    await Promise.all([expireExclusions(t.prisma, later(6)), expireExclusions(t.prisma, later(6))]);
    expect((await events(exclusion.id)).filter((e) => e.action === 'expired')).toHaveLength(1);
  });

  it('a request nobody decided before its date lapses: it cannot be approved and the worker expires it', async () => {
    const exclusion = await request(users.ann, { expiresAt: later(2).toISOString() });
    await expect(approve(users.ben, exclusion.id, later(3))).rejects.toThrow(/lapsed.*request a new exclusion/);
    await expireExclusions(t.prisma, later(3));
    expect((await events(exclusion.id)).at(-1)).toMatchObject({ action: 'expired', fromStatus: 'pending', reason: expect.stringMatching(/before anyone decided/) });
    await expect(approve(users.ben, exclusion.id, later(3))).rejects.toThrow(/already expired automatically/);
    // A new request for the same thing is possible again.
    expect(await request(users.ann, { resourceId: exclusion.resourceId }, later(3))).toMatchObject({ status: 'pending' });
  });
});

describe('stale exclusions', () => {
  async function finding(resourceId: string, recordState: 'ACTIVE' | 'ARCHIVED') {
    const id = `finding/${resourceId}`;
    const data = {
      accountId: SHARED,
      region: 'us-east-1',
      productArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub',
      productName: 'Security Hub',
      generatorId: 'security-control/SQS.1',
      securityControlId: 'SQS.1',
      complianceStatus: 'FAILED',
      severity: 'MEDIUM',
      workflowStatus: 'NEW',
      recordState,
      resourceType: 'AwsSqsQueue',
      resourceId,
      title: 'SQS queues should be encrypted at rest',
      awsCreatedAt: T0,
      awsUpdatedAt: T0,
      raw: {},
    };
    await t.prisma.finding.upsert({ where: { id }, create: { id, ...data }, update: data });
  }

  it('leaves exclusions of accounts never synced alone', async () => {
    const resourceId = nextQueue();
    const exclusion = await request(users.ann, { resourceId });
    await approve(users.ben, exclusion.id, later(0.001));
    expect((await runExclusionMaintenance(t.prisma, later(1))).markedStale).not.toContain(exclusion.id);
  });

  it('marks an approved exclusion stale when its resource is gone, once, and clears it when it is back', async () => {
    await t.prisma.syncState.create({ data: { accountId: SHARED, region: 'us-east-1', source: 'securityhub', lastSuccessAt: T0 } });
    const resourceId = nextQueue();
    await finding(resourceId, 'ACTIVE');
    const exclusion = await request(users.ann, { resourceId });
    await approve(users.ben, exclusion.id, later(0.001));

    expect((await runExclusionMaintenance(t.prisma, later(1))).markedStale).not.toContain(exclusion.id);
    await finding(resourceId, 'ARCHIVED');
    expect((await runExclusionMaintenance(t.prisma, later(2))).markedStale).toContain(exclusion.id);
    expect((await runExclusionMaintenance(t.prisma, later(3))).markedStale).not.toContain(exclusion.id);
    expect(await t.prisma.exclusion.findUniqueOrThrow({ where: { id: exclusion.id } })).toMatchObject({ status: 'approved', staleSince: later(2) });
    expect((await events(exclusion.id)).filter((e) => e.action === 'stale')).toHaveLength(1);
    // Still an active exclusion for posture: staleness is a flag, not a status.
    expect((await activeExclusions(t.prisma, { asOf: later(3) })).map((e) => e.id)).toContain(exclusion.id);

    await finding(resourceId, 'ACTIVE');
    expect((await runExclusionMaintenance(t.prisma, later(4))).reportedAgain).toContain(exclusion.id);
    expect(await t.prisma.exclusion.findUniqueOrThrow({ where: { id: exclusion.id } })).toMatchObject({ staleSince: null });
    expect((await events(exclusion.id)).map((e) => e.action)).toEqual(['requested', 'approved', 'stale', 'reported_again']);
  });
});

describe('reading', () => {
  it('account owners see only their accounts; the history has every change with who and why', async () => {
    const exclusion = await request(users.ann);
    await approve(users.ben, exclusion.id, later(0.001));

    const forOlga = await listExclusions(t.prisma, { actor: users.olga, now: T0 });
    expect(forOlga.rows.every((r) => r.accountId === OTHER)).toBe(true);
    await expect(exclusionHistory(t.prisma, { actor: users.olga, exclusionId: exclusion.id, now: T0 })).rejects.toThrow(NotFoundError);
    const forAuditor = await listExclusions(t.prisma, { actor: users.audrey, filters: { accountId: SHARED, status: 'approved', controlId: 'SQS-ENC-AT-REST' }, now: later(0.01) });
    expect(forAuditor.rows.map((r) => r.id)).toContain(exclusion.id);
    expect(forAuditor.rows.every((r) => r.effectiveStatus === 'approved' && r.accountId === SHARED)).toBe(true);

    const details = await exclusionHistory(t.prisma, { actor: users.audrey, exclusionId: exclusion.id, now: later(0.01) });
    expect(details.events.map((e) => [e.action, e.actor?.name])).toEqual([
      ['requested', 'Ann'],
      ['approved', 'Ben'],
    ]);
    expect(details.allowed).toEqual({ approve: false, reject: false, revoke: false });
    expect((await exclusionHistory(t.prisma, { actor: users.dan, exclusionId: exclusion.id, now: later(0.01) })).allowed).toEqual({ approve: false, reject: false, revoke: true });
    await expect(listExclusions(t.prisma, { actor: users.carl, filters: { status: 'sleeping' } })).rejects.toThrow(/Unknown status/);
  });

  it('the inbox shows owners what waits for them and what expires within 14 days', async () => {
    const waiting = await request(users.ann);
    const soon = await request(users.ann, { expiresAt: later(10).toISOString() });
    await approve(users.ben, soon.id, later(0.001));
    const solo = await request(users.cleo, { accountId: SOLO, resourceId: nextQueue(SOLO) });

    const ben = await exclusionInbox(t.prisma, { actor: users.ben, now: later(0.01) });
    expect(ben.awaitingYou.map((r) => r.id)).toContain(waiting.id);
    expect(ben.awaitingYou.map((r) => r.id)).not.toContain(solo.id);
    expect(ben.expiringSoon.map((r) => r.id)).toContain(soon.id);

    const ann = await exclusionInbox(t.prisma, { actor: users.ann, now: later(0.01) });
    expect(ann.awaitingYou.map((r) => r.id)).not.toContain(waiting.id);
    expect(ann.yourRequests.map((r) => r.id)).toContain(waiting.id);

    const carl = await exclusionInbox(t.prisma, { actor: users.carl, now: later(0.01) });
    expect(carl.awaitingYou.map((r) => r.id)).toContain(solo.id);
    expect(carl.awaitingYou.map((r) => r.id)).not.toContain(waiting.id);
  });
});
