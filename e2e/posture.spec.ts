// Posture pages on the synced demo organization. The numbers on the pages are checked
// against the database through an independent SQL reading of the posture rules
// (src/server/posture/RULES.md), not through the app's own evaluation code.
import { expect, test, type Page } from '@playwright/test';
import { catalog2022, findControl, findService } from '../src/server/catalog';
import { writePostureSnapshot } from '../src/server/posture/snapshots';
import { DEFAULT_FAILING_LIMITS } from '../src/server/posture/posture-views';
import { appDatabase, seedUser, signIn } from './support';

interface Counts {
  passed: number;
  failed: number;
  excepted: number;
  unknown: number;
}

/** Resource-control counts straight from the synced tables, per RULES.md, for some controls and optionally one account. */
async function countsFromDatabase(controlIds: readonly string[], accountId: string | null = null): Promise<Counts> {
  const rows: { control: string; service: string; source: string; key: string }[] = [];
  for (const id of controlIds) {
    const control = findControl(id)!;
    for (const key of control.evidence.securityHubControlIds) rows.push({ control: id, service: control.serviceId, source: 'securityhub', key });
    for (const key of control.evidence.configRuleIdentifiers) rows.push({ control: id, service: control.serviceId, source: 'config', key });
  }
  const [counts] = await appDatabase().$queryRaw<Counts[]>`
    WITH mapping AS (
      SELECT * FROM unnest(${rows.map((r) => r.control)}::text[], ${rows.map((r) => r.service)}::text[], ${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.key)}::text[])
        AS m(control_id, service_id, source, evidence_key)
    ),
    records AS (
      SELECT 'securityhub' AS source, security_control_id AS evidence_key, id AS record_id, account_id, region, resource_id, aws_updated_at AS observed_at,
             CASE upper(trim(coalesce(compliance_status, ''))) WHEN 'PASSED' THEN 1 WHEN 'FAILED' THEN 3 ELSE 2 END AS outcome
      FROM findings WHERE record_state <> 'ARCHIVED'
      UNION ALL
      SELECT 'config', r.source_identifier, e.account_id || '/' || e.region || '/' || e.rule_name || '/' || e.resource_type || '/' || e.resource_id,
             e.account_id, e.region, coalesce(e.resource_arn, e.resource_type || '/' || e.resource_id), e.result_recorded_at,
             CASE upper(trim(e.compliance_type)) WHEN 'COMPLIANT' THEN 1 WHEN 'NON_COMPLIANT' THEN 3 WHEN 'NOT_APPLICABLE' THEN 0 ELSE 2 END
      FROM config_evaluations e JOIN config_rules r ON r.account_id = e.account_id AND r.region = e.region AND r.name = e.rule_name
      WHERE e.resolved_at IS NULL
    ),
    ranked AS (
      SELECT rec.*, row_number() OVER (PARTITION BY account_id, region, resource_id, rec.source, rec.evidence_key
                                       ORDER BY observed_at DESC, outcome DESC, record_id COLLATE "C" ASC) AS rn
      FROM records rec WHERE EXISTS (SELECT 1 FROM mapping m WHERE m.source = rec.source AND m.evidence_key = rec.evidence_key)
    ),
    resource_controls AS (
      SELECT m.control_id, m.service_id, c.account_id, c.resource_id, max(c.outcome) AS outcome
      FROM ranked c JOIN mapping m ON m.source = c.source AND m.evidence_key = c.evidence_key
      WHERE c.rn = 1 AND c.outcome > 0
      GROUP BY 1, 2, 3, 4
    ),
    statuses AS (
      SELECT rc.account_id,
             CASE WHEN rc.outcome = 3 AND EXISTS (
                    SELECT 1 FROM exclusions x WHERE x.status = 'approved' AND x.expires_at > now() AND x.account_id = rc.account_id
                      AND (x.resource_id IS NULL OR x.resource_id = rc.resource_id)
                      AND CASE WHEN x.control_id IS NULL THEN x.service_id = rc.service_id ELSE x.control_id = rc.control_id END)
                  THEN 'excepted'
                  WHEN rc.outcome = 3 THEN 'failed' WHEN rc.outcome = 2 THEN 'unknown' ELSE 'passed' END AS status
      FROM resource_controls rc
    )
    SELECT count(*) FILTER (WHERE status = 'passed')::int AS passed, count(*) FILTER (WHERE status = 'failed')::int AS failed,
           count(*) FILTER (WHERE status = 'excepted')::int AS excepted, count(*) FILTER (WHERE status = 'unknown')::int AS unknown
    FROM statuses WHERE ${accountId}::text IS NULL OR account_id = ${accountId}::text`;
  return counts;
}

const percent = (c: Counts) => `${Math.floor((c.passed / (c.passed + c.failed)) * 1000) / 10}%`;
const allControlIds = catalog2022.services.flatMap((s) => s.controls.map((c) => c.id));
const accounts = () => appDatabase().awsAccount.findMany({ orderBy: { id: 'asc' } });

async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
}

test.describe('posture pages', () => {
  test.beforeAll(async () => {
    // History for the trend charts (the worker writes these after each sync and daily).
    const day = 24 * 60 * 60 * 1000;
    for (const ago of [6, 3, 1, 0]) await writePostureSnapshot(appDatabase(), { asOf: new Date(Date.now() - ago * day) });
  });

  test('a compliance officer goes overview → heatmap cell → service → control → failing resource, and the numbers match the database', async ({ page }) => {
    test.setTimeout(120_000);
    const officer = await seedUser('compliance_officer');
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, officer);
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await expect(page).toHaveURL(/\/overview$/);

    const organization = await countsFromDatabase(allControlIds);
    // The first page of a fresh server evaluates the whole organization: give it time.
    await expect(page.getByTestId('overview-score')).toHaveText(percent(organization), { timeout: 30_000 });
    await expect(page.getByTestId('overview-failed')).toHaveText(organization.failed.toLocaleString('en-US'));
    await expect(page.getByTestId('overview-accounts')).toHaveText(String((await accounts()).length));
    await expect(page.getByTestId('sync-failing-none')).toBeVisible();
    await expect(page.getByTestId('last-sync')).not.toHaveText('never');
    await expect(page.getByTestId('overview-trend')).toBeVisible();
    await expect(page.getByTestId('worst-services').getByRole('listitem')).not.toHaveCount(0);
    // The heatmap's cells are drawn in the browser: wait for them before the screenshot.
    await expect(page.getByTestId('heatmap')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('overview.png'), fullPage: true });

    // The heatmap cell of Amazon S3 in the weakest account, opened from the keyboard.
    const s3 = findService('s3')!;
    const legacy = (await accounts()).find((a) => a.name === 'Legacy EHR Integration')!;
    const s3InLegacy = await countsFromDatabase(s3.controls.map((c) => c.id), legacy.id);
    expect(s3InLegacy.failed).toBeGreaterThan(0);
    const cell = page.getByTestId(`heatmap-cell-s3-${legacy.id}`);
    await expect(cell).toHaveAttribute('data-failed', String(s3InLegacy.failed));
    await expect(cell).toContainText(percent(s3InLegacy));
    await cell.focus();
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(new RegExp(`/services/s3\\?accountId=${legacy.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Amazon S3 in ${legacy.name}`);
    await expect(page.getByTestId('service-failed')).toHaveText(String(s3InLegacy.failed));
    await expect(page.getByTestId('service-score')).toHaveText(percent(s3InLegacy));
    await expect(page.getByTestId('service-guidance')).toContainText(s3.summary);

    // Each control row against the database; then on to the control failing most.
    await expect(page.getByTestId('controls-table').locator('tbody tr')).toHaveCount(s3.controls.length);
    let worst = { id: '', failed: 0 };
    for (const control of s3.controls) {
      const counts = await countsFromDatabase([control.id], legacy.id);
      const row = page.locator(`tr[data-control="${control.id}"]`);
      await expect(row.getByTestId('control-failed')).toHaveText(String(counts.failed));
      await expect(row.getByTestId('control-passed')).toHaveText(String(counts.passed));
      if (counts.failed > worst.failed) worst = { id: control.id, failed: counts.failed };
    }
    const control = findControl(worst.id)!;
    await expect(page.locator(`tr[data-control="${control.id}"]`)).toContainText(control.hipaaCitations[0]);
    await expect(page.getByTestId('failing-resources').getByTestId('remediation').first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('service.png'), fullPage: true });

    await page.locator(`tr[data-control="${control.id}"]`).getByRole('link', { name: control.id }).click();
    await expect(page).toHaveURL(new RegExp(`/controls/${control.id}\\?accountId=${legacy.id}$`));
    await expect(page.getByTestId('control-failed-count')).toHaveText(String(worst.failed));
    await expect(page.getByTestId('must-act')).toContainText('Responsible:');
    await expect(page.getByTestId('control-citations')).toContainText(control.hipaaCitations[0]);
    const resources = page.getByTestId('failing-resources').getByTestId('failing-resource');
    // Each region lists its first resources (DEFAULT_FAILING_LIMITS.perRegion) and its total.
    const regionTotals = await page.getByTestId('failing-resources').getByTestId('region-total').allTextContents();
    expect(regionTotals.map(Number).reduce((a, b) => a + b, 0)).toBe(worst.failed);
    await expect(resources).toHaveCount(regionTotals.map(Number).reduce((n, total) => n + Math.min(total, DEFAULT_FAILING_LIMITS.perRegion), 0));
    const first = resources.first();
    const resourceId = (await first.getAttribute('data-resource'))!;
    await expect(first.getByTestId('finding-title').first()).not.toBeEmpty();

    await first.getByRole('link', { name: resourceId }).click();
    await expect(page).toHaveURL(/\/findings\?/);
    expect(new URL(page.url()).searchParams.get('resource')).toBe(resourceId);
    const findings = await appDatabase().finding.count({
      where: { accountId: legacy.id, resourceId, recordState: 'ACTIVE', securityControlId: { in: control.evidence.securityHubControlIds } },
    });
    await expect(page.getByTestId('explorer-total')).toHaveAttribute('data-total', String(findings));
    if (findings > 0) await expect(page.getByTestId('finding-row').first()).toContainText(resourceId);
  });

  test('collapsed failing-resource lists are read when opened: a service’s accounts, an account’s regions', async ({ page }) => {
    const officer = await seedUser('compliance_officer');
    await signIn(page, officer);
    const s3 = findService('s3')!;
    const s3Controls = s3.controls.map((c) => c.id);
    const failingAccounts: { id: string; name: string; failed: number }[] = [];
    for (const account of await accounts()) {
      const { failed } = await countsFromDatabase(s3Controls, account.id);
      if (failed > 0) failingAccounts.push({ id: account.id, name: account.name, failed });
    }
    expect(failingAccounts.length).toBeGreaterThan(2);

    await page.goto('/services/s3');
    const groups = page.getByTestId('failing-resources').locator('details[data-account]');
    await expect(groups).toHaveCount(Math.min(failingAccounts.length, DEFAULT_FAILING_LIMITS.accounts));
    const first = failingAccounts[0];
    const group = page.locator(`details[data-account="${first.id}"]`);
    await expect(group).not.toHaveAttribute('open');
    await expect(group.locator('summary')).toContainText(`${first.failed} failed`);
    await expect(group.getByTestId('failing-resource')).toHaveCount(0);
    await group.locator('summary').click();
    // The list is read when opened: its regions arrive together, in one response.
    await expect(group.getByTestId('region-total').first()).toBeVisible();
    const totals = (await group.getByTestId('region-total').allTextContents()).map(Number);
    expect(totals.length).toBeGreaterThan(0);
    await expect(group.getByTestId('failing-resource')).toHaveCount(totals.reduce((n, total) => n + Math.min(total, DEFAULT_FAILING_LIMITS.perRegion), 0));
    await expect(group.getByTestId('finding-title').first()).not.toBeEmpty();

    // The account page: one collapsed list per region, with its count of failing resources.
    await page.goto(`/accounts/${first.id}`);
    const regions = page.getByTestId('failing-region');
    await expect(regions).not.toHaveCount(0);
    const region = regions.first();
    const resources = Number(await region.getByTestId('failing-region-total').textContent());
    await region.locator('summary').click();
    await expect(region.getByTestId('failing-resource')).toHaveCount(Math.min(resources, DEFAULT_FAILING_LIMITS.perRegion));
    await expect(region.getByTestId('region-total')).toHaveText(String(resources));
  });

  test('an account owner sees only their accounts, and another account’s pages are not found', async ({ page }) => {
    const [mine, other] = await accounts();
    const owner = await seedUser('account_owner');
    await appDatabase().accountOwner.create({ data: { userId: owner.id, accountId: mine.id } });
    await signIn(page, owner);

    await page.goto('/overview');
    const heatmapAccounts = page.getByTestId('heatmap').locator('thead th').filter({ hasText: /\d{12}/ });
    await expect(heatmapAccounts).toHaveCount(1, { timeout: 30_000 });
    await expect(heatmapAccounts).toContainText(mine.id);
    await expect(page.getByTestId('overview-score')).toHaveText(percent(await countsFromDatabase(allControlIds, mine.id)));
    await expect(page.getByTestId('overview-accounts')).toHaveText('1');

    await page.goto('/accounts');
    await page.getByRole('link', { name: mine.name }).click();
    await expect(page).toHaveURL(new RegExp(`/accounts/${mine.id}$`));
    await expect(page.getByTestId('account-failed')).toHaveText((await countsFromDatabase(allControlIds, mine.id)).failed.toLocaleString('en-US'));
    await expect(page.getByTestId('account-sync')).toBeVisible();
    // The most urgent failing controls first; every control one link away.
    const failingControls = Number(await page.getByTestId('account-failing-controls').textContent());
    const listed = page.getByRole('table', { name: /^Failing controls of/ }).locator('tbody tr');
    await expect(listed).toHaveCount(Math.min(failingControls, 25));
    await page.getByTestId('all-controls-link').getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/accounts/${mine.id}\\?controls=all#controls$`));
    await expect(listed).toHaveCount(failingControls);
    await expect(page.getByText(/^Other automated controls \(\d+\)$/)).toBeVisible();

    await expectNotFound(page, `/accounts/${other.id}`);
    await expectNotFound(page, `/services/s3?accountId=${other.id}`);
    await expectNotFound(page, `/controls/S3-ENC-AT-REST?accountId=${other.id}`);
    await expectNotFound(page, '/accounts/not-an-account');

    // The explorer and its API only ever return the owner's account.
    const forged = await page.request.get(`/api/findings?account=${other.id}&state=all`);
    expect(forged.status()).toBe(200);
    expect((await forged.json()).total).toBe(0);
    const all = await (await page.request.get('/api/findings?state=all&size=100')).json();
    expect(all.total).toBe(await appDatabase().finding.count({ where: { accountId: mine.id } }));
    expect(new Set(all.rows.map((r: { accountId: string }) => r.accountId))).toEqual(new Set([mine.id]));
    const csv = await (await page.request.get(`/api/findings.csv?account=${other.id}`)).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1);
    await page.goto('/findings');
    await expect(page.getByLabel('Account').locator('option')).toHaveCount(2);
  });

  test('the findings explorer keeps its filters in the URL: they survive a reload, and the CSV is the same view', async ({ page }) => {
    const auditor = await seedUser('auditor');
    await signIn(page, auditor);
    await page.getByRole('link', { name: 'Findings' }).click();
    await expect(page.getByTestId('explorer-total')).toBeVisible();

    const [first] = await accounts();
    await page.getByLabel('Status').selectOption('FAILED');
    await expect(page).toHaveURL(/status=FAILED/);
    await page.getByLabel('Account').selectOption(first.id);
    await expect(page).toHaveURL(new RegExp(`account=${first.id}`));
    await page.getByRole('checkbox', { name: 'High' }).check();
    await expect(page).toHaveURL(/severity=HIGH/);
    await page.getByRole('checkbox', { name: 'Medium' }).check();
    await expect(page).toHaveURL(/severity=HIGH(%2C|,)MEDIUM/);
    await page.getByRole('button', { name: 'Region', exact: true }).click();
    await expect(page).toHaveURL(/sort=region/);

    const expected = await appDatabase().finding.count({ where: { accountId: first.id, complianceStatus: 'FAILED', severity: { in: ['HIGH', 'MEDIUM'] }, recordState: 'ACTIVE' } });
    expect(expected).toBeGreaterThan(0);
    await expect(page.getByTestId('explorer-total')).toHaveAttribute('data-total', String(expected));

    if (expected > 25) {
      await page.getByLabel('Per page').selectOption('25');
      await expect(page).toHaveURL(/size=25/);
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(page).toHaveURL(/page=2/);
      await expect(page.getByTestId('explorer-page')).toHaveText(`Page 2 of ${Math.ceil(expected / 25)}`);
    }
    const url = page.url();

    await page.reload();
    expect(page.url()).toBe(url);
    await expect(page.getByLabel('Status')).toHaveValue('FAILED');
    await expect(page.getByLabel('Account')).toHaveValue(first.id);
    await expect(page.getByRole('checkbox', { name: 'High' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Critical' })).not.toBeChecked();
    await expect(page.getByTestId('explorer-total')).toHaveAttribute('data-total', String(expected));
    if (expected > 25) await expect(page.getByTestId('explorer-page')).toHaveText(`Page 2 of ${Math.ceil(expected / 25)}`);
    await expect(page.getByTestId('finding-row').first()).toContainText(first.id);

    // The CSV of this view: every page of it, header first.
    const href = await page.getByTestId('csv-download').getAttribute('href');
    expect(href).toContain('status=FAILED');
    expect(href).not.toContain('page=');
    const response = await page.request.get(href!);
    expect(response.headers()['content-type']).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^Account,Region,Product,/);
    expect(lines).toHaveLength(expected + 1);
    expect(lines.slice(1).every((line) => line.startsWith(`${first.id},`))).toBe(true);

    // Back moves to the previous view without reloading the page.
    if (expected > 25) {
      await page.goBack();
      await expect(page.getByTestId('explorer-page')).toHaveText(`Page 1 of ${Math.ceil(expected / 25)}`);
    }
  });
});
