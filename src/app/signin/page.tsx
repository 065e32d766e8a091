import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { getCurrentUser } from '@/lib/auth';
import { LANDING_PATHS } from '@/server/auth/roles';
import { SignInForm } from './sign-in-form';

export const metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage() {
  const user = await getCurrentUser();
  if (user) redirect(LANDING_PATHS[user.role]);
  const sso = Boolean(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET);
  return (
    <div className="mx-auto mt-12 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Sign in to Safeguards</h1>
      <Suspense>
        <SignInForm sso={sso} ssoName={process.env.OIDC_NAME ?? 'Single sign-on'} />
      </Suspense>
    </div>
  );
}
