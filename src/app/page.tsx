import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth';
import { LANDING_PATHS } from '@/server/auth/roles';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const user = await getCurrentUser();
  redirect(user ? LANDING_PATHS[user.role] : '/signin');
}
