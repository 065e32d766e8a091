import { requirePagePermission } from '@/lib/auth';
import { db } from '@/server/db';
import { explorePage, explorerOptions, explorerQueryString, parseExplorerParams } from '@/server/posture/findings-explorer';
import { resolveAccountScope } from '@/server/posture/posture-queries';
import { FindingsExplorer } from './findings-explorer';

export const metadata = { title: 'Findings' };
export const dynamic = 'force-dynamic';

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission('posture:view');
  const { filters, errors } = parseExplorerParams(await searchParams);
  const scope = await resolveAccountScope(db(), user);
  const [page, options] = await Promise.all([explorePage(db(), scope, filters), explorerOptions(db(), scope)]);
  const problems = Object.values(errors).flat();

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Findings</h1>
        <p className="text-sm text-slate-600">
          Every synced Security Hub finding and AWS Config evaluation {user.role === 'account_owner' ? 'of your accounts' : 'of the organization'}. Filters are kept in
          the address, so a view can be shared or bookmarked.
        </p>
      </div>
      {problems.length > 0 && (
        <div role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          Some filters in the address were not understood and are left out: {problems.join(' ')}
        </div>
      )}
      <FindingsExplorer initialQuery={explorerQueryString(filters)} initialPage={page} options={options} canonicalize={problems.length > 0} />
    </div>
  );
}
