// Failing resources grouped by account and region. Lists that are shown open are rendered
// here, on the server; collapsed ones are read when opened (LazyFailingDetails).
import Link from 'next/link';
import type { FailingAccountGroup } from '@/server/posture/posture-views';
import { FailingRegionSections, type FailingRegionOptions, type FindingTextView } from './failing-resource-table';
import { LazyFailingDetails } from './failing-resources-lazy';
import { EmptyState } from './posture-bits';

export { exclusionRequestHref, resourceFindingsHref, type FindingTextView } from './failing-resource-table';

function AccountSummary({ group, accountName }: { group: FailingAccountGroup; accountName: string }) {
  return (
    <>
      {accountName} <span className="font-mono text-sm font-normal text-slate-500">{group.accountId}</span> · <span className="text-red-700">{group.failed} failed</span>
    </>
  );
}

export function FailingResources({
  groups,
  loaded,
  texts,
  accountNames,
  accountsWithFailures,
  ...options
}: FailingRegionOptions & {
  groups: FailingAccountGroup[];
  /** Whether the groups carry their resources (shown open); otherwise each is read when opened. */
  loaded: boolean;
  texts: Record<string, FindingTextView>;
  accountNames: Record<string, string>;
  /** Accounts with failures, when the server listed only the first of them. */
  accountsWithFailures?: number;
}) {
  if (groups.length === 0) return <EmptyState>No failing resources. Excepted ones are listed with their exclusions.</EmptyState>;
  const query = options.explorerQuery ?? {};
  return (
    <div className="space-y-3" data-testid="failing-resources">
      {groups.map((group) => {
        const accountName = accountNames[group.accountId] ?? group.accountId;
        const summary = <AccountSummary group={group} accountName={accountName} />;
        return loaded ? (
          <details key={group.accountId} open className="rounded border border-slate-200" data-account={group.accountId}>
            <summary className="cursor-pointer bg-slate-50 px-3 py-2 font-medium">{summary}</summary>
            <div className="space-y-3 p-3">
              <FailingRegionSections accountId={group.accountId} accountName={accountName} regions={group.regions} texts={texts} {...options} />
            </div>
          </details>
        ) : (
          <LazyFailingDetails key={group.accountId} summary={summary} accountName={accountName} query={{ account: group.accountId, service: query.service, control: query.control }} {...options} />
        );
      })}
      {accountsWithFailures !== undefined && accountsWithFailures > groups.length && (
        <p className="text-sm" data-testid="more-failing-accounts">
          {accountsWithFailures - groups.length} more accounts have failing resources:{' '}
          <Link href={`/findings?${new URLSearchParams({ ...query, status: 'FAILED' })}`} className="text-brand-700 underline">
            see them in the findings explorer
          </Link>
        </p>
      )}
    </div>
  );
}

/** One account's failing resources, a collapsed list per region, each read when opened. */
export function FailingResourcesByRegion({
  accountId,
  accountName,
  regions,
  ...options
}: FailingRegionOptions & { accountId: string; accountName: string; regions: { region: string; resources: number; failed: number }[] }) {
  if (regions.length === 0) return <EmptyState>No failing resources. Excepted ones are listed with their exclusions.</EmptyState>;
  return (
    <div className="space-y-3" data-testid="failing-resources">
      {regions.map((r) => (
        <LazyFailingDetails
          key={r.region}
          testId="failing-region"
          accountName={accountName}
          query={{ account: accountId, region: r.region }}
          summary={
            <>
              <span className="font-mono">{r.region}</span> ·{' '}
              <span className="text-red-700">
                <span data-testid="failing-region-total">{r.resources}</span> failing {r.resources === 1 ? 'resource' : 'resources'}
              </span>{' '}
              <span className="text-sm font-normal text-slate-600">({r.failed} failed resource-controls)</span>
            </>
          }
          {...options}
        />
      ))}
    </div>
  );
}
