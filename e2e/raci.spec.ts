import { expect, test } from '@playwright/test';
import { appDatabase, seedUser, signIn } from './support';

const yesterday = () => new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

test.describe('RACI matrix and catalog', () => {
  test('a compliance officer changes a control’s letters and sees them with a history entry', async ({ page }) => {
    const name = `Olivia Officer ${Date.now()}`;
    const officer = await seedUser('compliance_officer', name);
    await signIn(page, officer);
    await page.goto('/catalog/controls/SQS-ENC-IN-TRANSIT');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('SQS-ENC-IN-TRANSIT');
    await expect(page.getByTestId('raci-aws')).toHaveAttribute('data-letters', '');
    await expect(page.getByTestId('raci-account-owner')).toHaveAttribute('data-letters', 'RA');

    // A second Accountable party is refused in the form, and what was typed stays.
    const awsLetters = page.getByLabel('AWS', { exact: true });
    await awsLetters.fill('a');
    await page.getByLabel('Why (kept in the history)').fill('AWS is told about transit-encryption findings');
    await page.getByRole('button', { name: 'Save RACI' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('would have 2 Accountable parties');
    await expect(awsLetters).toHaveValue('a');
    await expect(page.getByTestId('raci-aws')).toHaveAttribute('data-letters', '');

    await awsLetters.fill('i');
    await page.getByRole('button', { name: 'Save RACI' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toContainText('AWS not involved → I');
    await expect(page.getByTestId('raci-aws')).toHaveAttribute('data-letters', 'I');
    const entry = page.getByTestId('raci-history').getByRole('listitem').first();
    await expect(entry).toContainText(name);
    await expect(entry).toContainText('AWS is told about transit-encryption findings');
    await expect(entry).toContainText('AWS: not involved → I');

    // The matrix as of yesterday still shows the old letters; today's shows the new ones.
    await page.goto(`/catalog/controls/SQS-ENC-IN-TRANSIT?asOf=${yesterday()}`);
    await expect(page.getByTestId('raci-aws')).toHaveAttribute('data-letters', '');
    const matrix = await page.request.get('/api/raci');
    expect(matrix.status()).toBe(200);
    expect((await matrix.json()).matrix['SQS-ENC-IN-TRANSIT']).toEqual({ aws: 'I', platform: 'C', 'account-owner': 'RA' });

    // Through the API, invalid letters get a 400 with a message.
    const invalid = await page.request.post('/api/raci/changes', {
      data: { controlId: 'SQS-ENC-IN-TRANSIT', partyId: 'platform', letters: 'CX', reason: 'typo' },
    });
    expect(invalid.status()).toBe(400);
    expect((await invalid.json()).error).toMatch(/"X" is not one of R, A, C, I/);
  });

  test('an auditor sees a control read-only, and a forged change gets 403', async ({ page }) => {
    const auditor = await seedUser('auditor');
    await signIn(page, auditor);
    await page.goto('/catalog/controls/S3-ENC-AT-REST');
    await expect(page.getByRole('heading', { name: 'Shared responsibility (RACI)' })).toBeVisible();
    await expect(page.getByTestId('raci-platform')).toHaveAttribute('data-letters', 'RA');
    await expect(page.getByText('Read-only: compliance officers change the RACI matrix.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save RACI' })).toHaveCount(0);
    await expect(page.getByLabel('Why (kept in the history)')).toHaveCount(0);

    const before = await appDatabase().raciChange.count();
    const forged = await page.request.post('/api/raci/changes', {
      data: { controlId: 'S3-ENC-AT-REST', letters: { platform: 'R', aws: 'A' }, reason: 'forged by an auditor' },
    });
    expect(forged.status()).toBe(403);
    expect(await appDatabase().raciChange.count()).toBe(before);

    // Reading the matrix is fine; a bad date is a 400.
    expect((await page.request.get('/api/raci')).status()).toBe(200);
    const badDate = await page.request.get('/api/raci?asOf=2024-02-30');
    expect(badDate.status()).toBe(400);
    expect((await badDate.json()).error).toMatch(/Use a date like/);
    await page.goto('/raci');
    await expect(page.getByRole('heading', { name: 'Parties' })).toHaveCount(0);
  });

  test('catalog search by a Security Hub control id finds the control', async ({ page }) => {
    const owner = await seedUser('account_owner');
    await signIn(page, owner);
    await page.getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('S3.5');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page).toHaveURL(/\/catalog\?q=S3\.5$/);
    const result = page.getByRole('row').filter({ hasText: 'S3-ENC-IN-TRANSIT' });
    await expect(result).toContainText('Security Hub control');
    await result.getByRole('link', { name: 'S3-ENC-IN-TRANSIT' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('S3-ENC-IN-TRANSIT');
    await expect(page.getByText('S3.5', { exact: true })).toBeVisible();
    await expect(page.getByText('S3_BUCKET_SSL_REQUESTS_ONLY', { exact: true })).toBeVisible();
  });

  test('signed out, the RACI API answers 401', async ({ request }) => {
    expect((await request.get('/api/raci')).status()).toBe(401);
    expect((await request.post('/api/raci/changes', { data: {} })).status()).toBe(401);
  });
});
