import { requirePagePermission } from '@/lib/auth';
import { db } from '@/server/db';
import { listAccountsWithOwners } from '@/server/accounts/registry';
import { AccountEditForm, CreateAccountForm, TestAccessButton } from './forms';

export const metadata = { title: 'AWS accounts' };
export const dynamic = 'force-dynamic';

export default async function AccountRegistryPage() {
  await requirePagePermission('accounts:manage');
  const [accounts, owners] = await Promise.all([
    listAccountsWithOwners(db()),
    db().user.findMany({ where: { role: 'account_owner', disabled: false }, select: { id: true, name: true, email: true }, orderBy: { email: 'asc' } }),
  ]);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">AWS accounts</h1>
        <p className="mt-1 text-sm text-slate-600">
          The member accounts Safeguards reads through a read-only role (see the README for the role to create). Safeguards never writes to them.
        </p>
      </div>
      <section aria-labelledby="register" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="register" className="font-semibold">
          Register an account
        </h2>
        <CreateAccountForm owners={owners} />
      </section>
      <section aria-labelledby="registered" className="space-y-3">
        <h2 id="registered" className="font-semibold">
          Registered accounts ({accounts.length})
        </h2>
        {accounts.length === 0 && <p className="text-slate-600">None yet.</p>}
        {accounts.map((account) => (
          <article key={account.id} className="rounded-lg border border-slate-200 bg-white p-4" aria-label={`Account ${account.name}`}>
            <div className="flex flex-wrap items-baseline gap-x-3">
              <h3 className="font-semibold">{account.name}</h3>
              <span className="font-mono text-sm text-slate-600">{account.id}</span>
              {account.isDemo && <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-800">demo</span>}
              {!account.enabled && <span className="rounded bg-slate-200 px-1.5 text-xs">disabled</span>}
            </div>
            <p className="mt-1 break-all font-mono text-xs text-slate-600">{account.roleArn}</p>
            <AccountEditForm
              account={{ id: account.id, regions: account.regions, enabled: account.enabled, ownerIds: account.owners.map((o) => o.userId) }}
              owners={owners}
            />
            <TestAccessButton accountId={account.id} />
          </article>
        ))}
      </section>
    </div>
  );
}
