import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth';
import { db } from '@/server/db';
import { auditFilterSchema, listAuditEvents } from '@/server/audit/list-audit-events';
import { verifyAuditChain } from '@/server/audit/verify-audit-chain';

export const metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('audit:view');
  const raw = await searchParams;
  const filter = auditFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [{ events, nextBefore }, chain] = await Promise.all([listAuditEvents(db(), filter), verifyAuditChain(db())]);
  const nextHref = nextBefore ? `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v) as [string, string][]), before: nextBefore })}` : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p
        role="status"
        data-testid="audit-chain"
        className={`rounded border p-3 text-sm ${chain.ok ? 'border-emerald-300 bg-emerald-50 text-emerald-900' : 'border-red-300 bg-red-50 text-red-900'}`}
      >
        {chain.ok
          ? `Hash chain intact: ${chain.entries} entries, each linked to the one before.`
          : `Hash chain broken at entry ${chain.firstBrokenId}: ${chain.reason}.`}
      </p>
      <form className="flex flex-wrap items-end gap-3 text-sm" method="get">
        <label>
          Action starts with
          <input name="action" defaultValue={filter.action} placeholder="exclusion." className="ml-1 rounded border border-slate-300 px-2 py-1" />
        </label>
        <label>
          Actor e-mail
          <input name="actor" defaultValue={filter.actor} className="ml-1 rounded border border-slate-300 px-2 py-1" />
        </label>
        <label>
          Account
          <input name="accountId" defaultValue={filter.accountId} inputMode="numeric" className="ml-1 rounded border border-slate-300 px-2 py-1" />
        </label>
        <button className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">Filter</button>
      </form>
      {events.length === 0 ? (
        <p className="text-slate-600">No entries match.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100 text-slate-600">
              <tr>
                <th className="px-3 py-2">#</th>
                <th className="px-3 py-2">When (UTC)</th>
                <th className="px-3 py-2">Who</th>
                <th className="px-3 py-2">Action</th>
                <th className="px-3 py-2">Target</th>
                <th className="px-3 py-2">Details</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-1.5 font-mono text-xs">{e.id}</td>
                  <td className="px-3 py-1.5 whitespace-nowrap">{e.at.toISOString().replace('T', ' ').slice(0, 19)}</td>
                  <td className="px-3 py-1.5">{e.actorEmail ?? 'system'}</td>
                  <td className="px-3 py-1.5 font-mono text-xs">{e.action}</td>
                  <td className="px-3 py-1.5 font-mono text-xs">{e.targetType ? `${e.targetType}:${e.targetId}` : ''}</td>
                  <td className="max-w-md break-all px-3 py-1.5 font-mono text-xs">{JSON.stringify(e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextHref && (
        <Link href={nextHref} className="text-brand-700 underline">
          Older entries
        </Link>
      )}
    </div>
  );
}
