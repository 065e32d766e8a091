import { apiRoute } from '@/lib/api';
import { jobQueue } from '@/lib/job-queue';
import { db } from '@/server/db';
import { requestSync, syncRequestSchema } from '@/server/sync/request-sync';

export const dynamic = 'force-dynamic';

/** Sync now: `{}` for every account the caller may see, `{ accountId }` for one. */
export const POST = apiRoute({ permission: 'sync:request', body: syncRequestSchema }, async ({ user, body }) =>
  requestSync(db(), await jobQueue(), user, body),
);
