'use client';
import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';

const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'Wrong e-mail or password.',
  OAuthSignin: 'The identity provider could not be reached.',
  OAuthCallback: 'The identity provider refused the sign-in.',
  AccessDenied: 'You do not have access to Safeguards.',
};

export function SignInForm({ sso, ssoName }: { sso: boolean; ssoName: string }) {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(params.get('error') ? (MESSAGES[params.get('error')!] ?? params.get('error')) : null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(MESSAGES[result?.error ?? ''] ?? result?.error ?? 'Sign-in failed.');
      return;
    }
    router.replace('/');
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="mt-4 space-y-4" noValidate>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <label className="block text-sm">
        E-mail
        <input name="email" type="email" autoComplete="username" required className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5" />
      </label>
      <label className="block text-sm">
        Password
        <input name="password" type="password" autoComplete="current-password" required className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5" />
      </label>
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
      {sso && (
        <button type="button" onClick={() => signIn('oidc', { callbackUrl: '/' })} className="w-full rounded border border-slate-300 px-3 py-2">
          Sign in with {ssoName}
        </button>
      )}
    </form>
  );
}
