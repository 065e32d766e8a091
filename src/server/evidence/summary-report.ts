// summary.html and summary.pdf: the human-readable report of an evidence bundle, both drawn
// from one data model (SummaryModel) so they always say the same thing. The HTML is one
// self-contained file (inline CSS and SVG chart, no script); the PDF is drawn with pdfkit and
// its standard fonts (no browser needed).
import PDFDocument from 'pdfkit';
import type { CatalogControl } from '@/server/catalog/types';
import type { RaciView } from '@/server/raci';
import { hasLetter } from '@/server/catalog/raci';
import { SEVERITY_RANK } from '@/server/posture/evaluate';
import { CONTROL_STATUSES, controlRollups, formatScore, tally, type AccountControlRow, type Tally } from '@/server/posture/posture-views';
import type { ControlStatus, Severity } from '@/server/posture/types';
import type { ResolvedScope } from './bundle-scope';
import type { BundlePosture } from './bundle-posture';
import type { AttestationInScope, ExclusionInScope } from './decisions-in-scope';

/** Lists longer than this are cut in the report (the CSV files hold every row). */
export const SUMMARY_LIST_LIMIT = 200;

export interface SummaryServiceRow extends Tally {
  serviceId: string;
  name: string;
  failedControls: number;
}

export interface SummaryFailingControl {
  controlId: string;
  title: string;
  serviceName: string;
  hipaaCitations: string[];
  severity: Severity | null;
  failed: number;
  /** Parties holding R, and holding A, in the RACI matrix as of the as-of instant. */
  responsible: string[];
  accountable: string[];
  /** The accounts where it fails, with their owners (e-mail). */
  accounts: { id: string; name: string; failed: number; owners: string[] }[];
}

export interface SummaryModel {
  formatVersion: string;
  bundleId: string;
  generatedAt: Date;
  generatedBy: { name: string; email: string; role: string };
  asOf: { requested: string; instant: Date; posture: 'live' | 'snapshot' };
  scope: { allAccounts: boolean; accounts: { id: string; name: string }[]; services: string[]; controls: string[]; citations: string[]; controlCount: number };
  overall: Tally & { controlStatuses: Record<ControlStatus, number> };
  /** Services in scope with at least one evaluated resource-control, in catalog order. */
  services: SummaryServiceRow[];
  failingControls: SummaryFailingControl[];
  exclusions: ExclusionInScope[];
  exclusionsTotal: number;
  attestations: AttestationInScope[];
  attestationsTotal: number;
  notes: string[];
  publicKeyFingerprint: string;
}

export interface SummaryInput {
  bundleId: string;
  formatVersion: string;
  generatedAt: Date;
  generatedBy: { name: string; email: string; role: string };
  scope: ResolvedScope;
  posture: BundlePosture;
  raci: RaciView;
  /** Account id → owners' e-mails. */
  owners: ReadonlyMap<string, string[]>;
  /** Active at the as-of instant. */
  exclusions: ExclusionInScope[];
  attestations: AttestationInScope[];
  notes: string[];
  publicKeyFingerprint: string;
}

const rank = (s: Severity | null) => (s === null ? -1 : SEVERITY_RANK[s]);

/** The report's data, from the posture rows and the decisions in force (pure). */
export function buildSummaryModel(input: SummaryInput): SummaryModel {
  const { scope, posture } = input;
  const controlsById = new Map<string, CatalogControl>(scope.controls.map((c) => [c.id, c]));
  const accountsById = new Map(scope.accounts.map((a) => [a.id, a]));
  const rollups = controlRollups(posture.rows, scope.accounts.length).filter((c) => controlsById.has(c.controlId));
  const controlStatuses = Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as Record<ControlStatus, number>;
  for (const c of rollups) controlStatuses[c.status] += 1;

  const services: SummaryServiceRow[] = scope.services
    .map((service) => {
      const mine = rollups.filter((c) => c.serviceId === service.id);
      return { serviceId: service.id, name: service.name, ...tally(mine), failedControls: mine.filter((c) => c.status === 'failed').length };
    })
    .filter((s) => s.passed + s.failed + s.excepted + s.unknown > 0);

  const partyName = new Map(input.raci.parties.map((p) => [p.id, p.name]));
  const holders = (controlId: string, letter: 'R' | 'A') =>
    Object.entries(input.raci.matrix[controlId] ?? {})
      .filter(([, letters]) => hasLetter(letters, letter))
      .map(([partyId]) => partyName.get(partyId) ?? partyId);

  const failingControls: SummaryFailingControl[] = rollups
    .filter((c) => c.status === 'failed')
    .sort((a, b) => rank(b.maxSeverity) - rank(a.maxSeverity) || b.failed - a.failed || a.controlId.localeCompare(b.controlId))
    .map((c) => {
      const control = controlsById.get(c.controlId)!;
      return {
        controlId: c.controlId,
        title: c.title,
        serviceName: scope.services.find((s) => s.id === c.serviceId)?.name ?? c.serviceId,
        hipaaCitations: control.hipaaCitations,
        severity: c.maxSeverity,
        failed: c.failed,
        responsible: holders(c.controlId, 'R'),
        accountable: holders(c.controlId, 'A'),
        accounts: posture.rows
          .filter((r) => r.controlId === c.controlId && r.failed > 0)
          .sort((a, b) => b.failed - a.failed || a.accountId.localeCompare(b.accountId))
          .map((r) => ({ id: r.accountId, name: accountsById.get(r.accountId)?.name ?? r.accountId, failed: r.failed, owners: input.owners.get(r.accountId) ?? [] })),
      };
    });

  return {
    formatVersion: input.formatVersion,
    bundleId: input.bundleId,
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    asOf: { requested: scope.asOf.requested, instant: scope.asOf.instant, posture: posture.mode },
    scope: {
      allAccounts: scope.allAccounts,
      accounts: scope.accounts,
      services: scope.requested.services.map((id) => scope.services.find((s) => s.id === id)?.name ?? id),
      controls: scope.requested.controls,
      citations: scope.requested.citations,
      controlCount: scope.controls.length,
    },
    overall: { ...tally(posture.rows as readonly AccountControlRow[]), controlStatuses },
    services,
    failingControls,
    exclusions: input.exclusions.slice(0, SUMMARY_LIST_LIMIT),
    exclusionsTotal: input.exclusions.length,
    attestations: input.attestations.slice(0, SUMMARY_LIST_LIMIT),
    attestationsTotal: input.attestations.length,
    notes: input.notes,
    publicKeyFingerprint: input.publicKeyFingerprint,
  };
}

// ---------------------------------------------------------------------------------------------
// Shared wording

const iso = (d: Date) => d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
const day = (d: Date) => d.toISOString().slice(0, 10);

export const STATUS_WORDS: Record<ControlStatus, string> = {
  failed: 'Failed',
  passed: 'Passed',
  attested: 'Attested',
  excepted: 'Excepted',
  manual: 'Manual (not attested)',
  not_evaluated: 'Not evaluated',
};

function asOfText(m: SummaryModel): string {
  const source = m.asOf.posture === 'live' ? 'posture computed from the synced evidence' : 'posture from the daily snapshots';
  return m.asOf.requested === 'now' ? `now (${iso(m.asOf.instant)}), ${source}` : `${m.asOf.requested}, end of day (${iso(m.asOf.instant)}), ${source}`;
}

function scopeLines(m: SummaryModel): [string, string][] {
  return [
    ['Accounts', m.scope.allAccounts ? `All registered accounts (${m.scope.accounts.length})` : m.scope.accounts.map((a) => `${a.name} (${a.id})`).join(', ')],
    ['Services', m.scope.services.length ? m.scope.services.join(', ') : 'All'],
    ['Controls', m.scope.controls.length ? m.scope.controls.join(', ') : 'All'],
    ['HIPAA citations', m.scope.citations.length ? m.scope.citations.join(', ') : 'All'],
    ['Controls in scope', String(m.scope.controlCount)],
  ];
}

const exclusionTarget = (x: ExclusionInScope) => `${x.resourceId ?? 'whole account'} · ${x.controlId ?? `every ${x.serviceId} control`}`;
const approvedBy = (x: { events: { toStatus: string; actorEmail: string | null; at: Date }[] }, status: string) => {
  const e = [...x.events].reverse().find((ev) => ev.toStatus === status);
  return e ? `${e.actorEmail ?? 'system'} on ${day(e.at)}` : '—';
};

// ---------------------------------------------------------------------------------------------
// HTML

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const COLORS = { passed: '#059669', failed: '#dc2626', excepted: '#d97706', unknown: '#94a3b8' } as const;
const SEGMENTS = ['passed', 'failed', 'excepted', 'unknown'] as const;

/** Per service, a bar split into passed / failed / excepted / no-verdict resource-controls. */
export function serviceChartSvg(services: readonly SummaryServiceRow[]): string {
  const rowHeight = 20;
  const labelWidth = 230;
  const barWidth = 360;
  const width = labelWidth + barWidth + 70;
  const height = 24 + services.length * rowHeight + 4;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Resource-controls per service">`,
  ];
  SEGMENTS.forEach((s, i) => {
    parts.push(`<rect x="${labelWidth + i * 90}" y="4" width="10" height="10" fill="${COLORS[s]}"/>`);
    parts.push(`<text x="${labelWidth + i * 90 + 14}" y="13" font-size="11">${s === 'unknown' ? 'no verdict' : s}</text>`);
  });
  services.forEach((s, i) => {
    const y = 24 + i * rowHeight;
    const total = s.passed + s.failed + s.excepted + s.unknown;
    parts.push(`<text x="${labelWidth - 6}" y="${y + 13}" font-size="11" text-anchor="end">${esc(s.name)}</text>`);
    let x = labelWidth;
    for (const seg of SEGMENTS) {
      const w = total === 0 ? 0 : (s[seg] / total) * barWidth;
      if (w > 0) parts.push(`<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="13" fill="${COLORS[seg]}"><title>${s[seg]} ${seg}</title></rect>`);
      x += w;
    }
    parts.push(`<text x="${labelWidth + barWidth + 6}" y="${y + 13}" font-size="11">${esc(formatScore(s.score))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function table(headers: string[], rows: string[][]): string {
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function renderSummaryHtml(m: SummaryModel): string {
  const o = m.overall;
  const statusRows = CONTROL_STATUSES.map((s) => [esc(STATUS_WORDS[s]), String(o.controlStatuses[s])]);
  const more = (shown: number, total: number, file: string) =>
    total > shown ? `<p>… and ${total - shown} more, listed in <code>${file}</code>.</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>HIPAA evidence summary · ${esc(iso(m.asOf.instant))}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;margin:2rem auto;max-width:1000px;padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #cbd5e1;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0}th,td{border:1px solid #e2e8f0;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f1f5f9}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem}dt{color:#475569}dd{margin:0}
.score{font-size:2rem;font-weight:600}.muted{color:#475569}.failed{color:#b91c1c;font-weight:600}code{font-size:.85em;background:#f1f5f9;padding:0 .2em}
</style>
</head>
<body>
<h1>HIPAA evidence summary</h1>
<p class="muted">Safeguards evidence bundle <code>${esc(m.bundleId)}</code> · format <code>${esc(m.formatVersion)}</code></p>
<dl>
<dt>As of</dt><dd>${esc(asOfText(m))}</dd>
<dt>Generated</dt><dd>${esc(iso(m.generatedAt))} by ${esc(m.generatedBy.name)} &lt;${esc(m.generatedBy.email)}&gt; (${esc(m.generatedBy.role)})</dd>
${scopeLines(m)
  .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
  .join('\n')}
<dt>Signing key</dt><dd><code>${esc(m.publicKeyFingerprint)}</code> (SHA-256 of the public key, see public-key.pem)</dd>
</dl>

<h2>Overall posture</h2>
<p><span class="score" data-testid="overall-score">${esc(formatScore(o.score))}</span> of evaluated resource-controls pass
(${o.passed} passed, ${o.failed} failed, ${o.excepted} excepted, ${o.unknown} without a verdict).</p>
${table(['Control status', 'Controls'], statusRows)}

<h2>Posture per service</h2>
${m.services.length ? serviceChartSvg(m.services) : '<p>No resource of the scope was evaluated.</p>'}
${table(
  ['Service', 'Score', 'Passed', 'Failed', 'Excepted', 'No verdict', 'Failing controls'],
  m.services.map((s) => [esc(s.name), esc(formatScore(s.score)), String(s.passed), String(s.failed), String(s.excepted), String(s.unknown), String(s.failedControls)]),
)}

<h2>Failing controls (${m.failingControls.length})</h2>
${
  m.failingControls.length
    ? table(
        ['Control', 'Severity', 'Failed resources', 'Responsible / Accountable (RACI)', 'Accounts (owners)'],
        m.failingControls.map((c) => [
          `<code>${esc(c.controlId)}</code><br>${esc(c.title)}<br><span class="muted">${esc(c.serviceName)} · ${esc(c.hipaaCitations.join(', '))}</span>`,
          esc(c.severity ?? '—'),
          `<span class="failed">${c.failed}</span>`,
          `R: ${esc(c.responsible.join(', ') || '—')}<br>A: ${esc(c.accountable.join(', ') || '—')}`,
          c.accounts.map((a) => `${esc(a.name)} (${esc(a.id)}): ${a.failed}${a.owners.length ? ` · ${esc(a.owners.join(', '))}` : ''}`).join('<br>'),
        ]),
      )
    : '<p>No control fails in this scope.</p>'
}

<h2>Active exclusions (${m.exclusionsTotal})</h2>
${
  m.exclusions.length
    ? table(
        ['Account', 'Resource · control', 'Justification', 'Approved by', 'Expires'],
        m.exclusions.map((x) => [esc(x.accountId), esc(exclusionTarget(x)), esc(x.justification), esc(approvedBy(x, 'approved')), esc(day(x.expiresAt))]),
      )
    : '<p>No exclusion was in force.</p>'
}${more(m.exclusions.length, m.exclusionsTotal, 'exclusions.csv')}

<h2>Active attestations (${m.attestationsTotal})</h2>
${
  m.attestations.length
    ? table(
        ['Control', 'For', 'Statement', 'Confirmed by', 'Valid until'],
        m.attestations.map((a) => [esc(a.controlId), esc(a.accountId ?? 'the organization'), esc(a.statement), esc(approvedBy(a, 'confirmed')), esc(day(a.validUntil))]),
      )
    : '<p>No attestation was in force.</p>'
}${more(m.attestations.length, m.attestationsTotal, 'attestations.csv')}

${m.notes.length ? `<h2>Notes</h2><ul>${m.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
<p class="muted">Every file of this bundle is listed with its SHA-256 in manifest.json, which is signed (manifest.sig, Ed25519) by the key in public-key.pem.
Check it with <code>npm run evidence:verify -- bundle.zip</code> or on the Safeguards page Evidence → Verify a bundle.</p>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// PDF

const WIN_ANSI_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);
const REPLACEMENTS: Record<string, string> = { '→': '->', '←': '<-', '≤': '<=', '≥': '>=', '≠': '!=', '✓': 'v' };

/** Text the PDF standard fonts (WinAnsi) can show: other characters become their ASCII spelling or "?". */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch) || ch === '\n') out += ch;
    else out += REPLACEMENTS[ch] ?? '?';
  }
  return out;
}

/** summary.pdf as a stream (pdfkit), from the same model as the HTML. */
export function renderSummaryPdf(m: SummaryModel): NodeJS.ReadableStream {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: pdfText(`HIPAA evidence summary ${iso(m.asOf.instant)}`),
      Author: pdfText(`${m.generatedBy.name} <${m.generatedBy.email}>`),
      Creator: 'Safeguards',
      Subject: `Evidence bundle ${m.bundleId}`,
      CreationDate: m.generatedAt,
    },
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const heading = (text: string) => {
    ensure(40);
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#0f172a').text(pdfText(text), left, doc.y, { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(9.5);
  };
  const para = (text: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(pdfText(text), left, doc.y, { width, ...options });

  doc.font('Helvetica-Bold').fontSize(18).text('HIPAA evidence summary', left, doc.y, { width });
  doc.font('Helvetica').fontSize(8.5).fillColor('#475569').text(pdfText(`Safeguards evidence bundle ${m.bundleId} · format ${m.formatVersion}`), { width });
  doc.moveDown(0.6).fillColor('#0f172a').fontSize(9.5);
  const facts: [string, string][] = [
    ['As of', asOfText(m)],
    ['Generated', `${iso(m.generatedAt)} by ${m.generatedBy.name} <${m.generatedBy.email}> (${m.generatedBy.role})`],
    ...scopeLines(m),
    ['Signing key', `SHA-256 ${m.publicKeyFingerprint}`],
  ];
  for (const [k, v] of facts) {
    ensure(14);
    const y = doc.y;
    doc.font('Helvetica-Bold').text(pdfText(k), left, y, { width: 110 });
    doc.font('Helvetica').text(pdfText(v), left + 115, y, { width: width - 115 });
    doc.moveDown(0.2);
  }

  const o = m.overall;
  heading('Overall posture');
  doc.font('Helvetica-Bold').fontSize(20).text(formatScore(o.score), left, doc.y, { continued: true });
  doc.font('Helvetica').fontSize(9.5).text(`  of evaluated resource-controls pass (${o.passed} passed, ${o.failed} failed, ${o.excepted} excepted, ${o.unknown} without a verdict)`);
  doc.moveDown(0.3);
  para(CONTROL_STATUSES.map((s) => `${STATUS_WORDS[s]}: ${o.controlStatuses[s]}`).join('   ·   '));

  heading('Posture per service');
  if (m.services.length === 0) para('No resource of the scope was evaluated.');
  const labelWidth = 170;
  const barWidth = width - labelWidth - 50;
  const pdfColors = { passed: '#059669', failed: '#dc2626', excepted: '#d97706', unknown: '#94a3b8' };
  for (const s of m.services) {
    ensure(15);
    const y = doc.y;
    doc.fillColor('#0f172a').fontSize(8.5).text(pdfText(s.name), left, y + 1, { width: labelWidth - 6, height: 11, ellipsis: true, lineBreak: false });
    const total = s.passed + s.failed + s.excepted + s.unknown;
    let x = left + labelWidth;
    for (const seg of SEGMENTS) {
      const w = total === 0 ? 0 : (s[seg] / total) * barWidth;
      if (w > 0) doc.rect(x, y, w, 10).fill(pdfColors[seg]);
      x += w;
    }
    doc.fillColor('#0f172a').text(formatScore(s.score), left + labelWidth + barWidth + 6, y + 1, { lineBreak: false });
    doc.x = left;
    doc.y = y + 14;
  }
  if (m.services.length) {
    doc.moveDown(0.3).fontSize(8);
    para(`Bars: passed (green), failed (red), excepted (amber), no verdict (grey) resource-controls; the percentage is passed / (passed + failed).`);
  }

  heading(`Failing controls (${m.failingControls.length})`);
  if (m.failingControls.length === 0) para('No control fails in this scope.');
  for (const c of m.failingControls) {
    ensure(50);
    doc.font('Helvetica-Bold').fontSize(9.5);
    para(`${c.controlId} · ${c.title}`);
    doc.font('Helvetica').fontSize(8.5);
    para(`${c.serviceName} · ${c.hipaaCitations.join(', ')} · severity ${c.severity ?? '—'} · ${c.failed} failed resource(s)`);
    para(`Responsible: ${c.responsible.join(', ') || '—'} · Accountable: ${c.accountable.join(', ') || '—'}`);
    para(`Accounts: ${c.accounts.map((a) => `${a.name} (${a.id}) ${a.failed}${a.owners.length ? ` [${a.owners.join(', ')}]` : ''}`).join('; ')}`);
    doc.moveDown(0.4);
  }

  heading(`Active exclusions (${m.exclusionsTotal})`);
  if (m.exclusions.length === 0) para('No exclusion was in force.');
  for (const x of m.exclusions) {
    ensure(30);
    doc.fontSize(8.5);
    para(`${x.accountId} · ${exclusionTarget(x)} · expires ${day(x.expiresAt)} · approved by ${approvedBy(x, 'approved')}`);
    para(`Justification: ${x.justification}`, { indent: 10 });
    doc.moveDown(0.3);
  }
  if (m.exclusionsTotal > m.exclusions.length) para(`… and ${m.exclusionsTotal - m.exclusions.length} more, listed in exclusions.csv.`);

  heading(`Active attestations (${m.attestationsTotal})`);
  if (m.attestations.length === 0) para('No attestation was in force.');
  for (const a of m.attestations) {
    ensure(30);
    doc.fontSize(8.5);
    para(`${a.controlId} · for ${a.accountId ?? 'the organization'} · valid until ${day(a.validUntil)} · confirmed by ${approvedBy(a, 'confirmed')}`);
    para(a.statement, { indent: 10 });
    doc.moveDown(0.3);
  }
  if (m.attestationsTotal > m.attestations.length) para(`… and ${m.attestationsTotal - m.attestations.length} more, listed in attestations.csv.`);

  if (m.notes.length) {
    heading('Notes');
    for (const n of m.notes) para(`• ${n}`);
  }
  doc.moveDown(1).fontSize(8).fillColor('#475569');
  para('Every file of this bundle is listed with its SHA-256 in manifest.json, signed (manifest.sig, Ed25519) by the key in public-key.pem. Check it with "npm run evidence:verify -- bundle.zip" or on the Safeguards page Evidence > Verify a bundle.');
  doc.end();
  return doc;
}
