import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { decideExclusion, decideExclusionSchema } from '@/server/exclusions';

export const dynamic = 'force-dynamic';

/**
 * `{ decision: 'approve' | 'reject', reason?, expectedVersion? }`. 403 for the requester and anyone
 * else the rules refuse, 404 when not visible, 409 when someone decided first.
 */
export const POST = apiRoute({ permission: 'exclusions:decide', body: decideExclusionSchema }, async ({ user, body, params }) => ({
  exclusion: await decideExclusion(db(), { actor: user, exclusionId: params.id ?? '', input: body }),
}));
