// GET /api/findings?… — one page of the findings explorer's view (the same parameters as /findings).
import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { explorePage, explorerFiltersOrThrow } from '@/server/posture/findings-explorer';
import { resolveAccountScope } from '@/server/posture/posture-queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ permission: 'posture:view' }, async ({ user, request }) => {
  const filters = explorerFiltersOrThrow(request.nextUrl.searchParams);
  return explorePage(db(), await resolveAccountScope(db(), user), filters);
});
