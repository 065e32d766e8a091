import { expect, test } from '@playwright/test';
import { appDatabase, seedUser, signIn } from './support';

test.describe('sync of the demo organization', () => {
  test('the demo organization is synced at start and the Sync status page shows it', async ({ page }) => {
    const officer = await seedUser('compliance_officer');
    await signIn(page, officer);
    await page.getByRole('link', { name: 'Sync status' }).click();
    const expectedRows = (await appDatabase().awsAccount.findMany()).reduce((n, a) => n + a.regions.length * 2, 0);
    expect(expectedRows).toBeGreaterThan(0);
    await expect(page.getByTestId('sync-summary')).toHaveText(`${expectedRows} of ${expectedRows} healthy`);
  });

  test('an account owner sees only their accounts, and cannot sync another one', async ({ page }) => {
    const [mine, other] = await appDatabase().awsAccount.findMany({ orderBy: { id: 'asc' }, take: 2 });
    const owner = await seedUser('account_owner');
    await appDatabase().accountOwner.create({ data: { userId: owner.id, accountId: mine.id } });
    await signIn(page, owner);
    await page.goto('/sync');
    await expect(page.getByRole('heading', { name: new RegExp(mine.name) })).toBeVisible();
    await expect(page.getByRole('heading', { name: new RegExp(other.name) })).toHaveCount(0);

    const forged = await page.request.post('/api/sync', { data: { accountId: other.id } });
    expect(forged.status()).toBe(404);
    const bad = await page.request.post('/api/sync', { data: { accountId: 'not-an-id' } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatch(/12 digits/);
    const ok = await page.request.post('/api/sync', { data: { accountId: mine.id } });
    expect(ok.status()).toBe(200);
    expect(await ok.json()).toMatchObject({ accountRegions: mine.regions.length });
  });

  test("an owner's \u201cSync now\u201d answers next to that account, and its rows update without a reload", async ({ page }) => {
    const [mine] = await appDatabase().awsAccount.findMany({ orderBy: { id: 'asc' }, take: 1 });
    const owner = await seedUser('account_owner');
    await appDatabase().accountOwner.create({ data: { userId: owner.id, accountId: mine.id } });
    await signIn(page, owner);
    await page.goto('/sync');
    const section = page.getByRole('region', { name: new RegExp(mine.name) });
    const lastGood = section.getByTestId(`sync-row-${mine.id}-${mine.regions[0]}-securityhub`).locator('td').nth(3);
    await expect(lastGood).not.toHaveText('—');
    const before = await lastGood.textContent();
    // Last good syncs are shown to the second: make sure the new one is a later second.
    await page.waitForTimeout(1100);
    await section.getByRole('button', { name: 'Sync now' }).click();
    await expect(section.getByRole('status')).toHaveText(new RegExp(`^Queued \\d+ of ${mine.regions.length} account-regions`));
    await expect(page.getByTestId('sync-summary').locator('..').getByRole('status')).toHaveCount(0);
    await expect(lastGood).not.toHaveText(before!, { timeout: 30_000 });
  });

  test('an admin tests access to an account through AssumeRole', async ({ page }) => {
    const admin = await seedUser('admin');
    await signIn(page, admin);
    await page.getByRole('link', { name: 'AWS accounts' }).click();
    const first = page.getByRole('article').first();
    await first.getByRole('button', { name: 'Test access' }).click();
    await expect(first.getByRole('status')).toContainText('Access works: arn:aws:sts::');
  });

  test('an auditor cannot register accounts, even with a forged call', async ({ page }) => {
    const auditor = await seedUser('auditor');
    await signIn(page, auditor);
    expect((await page.goto('/admin/accounts'))?.status()).toBe(403);
    const forged = await page.request.post('/api/accounts', {
      data: { id: '123456789012', name: 'x', roleArn: 'arn:aws:iam::123456789012:role/x', externalId: 'xx', regions: ['us-east-1'] },
    });
    expect(forged.status()).toBe(403);
  });
});
