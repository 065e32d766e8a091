import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth';
import { db } from '@/server/db';
import { visibleAccountsWhere } from '@/server/accounts/account-scope';

export const metadata = { title: 'Accounts' };
export const dynamic = 'force-dynamic';

export default async function AccountsPage() {
  const user = await requirePagePermission('accounts:view');
  const accounts = await db().awsAccount.findMany({
    where: visibleAccountsWhere(user),
    orderBy: { name: 'asc' },
    include: { syncStates: true },
  });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{user.role === 'account_owner' ? 'Your AWS accounts' : 'AWS accounts'}</h1>
      {accounts.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4 text-slate-600">
          {user.role === 'account_owner' ? 'No AWS account is linked to you yet. An admin links owners to accounts.' : 'No AWS account is registered yet.'}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100 text-slate-600">
              <tr>
                <th className="px-3 py-2">Account</th>
                <th className="px-3 py-2">Id</th>
                <th className="px-3 py-2">Regions</th>
                <th className="px-3 py-2">Last good sync</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => {
                const lastGood = account.syncStates
                  .map((s) => s.lastSuccessAt)
                  .filter((d): d is Date => d !== null)
                  .sort((a, b) => b.getTime() - a.getTime())[0];
                return (
                  <tr key={account.id} className="border-t border-slate-100">
                    <td className="px-3 py-2 font-medium">
                      <Link href={`/accounts/${account.id}`} className="text-brand-700 underline">
                        {account.name}
                      </Link>
                    </td>
                    <td className="px-3 py-2 font-mono">{account.id}</td>
                    <td className="px-3 py-2">{account.regions.join(', ')}</td>
                    <td className="px-3 py-2">{lastGood ? lastGood.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : 'never'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
