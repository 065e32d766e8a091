import { apiRoute } from '@/lib/api';

export const dynamic = 'force-dynamic';

/** The signed-in user, as the server sees them (role read fresh from the database). */
export const GET = apiRoute({ permission: 'posture:view' }, async ({ user }) => ({ user }));
