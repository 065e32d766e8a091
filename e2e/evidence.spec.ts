import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { unzipEntries, zipEntries } from '../src/server/evidence/test-support';
import { verifyEvidenceBundle } from '../src/server/evidence/verify-evidence-bundle';
import { appDatabase, seedUser, signIn } from './support';

test.describe('evidence bundles', () => {
  test('an auditor downloads a bundle from the UI, and it verifies, offline and on the verify page', async ({ page }) => {
    test.setTimeout(180_000);
    const auditor = await seedUser('auditor', `Audrey Auditor ${Date.now()}`);
    await signIn(page, auditor);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Evidence' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Evidence bundles');
    const fingerprint = await page.getByTestId('signing-key-fingerprint').getAttribute('data-fingerprint');
    const publicKeyPem = await page.getByTestId('signing-public-key').textContent();
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);

    // A real Chromium download of the whole demo organization.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download bundle' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^safeguards-evidence-[\d-]+-[0-9a-f]{8}\.zip$/);
    const path = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(path);
    await expect(page.getByTestId('export-done')).toContainText(`Saved ${download.suggestedFilename()}`);

    const result = await verifyEvidenceBundle(path, { expectedPublicKeyPem: publicKeyPem! });
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.signedByExpectedKey).toBe(true);
    expect(result.publicKeyFingerprint).toBe(fingerprint);
    expect(result.manifest).toMatchObject({ generatedBy: { email: auditor.email, role: 'auditor' }, asOf: { requested: 'now' } });
    const findings = result.manifest!.files.find((f) => f.path === 'findings.jsonl')!;
    expect(findings.records).toBe(await appDatabase().finding.count());

    // The export is in the audit trail and listed on the page.
    const events = await appDatabase().auditEvent.findMany({ where: { action: 'evidence.export', targetId: result.manifest!.bundleId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => (e.details as { status: string }).status)).toEqual(['started', 'completed']);
    await page.reload();
    await expect(page.getByTestId('recent-exports')).toContainText(auditor.email);
    await expect(page.getByTestId('recent-exports')).toContainText((events[1].details as { manifestSha256: string }).manifestSha256);
    // "As of" a bundle of the present is the instant it was generated, to the minute.
    const instant = result.manifest!.asOf.instant;
    await expect(page.getByTestId('recent-exports')).toContainText(`${instant.slice(0, 16).replace('T', ' ')} UTC (at generation)`);

    // The verify page: the bundle as downloaded is valid; with one file changed, it names that file.
    await page.goto('/evidence/verify');
    await page.getByLabel('Evidence bundle').setInputFiles(path);
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true');
    await expect(page.getByTestId('verify-result')).toContainText('Signed by this Safeguards instance’s key.');

    const entries = await unzipEntries(await readFile(path));
    const tampered = entries.map((e) => (e.name === 'controls.csv' ? { ...e, data: Buffer.from(e.data.toString('utf8').replace('failed', 'passed')) } : e));
    const tamperedPath = test.info().outputPath('tampered.zip');
    await writeFile(tamperedPath, await zipEntries(tampered));
    await page.getByLabel('Evidence bundle').setInputFiles(tamperedPath);
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'false');
    await expect(page.getByTestId('verify-problems')).toContainText('controls.csv');
    await expect(page.getByTestId('verify-problems')).toContainText('the file was changed');
  });

  test('a bad scope is refused with a message before any download starts', async ({ page }) => {
    await signIn(page, await seedUser('compliance_officer'));
    const response = await page.request.get('/api/evidence/bundle?account=123&asOf=2020-02-30');
    expect(response.status()).toBe(400);
    expect((await response.json()).error).toBe('accounts.0: An AWS account id has 12 digits.');
    const future = await page.request.get('/api/evidence/bundle?asOf=2999-01-01');
    expect(future.status()).toBe(400);
    expect((await future.json()).error).toMatch(/in the future/);
  });

  test('an account owner gets 403 on the evidence pages, the bundle, the key and the verifier', async ({ page }) => {
    await signIn(page, await seedUser('account_owner'));
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Evidence' })).toHaveCount(0);
    expect((await page.goto('/evidence'))?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: '403 · Not allowed' })).toBeVisible();
    expect((await page.goto('/evidence/verify'))?.status()).toBe(403);
    const bundle = await page.request.get('/api/evidence/bundle');
    expect(bundle.status()).toBe(403);
    expect(bundle.headers()['content-type']).toContain('application/json');
    expect((await page.request.get('/api/evidence/public-key')).status()).toBe(403);
    const verify = await page.request.post('/api/evidence/verify', { multipart: { bundle: { name: 'b.zip', mimeType: 'application/zip', buffer: Buffer.from('PK') } } });
    expect(verify.status()).toBe(403);
  });

  test('signed out, the bundle URL answers 401', async ({ request }) => {
    expect((await request.get('/api/evidence/bundle')).status()).toBe(401);
  });
});
