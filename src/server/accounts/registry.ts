// The AWS account registry: which member accounts Safeguards reads, through which
// read-only role, in which regions, and who owns them.
import { z } from 'zod';
import type { Db } from '@/server/db';
import { parseOrThrow } from '@/server/validation';
import { ConflictError, NotFoundError, ValidationError } from '@/server/errors';
import { recordAuditEvent, type AuditActor } from '@/server/audit/record-audit-event';
import { refreshCurrentPostureAfterChange } from '@/server/posture/current-posture';

// Every commercial, GovCloud and China region name has this shape (us-east-1, us-gov-west-1, ap-southeast-5).
const regionSchema = z.string().trim().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/, 'Regions look like us-east-1.');

const accountFields = {
  name: z.string().trim().min(1, 'Enter a name.').max(120),
  roleArn: z
    .string()
    .trim()
    .regex(/^arn:aws(-us-gov|-cn)?:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/, 'The role ARN looks like arn:aws:iam::123456789012:role/SafeguardsReadOnly.'),
  externalId: z.string().trim().min(2, 'The ExternalId has 2 to 1224 characters.').max(1224).regex(/^[\w+=,.@:\/-]+$/, 'The ExternalId may hold letters, digits and +=,.@:/-_ only.'),
  regions: z.array(regionSchema).min(1, 'Choose at least one region.').max(40).transform((r) => [...new Set(r)].sort()),
  enabled: z.boolean(),
  ownerIds: z.array(z.string().uuid('Unknown owner.')).max(100).transform((ids) => [...new Set(ids)]),
};

export const accountInputSchema = z.object({
  id: z.string().trim().regex(/^\d{12}$/, 'An AWS account id has exactly 12 digits.'),
  ...accountFields,
  enabled: accountFields.enabled.default(true),
  ownerIds: accountFields.ownerIds.default([]),
});
export type AccountInput = z.input<typeof accountInputSchema>;

function checkRoleInAccount(input: { id: string; roleArn: string }) {
  const roleAccount = input.roleArn.split(':')[4];
  if (roleAccount !== input.id) {
    throw new ValidationError(`roleArn: the role must be in account ${input.id}, not ${roleAccount}.`, {
      roleArn: [`The role must be in account ${input.id}.`],
    });
  }
}

async function checkOwners(db: Db, ownerIds: string[]) {
  if (ownerIds.length === 0) return;
  const owners = await db.user.findMany({ where: { id: { in: ownerIds }, role: 'account_owner' }, select: { id: true } });
  if (owners.length !== ownerIds.length) {
    throw new ValidationError('ownerIds: every owner must be a user with the account owner role.', { ownerIds: ['Owners must have the account owner role.'] });
  }
}

export async function createAccount(db: Db, input: unknown, options: { isDemo?: boolean; actor?: AuditActor } = {}) {
  const data = parseOrThrow(accountInputSchema, input);
  checkRoleInAccount(data);
  await checkOwners(db, data.ownerIds);
  const created = await db.$transaction(async (tx) => {
    if (await tx.awsAccount.findUnique({ where: { id: data.id } })) throw new ConflictError(`Account ${data.id} is already registered.`);
    const { ownerIds, ...account } = data;
    const row = await tx.awsAccount.create({ data: { ...account, isDemo: options.isDemo ?? false } });
    if (ownerIds.length) await tx.accountOwner.createMany({ data: ownerIds.map((userId) => ({ userId, accountId: data.id })) });
    await recordAuditEvent(tx, {
      actor: options.actor ?? null,
      action: 'account.create',
      target: { type: 'aws_account', id: data.id },
      accountId: data.id,
      details: { name: data.name, roleArn: data.roleArn, regions: data.regions, ownerIds },
    });
    return row;
  });
  // Store the new account's (empty, or earlier-synced) posture now rather than on the first page.
  await refreshCurrentPostureAfterChange(db, [created.id]);
  return created;
}

/** Only the fields sent change: no defaults here, so a partial update never resets owners. */
export const accountUpdateSchema = z.object(accountFields).partial().strict();

export async function updateAccount(db: Db, accountId: string, input: unknown, actor: AuditActor = null) {
  const data = parseOrThrow(accountUpdateSchema, input);
  if (data.roleArn) checkRoleInAccount({ id: accountId, roleArn: data.roleArn });
  if (data.ownerIds) await checkOwners(db, data.ownerIds);
  return db.$transaction(async (tx) => {
    const { ownerIds, ...fields } = data;
    const updated = await tx.awsAccount.updateMany({ where: { id: accountId }, data: fields });
    if (updated.count === 0) throw new NotFoundError('Unknown account.');
    if (ownerIds) {
      await tx.accountOwner.deleteMany({ where: { accountId } });
      await tx.accountOwner.createMany({ data: ownerIds.map((userId) => ({ userId, accountId })) });
    }
    // The ExternalId is a shared secret: the audit trail notes that it changed, not its value.
    const { externalId, ...visible } = data;
    await recordAuditEvent(tx, {
      actor,
      action: 'account.update',
      target: { type: 'aws_account', id: accountId },
      accountId,
      details: { ...visible, ...(externalId ? { externalIdChanged: true } : {}) },
    });
    return tx.awsAccount.findUniqueOrThrow({ where: { id: accountId } });
  });
}

export async function listAccountsWithOwners(db: Db) {
  return db.awsAccount.findMany({
    orderBy: [{ name: 'asc' }],
    include: { owners: { include: { user: { select: { id: true, email: true, name: true } } } } },
  });
}

export async function findAccount(db: Db, accountId: string) {
  const account = await db.awsAccount.findUnique({ where: { id: accountId } });
  if (!account) throw new NotFoundError('Unknown account.');
  return account;
}

/** Whether any account that is not part of the demo organization is registered. */
export async function hasRealAccounts(db: Db): Promise<boolean> {
  return (await db.awsAccount.count({ where: { isDemo: false } })) > 0;
}
