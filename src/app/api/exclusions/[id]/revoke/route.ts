import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { revokeExclusion, revokeExclusionSchema } from '@/server/exclusions';

export const dynamic = 'force-dynamic';

/** `{ reason, expectedVersion? }`: revoke an approved exclusion. */
export const POST = apiRoute({ permission: 'exclusions:decide', body: revokeExclusionSchema }, async ({ user, body, params }) => ({
  exclusion: await revokeExclusion(db(), { actor: user, exclusionId: params.id ?? '', input: body }),
}));
