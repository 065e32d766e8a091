// GET /api/sync/summary[?account=…] — sync health as the posture pages summarize it (the
// newest good sync, what runs, the first failing syncs), of the accounts the user may see
// or of one of them: what the live widget polls, a few hundred bytes however many accounts.
import { z } from 'zod';
import { apiRoute } from '@/lib/api';
import { parseOrThrow } from '@/server/validation';
import { db } from '@/server/db';
import { syncSummaryFor } from '@/server/posture/posture-queries';

export const dynamic = 'force-dynamic';

const summaryQuery = z.object({
  account: z
    .string()
    .regex(/^\d{12}$/, 'an AWS account id is 12 digits')
    .optional(),
});

export const GET = apiRoute({ permission: 'sync:view' }, async ({ user, request }) => {
  const query = parseOrThrow(summaryQuery, Object.fromEntries(request.nextUrl.searchParams));
  return syncSummaryFor(db(), user, { accountId: query.account });
});
