import { describe, expect, it } from 'vitest';
import { pdfText, renderSummaryHtml, renderSummaryPdf, serviceChartSvg, type SummaryModel } from './summary-report';

const model: SummaryModel = {
  formatVersion: 'safeguards-evidence/1',
  bundleId: 'b-1',
  generatedAt: new Date('2026-03-10T12:00:00Z'),
  generatedBy: { name: 'Ada <script>alert(1)</script>', email: 'ada@example.test', role: 'auditor' },
  asOf: { requested: 'now', instant: new Date('2026-03-10T12:00:00Z'), posture: 'live' },
  scope: { allAccounts: true, accounts: [{ id: '111111111111', name: 'Zoë → prod' }], services: [], controls: [], citations: [], controlCount: 2 },
  overall: { passed: 3, failed: 1, excepted: 0, unknown: 0, score: 0.75, controlStatuses: { failed: 1, passed: 1, attested: 0, excepted: 0, manual: 0, not_evaluated: 0 } },
  services: [{ serviceId: 's3', name: 'Amazon S3 & "Glacier"', passed: 3, failed: 1, excepted: 0, unknown: 0, score: 0.75, failedControls: 1 }],
  failingControls: [
    {
      controlId: 'S3-ENC-AT-REST',
      title: 'Encrypt buckets',
      serviceName: 'Amazon S3',
      hipaaCitations: ['45 CFR 164.312(a)(2)(iv)'],
      severity: 'HIGH',
      failed: 1,
      responsible: ['Platform team'],
      accountable: ['Account owner'],
      accounts: [{ id: '111111111111', name: 'Zoë → prod', failed: 1, owners: ['owner@example.test'] }],
    },
  ],
  exclusions: [],
  exclusionsTotal: 0,
  attestations: [],
  attestationsTotal: 0,
  notes: ['A note'],
  publicKeyFingerprint: 'ab'.repeat(32),
};

describe('the summary report', () => {
  it('escapes every text in the HTML and carries no script', () => {
    const html = renderSummaryHtml(model);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Ada &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Amazon S3 &amp; &quot;Glacier&quot;');
    expect(html).toContain('75%');
    expect(html).toContain('S3-ENC-AT-REST');
    expect(html).toContain('R: Platform team<br>A: Account owner');
    expect(html).toContain('owner@example.test');
  });

  it('draws one bar per service in the chart, split by status', () => {
    const svg = serviceChartSvg(model.services);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<title>3 passed</title>');
    expect(svg).toContain('<title>1 failed</title>');
  });

  it('renders a PDF from the same model', async () => {
    const chunks: Buffer[] = [];
    for await (const c of renderSummaryPdf(model) as AsyncIterable<Buffer>) chunks.push(c);
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    expect(pdf.length).toBeGreaterThan(1000);
  });

  it('keeps PDF text within what the standard fonts can show', () => {
    expect(pdfText('Zoë → prod ≤ 5 — “ok” 東京')).toBe('Zoë -> prod <= 5 — “ok” ??');
  });
});
