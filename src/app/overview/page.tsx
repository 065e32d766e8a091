import { requirePagePermission } from '@/lib/auth';
import { db } from '@/server/db';
import { visibleAccountIds } from '@/server/accounts/account-scope';

export const metadata = { title: 'Overview' };
export const dynamic = 'force-dynamic';

export default async function OverviewPage() {
  const user = await requirePagePermission('posture:view');
  const accountIds = await visibleAccountIds(db(), user);
  const where = accountIds === 'all' ? {} : { accountId: { in: accountIds } };
  const [accounts, byStatus] = await Promise.all([
    db().awsAccount.count({ where: accountIds === 'all' ? {} : { id: { in: accountIds } } }),
    db().finding.groupBy({ by: ['complianceStatus'], where: { ...where, recordState: 'ACTIVE' }, _count: { _all: true } }),
  ]);
  const count = (status: string | null) => byStatus.find((row) => row.complianceStatus === status)?._count._all ?? 0;
  const cards = [
    { label: 'AWS accounts', value: accounts },
    { label: 'Passed checks', value: count('PASSED') },
    { label: 'Failed checks', value: count('FAILED') },
    { label: 'Other findings', value: byStatus.reduce((n, r) => n + r._count._all, 0) - count('PASSED') - count('FAILED') },
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {cards.map((card) => (
          <div key={card.label} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-600">{card.label}</dt>
            <dd className="mt-1 text-2xl font-semibold" data-testid={`overview-${card.label.toLowerCase().replace(/\s+/g, '-')}`}>
              {card.value.toLocaleString('en-US')}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
