// A sync worker in a process of its own, for tests that kill it mid-sync.
// Input through the environment: DATABASE_URL, SYNC_ACCOUNT (JSON role), SYNC_REGION.
import { createPrismaClient } from '@/server/db';
import { syncAccountRegion } from '@/server/sync/sync-account-region';

const db = createPrismaClient(process.env.DATABASE_URL!);
const outcomes = await syncAccountRegion({
  db,
  account: JSON.parse(process.env.SYNC_ACCOUNT!),
  region: process.env.SYNC_REGION!,
  sources: ['securityhub'],
  trigger: 'child',
});
console.log(JSON.stringify(outcomes));
await db.$disconnect();
