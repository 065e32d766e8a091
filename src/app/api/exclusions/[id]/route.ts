import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { exclusionHistory } from '@/server/exclusions';

export const dynamic = 'force-dynamic';

/** The exclusion, its full history and what the caller may do with it; 404 when not visible. */
export const GET = apiRoute({ permission: 'exclusions:view' }, async ({ user, params }) => exclusionHistory(db(), { actor: user, exclusionId: params.id ?? '' }));
