import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth';
import { Fingerprint, formatBytes } from '@/components/evidence-bits';
import { db } from '@/server/db';
import { EVIDENCE_FORMAT_VERSION, evidenceExportOptions, evidenceSigningKey, FILE_DESCRIPTIONS, recentExports, type RecentExport } from '@/server/evidence';
import { ExportForm } from './export-form';

export const metadata = { title: 'Evidence' };
export const dynamic = 'force-dynamic';

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');

function scopeText(e: RecentExport): string {
  const s = e.scope;
  if (!s) return '—';
  const parts = [
    s.accounts.length ? `accounts ${s.accounts.join(', ')}` : 'all accounts',
    s.services.length ? `services ${s.services.join(', ')}` : null,
    s.controls.length ? `controls ${s.controls.join(', ')}` : null,
    s.hipaaCitations.length ? `citations ${s.hipaaCitations.join(', ')}` : null,
  ];
  return parts.filter(Boolean).join('; ');
}

export default async function EvidencePage() {
  await requirePagePermission('evidence:export');
  const [options, key, exports] = await Promise.all([evidenceExportOptions(db()), evidenceSigningKey(db()), recentExports(db())]);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Evidence bundles</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          A ZIP of the posture, the evidence behind it and its history for the scope you choose: a summary (HTML and PDF), the controls, every evaluation, the raw
          Security Hub findings and Config evaluations, exclusions, attestations, the RACI matrix, the accounts and their syncs, and the audit trail. Every file’s
          SHA-256 is in a manifest signed by this app’s key, so an auditor can check nothing was changed.{' '}
          <Link href="/evidence/verify" className="text-brand-700 underline">
            Verify a bundle
          </Link>
          .
        </p>
      </div>

      <ExportForm accounts={options.accounts} services={options.services} controls={options.controls} citations={options.citations} today={today} />

      <section aria-labelledby="signing-key" className="space-y-2">
        <h2 id="signing-key" className="text-lg font-semibold">
          Signing key
        </h2>
        <p className="max-w-3xl text-sm text-slate-600">
          Bundles are signed with Ed25519. Compare the fingerprint (SHA-256 of the public key’s DER form) with the one in a bundle’s manifest.json, or check a bundle
          against this key offline: <code className="text-xs">npm run evidence:verify -- bundle.zip --public-key safeguards-evidence-public-key.pem</code>.
        </p>
        <p className="text-sm">
          Fingerprint: <Fingerprint value={key.fingerprint} testId="signing-key-fingerprint" />
        </p>
        <pre className="max-w-xl overflow-x-auto rounded border border-slate-200 bg-white p-3 text-xs" data-testid="signing-public-key">
          {key.publicKeyPem}
        </pre>
        <a href="/api/evidence/public-key" className="text-sm text-brand-700 underline">
          Download the public key (PEM)
        </a>
      </section>

      <section aria-labelledby="recent-exports" className="space-y-2">
        <h2 id="recent-exports" className="text-lg font-semibold">
          Recent exports
        </h2>
        {exports.length === 0 ? (
          <p className="text-sm text-slate-600">No bundle was exported yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full border border-slate-200 bg-white text-left text-sm" data-testid="recent-exports">
              <thead className="bg-slate-50">
                <tr>
                  <th className="px-2 py-1">Started</th>
                  <th className="px-2 py-1">By</th>
                  <th className="px-2 py-1">As of</th>
                  <th className="px-2 py-1">Scope</th>
                  <th className="px-2 py-1">Result</th>
                  <th className="px-2 py-1">Manifest SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {exports.map((e) => (
                  <tr key={e.bundleId} className="border-t border-slate-200 align-top">
                    <td className="px-2 py-1 whitespace-nowrap">{when(e.startedAt)}</td>
                    <td className="px-2 py-1">{e.actorEmail ?? '—'}</td>
                    <td className="px-2 py-1">{e.asOf === 'now' && e.asOfInstant ? `${when(e.asOfInstant)} (at generation)` : e.asOf}</td>
                    <td className="px-2 py-1">{scopeText(e)}</td>
                    <td className="px-2 py-1">
                      {e.status}
                      {e.bytes !== null ? ` · ${formatBytes(e.bytes)}` : ''}
                    </td>
                    <td className="px-2 py-1 font-mono text-xs break-all">{e.manifestSha256 ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="bundle-format" className="space-y-2">
        <h2 id="bundle-format" className="text-lg font-semibold">
          What a bundle holds ({EVIDENCE_FORMAT_VERSION})
        </h2>
        <dl className="max-w-4xl space-y-2 text-sm">
          {FILE_DESCRIPTIONS.map((f) => (
            <div key={f.path}>
              <dt>
                <code className="text-xs">{f.path}</code>
              </dt>
              <dd className="text-slate-600">{f.description}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
