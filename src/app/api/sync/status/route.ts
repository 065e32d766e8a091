import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { syncStatus } from '@/server/sync/sync-status';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ permission: 'sync:view' }, async ({ user }) => ({ rows: await syncStatus(db(), user) }));
