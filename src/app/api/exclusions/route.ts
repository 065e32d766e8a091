import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { listExclusions, requestExclusion, requestExclusionSchema } from '@/server/exclusions';

export const dynamic = 'force-dynamic';

/** `?accountId=&status=&controlId=&serviceId=&resourceId=&page=`; account owners get their accounts' only. */
export const GET = apiRoute({ permission: 'exclusions:view' }, async ({ user, request }) =>
  listExclusions(db(), { actor: user, filters: Object.fromEntries(request.nextUrl.searchParams) }),
);

/** Request an exclusion (see requestExclusionSchema); 201 with the pending exclusion. */
export const POST = apiRoute({ permission: 'exclusions:request', body: requestExclusionSchema }, async ({ user, body }) =>
  NextResponse.json({ exclusion: await requestExclusion(db(), { actor: user, input: body }) }, { status: 201 }),
);
