// GET /api/posture/failing?account=…[&service=…|&control=…][&region=…] — the failing resources of
// one account, as a collapsed list on a service, control or account page shows them when opened.
import { z } from 'zod';
import { apiRoute } from '@/lib/api';
import { parseOrThrow } from '@/server/validation';
import { db } from '@/server/db';
import { failingResourcesOf } from '@/server/posture/posture-queries';

export const dynamic = 'force-dynamic';

const catalogId = z.string().trim().min(1).max(100).optional();
const failingQuery = z.object({
  account: z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits'),
  service: catalogId,
  control: catalogId,
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'not an AWS region name')
    .optional(),
});

export const GET = apiRoute({ permission: 'posture:view' }, async ({ user, request }) => {
  const query = parseOrThrow(failingQuery, Object.fromEntries(request.nextUrl.searchParams));
  return failingResourcesOf(db(), user, { accountId: query.account, serviceId: query.service, controlId: query.control, region: query.region });
});
