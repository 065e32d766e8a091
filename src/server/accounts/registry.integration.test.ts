import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { createUser } from '@/server/auth/users';
import { ConflictError, NotFoundError, ValidationError } from '@/server/errors';
import { createAccount, updateAccount } from './registry';

let t: TestDatabase;
let ownerId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  ownerId = (await createUser(t.prisma, { email: 'owner@example.org', name: 'Owner', role: 'account_owner' })).user.id;
});
afterAll(() => t.drop());

const valid = {
  id: '123456789012',
  name: 'Claims',
  roleArn: 'arn:aws:iam::123456789012:role/SafeguardsReadOnly',
  externalId: 'safeguards-ext-1',
  regions: ['us-west-2', 'us-east-1', 'us-east-1'],
};

describe('account registry', () => {
  it('registers an account with owners, regions deduplicated and sorted', async () => {
    const account = await createAccount(t.prisma, { ...valid, ownerIds: [ownerId] });
    expect(account).toMatchObject({ id: '123456789012', regions: ['us-east-1', 'us-west-2'], enabled: true, isDemo: false });
    expect(await t.prisma.accountOwner.count({ where: { accountId: account.id } })).toBe(1);
  });

  it.each([
    [{ id: '12345' }, /12 digits/],
    [{ id: '123456789013' }, /must be in account 123456789013/],
    [{ id: '123456789014', roleArn: 'arn:aws:iam::123456789014:user/x' }, /role ARN/],
    [{ id: '123456789015', regions: [] }, /at least one region/],
    [{ id: '123456789016', regions: ['mars-1'] }, /us-east-1/],
    [{ id: '123456789017', externalId: 'x' }, /ExternalId/],
  ])('refuses %o with a clear message and writes nothing', async (patch, message) => {
    const before = await t.prisma.awsAccount.count();
    await expect(createAccount(t.prisma, { ...valid, ...patch })).rejects.toThrow(message);
    expect(await t.prisma.awsAccount.count()).toBe(before);
  });

  it('counts an owner named twice once', async () => {
    const owner = (await createUser(t.prisma, { email: 'twice@example.org', name: 'Twice', role: 'account_owner' })).user.id;
    const id = '323456789012';
    await createAccount(t.prisma, { ...valid, id, roleArn: `arn:aws:iam::${id}:role/R`, ownerIds: [owner, owner] });
    await updateAccount(t.prisma, id, { ownerIds: [owner, owner] });
    expect(await t.prisma.accountOwner.findMany({ where: { accountId: id }, select: { userId: true } })).toEqual([{ userId: owner }]);
  });

  it('refuses owners who are not account owners', async () => {
    const auditor = (await createUser(t.prisma, { email: 'aud@example.org', name: 'A', role: 'auditor' })).user.id;
    await expect(createAccount(t.prisma, { ...valid, id: '223456789012', roleArn: 'arn:aws:iam::223456789012:role/R', ownerIds: [auditor] })).rejects.toThrow(ValidationError);
  });

  it('refuses a second registration of the same account', async () => {
    await expect(createAccount(t.prisma, valid)).rejects.toThrow(ConflictError);
  });

  it('updates only the fields sent: a partial update keeps owners', async () => {
    const updated = await updateAccount(t.prisma, valid.id, { enabled: false });
    expect(updated.enabled).toBe(false);
    expect(await t.prisma.accountOwner.count({ where: { accountId: valid.id } })).toBe(1);
    await updateAccount(t.prisma, valid.id, { ownerIds: [] });
    expect(await t.prisma.accountOwner.count({ where: { accountId: valid.id } })).toBe(0);
    await expect(updateAccount(t.prisma, '999999999999', { enabled: true })).rejects.toThrow(NotFoundError);
    await expect(updateAccount(t.prisma, valid.id, { id: '1' })).rejects.toThrow(ValidationError);
  });
});
