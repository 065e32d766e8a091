// Registers the demo organization's accounts (served by the local AWS endpoint) in
// the account registry, and gives the demo account owner a few of them.
import type { Db } from '@/server/db';
import { DEMO_EMAILS } from '@/server/auth/demo-users';

export interface DemoAccount {
  id: string;
  name: string;
  roleArn: string;
  externalId: string;
  regions: string[];
}

/** How many of the demo accounts the demo account owner owns (the rest are not theirs). */
export const DEMO_OWNER_ACCOUNT_COUNT = 2;

export async function registerDemoAccounts(db: Db, accounts: DemoAccount[]): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const a of accounts) {
      await tx.awsAccount.upsert({
        where: { id: a.id },
        create: { id: a.id, name: a.name, roleArn: a.roleArn, externalId: a.externalId, regions: a.regions, isDemo: true },
        // The ExternalId and role come from the endpoint; keep them in step with it.
        update: { roleArn: a.roleArn, externalId: a.externalId },
      });
    }
    const owner = await tx.user.findUnique({ where: { email: DEMO_EMAILS.account_owner } });
    if (owner) {
      await tx.accountOwner.createMany({
        data: accounts.slice(0, DEMO_OWNER_ACCOUNT_COUNT).map((a) => ({ userId: owner.id, accountId: a.id })),
        skipDuplicates: true,
      });
    }
  });
}
