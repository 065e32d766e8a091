import type { Metadata } from 'next';
import Link from 'next/link';
import { getCurrentUser } from '@/lib/auth';
import { can, type Permission } from '@/server/auth/permissions';
import { ROLE_LABELS } from '@/server/auth/roles';
import { SignOutButton } from '@/components/sign-out-button';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Safeguards', template: '%s · Safeguards' },
  description: 'HIPAA posture for AWS organizations',
};

const NAV: { href: string; label: string; permission: Permission }[] = [
  { href: '/overview', label: 'Overview', permission: 'posture:view' },
  { href: '/accounts', label: 'Accounts', permission: 'accounts:view' },
  { href: '/findings', label: 'Findings', permission: 'posture:view' },
  { href: '/catalog', label: 'Catalog', permission: 'catalog:view' },
  { href: '/raci', label: 'RACI', permission: 'catalog:view' },
  { href: '/exclusions', label: 'Exclusions', permission: 'exclusions:view' },
  { href: '/attestations', label: 'Attestations', permission: 'attestations:view' },
  { href: '/evidence', label: 'Evidence', permission: 'evidence:export' },
  { href: '/sync', label: 'Sync status', permission: 'sync:view' },
  { href: '/admin/accounts', label: 'AWS accounts', permission: 'accounts:manage' },
  { href: '/admin/users', label: 'Users', permission: 'users:manage' },
  { href: '/admin/audit', label: 'Audit log', permission: 'audit:view' },
];

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <Link href="/" className="text-lg font-semibold text-brand-900">
              Safeguards
            </Link>
            {user && (
              <nav aria-label="Main" className="flex flex-wrap gap-4 text-sm">
                {NAV.filter((item) => can(user.role, item.permission)).map((item) => (
                  <Link key={item.href} href={item.href} className="text-slate-600 hover:text-brand-700">
                    {item.label}
                  </Link>
                ))}
              </nav>
            )}
            {user && (
              <div className="ml-auto flex items-center gap-3 text-sm">
                <span className="text-slate-600" data-testid="current-user">
                  {user.name} · <span className="font-medium">{ROLE_LABELS[user.role]}</span>
                </span>
                <SignOutButton />
              </div>
            )}
          </div>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-6">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
