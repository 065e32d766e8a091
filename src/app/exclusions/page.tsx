import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth';
import { ExclusionTable } from '@/components/exclusion-bits';
import { can } from '@/server/auth/permissions';
import { catalog2022, findControl } from '@/server/catalog';
import { db } from '@/server/db';
import { ValidationError } from '@/server/errors';
import { EXCLUSION_STATUSES, EXPIRING_SOON_DAYS, exclusionAccounts, exclusionInbox, listExclusions, STATUS_LABELS, type ExclusionRow } from '@/server/exclusions';
import { tableRow } from './view';

export const metadata = { title: 'Exclusions' };
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;
const FILTER_KEYS = ['accountId', 'status', 'controlId', 'serviceId', 'page'] as const;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
const input = 'mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function ExclusionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePagePermission('exclusions:view');
  const params = await searchParams;
  const raw = Object.fromEntries(FILTER_KEYS.map((key) => [key, first(params[key]).slice(0, 2100)]));

  let filterError: string | null = null;
  let list;
  try {
    list = await listExclusions(db(), { actor: user, filters: raw });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    filterError = error.message;
    list = await listExclusions(db(), { actor: user });
  }
  const isOwner = user.role === 'account_owner';
  const [accounts, inbox] = await Promise.all([
    exclusionAccounts(db(), user),
    isOwner || user.role === 'compliance_officer' ? exclusionInbox(db(), { actor: user }) : null,
  ]);
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const rows = (items: ExclusionRow[]) => items.map((row) => tableRow(row, names));
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const pageHref = (page: number) => {
    const query = new URLSearchParams(Object.entries({ ...raw, page: String(page) }).filter(([, v]) => v));
    return `/exclusions?${query}`;
  };
  const controlFilter = list.filters.controlId ? findControl(list.filters.controlId) : undefined;

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Exclusions</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          An exclusion says “this resource is knowingly outside this control, for this reason, until this date”. While approved and not expired,
          the failures it covers count as <em>excepted</em>. The account owner stays accountable for keeping PHI and PII out of an excluded resource.
        </p>
        {can(user.role, 'exclusions:request') && (
          <p className="text-sm">
            Request one from a failing resource, or{' '}
            <Link href="/exclusions/new" className="text-brand-700 underline">
              fill in a request
            </Link>
            .
          </p>
        )}
      </div>

      {inbox && (
        <div className="space-y-6 rounded-lg border border-brand-600/20 bg-brand-50/40 p-4" data-testid="exclusion-inbox">
          <Section id="awaiting-you" title={`${isOwner ? 'Waiting for your decision' : 'Waiting for a compliance officer'} (${inbox.awaitingYou.length})`}>
            {!isOwner && (
              <p className="text-sm text-slate-600">Requests on accounts where no owner other than the requester can decide.</p>
            )}
            <ExclusionTable rows={rows(inbox.awaitingYou)} caption="Requests waiting for your decision" empty="Nothing waits for you." />
          </Section>
          {inbox.yourRequests.length > 0 && (
            <Section id="your-requests" title={`Your requests awaiting approval (${inbox.yourRequests.length})`}>
              <ExclusionTable rows={rows(inbox.yourRequests)} caption="Your requests awaiting approval" empty="" />
            </Section>
          )}
          <Section id="expiring" title={`Expiring within ${EXPIRING_SOON_DAYS} days (${inbox.expiringSoon.length})`}>
            <ExclusionTable rows={rows(inbox.expiringSoon)} caption={`Approved exclusions expiring within ${EXPIRING_SOON_DAYS} days`} empty="None expires soon." />
          </Section>
        </div>
      )}

      <Section id="all" title={isOwner ? 'All exclusions of your accounts' : 'All exclusions'}>
        <form method="get" action="/exclusions" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-5" aria-label="Filter exclusions">
          <label className="text-sm">
            Account
            <select name="accountId" defaultValue={list.filters.accountId ?? ''} className={input}>
              <option value="">All</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.id})
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            Status
            <select name="status" defaultValue={list.filters.status ?? ''} className={input}>
              <option value="">All</option>
              {EXCLUSION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            Service
            <select name="serviceId" defaultValue={list.filters.serviceId ?? ''} className={input}>
              <option value="">All</option>
              {catalog2022.services
                .filter((s) => s.controls.length > 0)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
            </select>
          </label>
          <label className="text-sm">
            Control id
            <input name="controlId" defaultValue={list.filters.controlId ?? ''} placeholder="e.g. SQS-ENC-AT-REST" className={input} />
          </label>
          <div className="flex items-end gap-2">
            <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              Filter
            </button>
            <Link href="/exclusions" className="px-2 py-1.5 text-sm text-brand-700 underline">
              Clear
            </Link>
          </div>
        </form>
        {filterError && (
          <p role="alert" className="text-sm text-red-700">
            {filterError} Showing every exclusion instead.
          </p>
        )}
        {controlFilter && <p className="text-sm text-slate-600">Including exclusions of every control of its service ({controlFilter.serviceId}).</p>}
        <p className="text-sm text-slate-600" data-testid="exclusion-count">
          {list.total} exclusion{list.total === 1 ? '' : 's'}
          {pages > 1 && ` · page ${list.page} of ${pages}`}
        </p>
        <ExclusionTable rows={rows(list.rows)} caption="Exclusions" empty="No exclusion matches." />
        {pages > 1 && (
          <nav aria-label="Pages" className="flex gap-4 text-sm">
            {list.page > 1 && (
              <Link href={pageHref(list.page - 1)} className="text-brand-700 underline">
                Previous
              </Link>
            )}
            {list.page < pages && (
              <Link href={pageHref(list.page + 1)} className="text-brand-700 underline">
                Next
              </Link>
            )}
          </nav>
        )}
      </Section>
    </div>
  );
}
