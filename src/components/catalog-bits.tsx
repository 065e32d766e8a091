// Small presentational pieces for catalog pages: evidence sources, citations, badges.
import type { CatalogControl } from '@/server/catalog';

export function Badge({ children, tone = 'slate' }: { children: React.ReactNode; tone?: 'slate' | 'amber' | 'emerald' | 'brand' }) {
  const tones = {
    slate: 'border-slate-300 bg-slate-100 text-slate-700',
    amber: 'border-amber-300 bg-amber-50 text-amber-900',
    emerald: 'border-emerald-300 bg-emerald-50 text-emerald-900',
    brand: 'border-brand-600/30 bg-brand-50 text-brand-900',
  };
  return <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

export function ManualBadge() {
  return (
    <Badge tone="amber">
      <span title="No Security Hub control or Config rule checks this: people assess it">manual</span>
    </Badge>
  );
}

export function PhiBadge({ mayHoldPhi }: { mayHoldPhi: boolean }) {
  return mayHoldPhi ? <Badge tone="brand">may hold PHI</Badge> : <Badge>no PHI</Badge>;
}

function CodeList({ items }: { items: readonly string[] }) {
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((item) => (
        <li key={item}>
          <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">{item}</code>
        </li>
      ))}
    </ul>
  );
}

/** Security Hub control ids and Config rule identifiers, or the manual badge when there are none. */
export function EvidenceSources({ control }: { control: CatalogControl }) {
  const { securityHubControlIds: hub, configRuleIdentifiers: rules } = control.evidence;
  if (hub.length === 0 && rules.length === 0) return <ManualBadge />;
  return (
    <dl className="space-y-1 text-sm">
      {hub.length > 0 && (
        <div className="flex flex-wrap items-baseline gap-2">
          <dt className="text-slate-600">Security Hub</dt>
          <dd>
            <CodeList items={hub} />
          </dd>
        </div>
      )}
      {rules.length > 0 && (
        <div className="flex flex-wrap items-baseline gap-2">
          <dt className="text-slate-600">Config rules</dt>
          <dd>
            <CodeList items={rules} />
          </dd>
        </div>
      )}
    </dl>
  );
}

export function Citations({ citations }: { citations: readonly string[] }) {
  if (citations.length === 0) return <span className="text-slate-500">none</span>;
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1">
      {citations.map((c) => (
        <li key={c} className="whitespace-nowrap">
          {c}
        </li>
      ))}
    </ul>
  );
}

export function Notice({ tone = 'info', children }: { tone?: 'info' | 'warning' | 'error'; children: React.ReactNode }) {
  const styles = {
    info: 'border-slate-200 bg-white text-slate-700',
    warning: 'border-amber-300 bg-amber-50 text-amber-900',
    error: 'border-red-300 bg-red-50 text-red-800',
  };
  return (
    <div role={tone === 'error' ? 'alert' : undefined} className={`rounded border p-3 text-sm ${styles[tone]}`}>
      {children}
    </div>
  );
}
