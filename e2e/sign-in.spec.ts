import { expect, test } from '@playwright/test';
import { seedUser, signIn } from './support';
import { LANDING_PATHS, ROLE_LABELS, ROLES } from '../src/server/auth/roles';

test.describe('sign-in and roles', () => {
  for (const role of ROLES) {
    test(`${role} lands on their start page`, async ({ page }) => {
      const user = await seedUser(role);
      await signIn(page, user);
      await expect(page).toHaveURL(new RegExp(`${LANDING_PATHS[role]}$`));
      await expect(page.getByTestId('current-user')).toContainText(ROLE_LABELS[role]);
      await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/not found|403/i);
    });
  }

  test('wrong credentials get a clear message', async ({ page }) => {
    const user = await seedUser('auditor');
    await page.goto('/signin');
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('Wrong e-mail or password.');
  });

  test('an auditor gets 403 on the user-admin page, also by direct URL', async ({ page }) => {
    const auditor = await seedUser('auditor');
    await signIn(page, auditor);
    await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
    const response = await page.goto('/admin/users');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: /403/ })).toBeVisible();
  });

  test('signed out: pages redirect to sign-in, the API answers 401', async ({ page, request }) => {
    await page.goto('/admin/users');
    await expect(page).toHaveURL(/\/signin/);
    const me = await request.get('/api/me');
    expect(me.status()).toBe(401);
    const health = await request.get('/api/health');
    expect(await health.json()).toMatchObject({ app: 'ok', database: 'ok' });
  });

  test('an admin whose account registration is refused keeps what was typed, with the error at the field', async ({ page }) => {
    const admin = await seedUser('admin');
    await signIn(page, admin);
    await page.goto('/admin/accounts');
    await page.getByLabel('Account id (12 digits)').fill('210987654321');
    await page.getByLabel('Name', { exact: true }).fill('Refused registration');
    await page.getByLabel('Read-only role ARN').fill('not-an-arn');
    await page.getByLabel('ExternalId').fill('refused-external-id');
    await page.getByLabel('Regions (comma-separated)').fill('us-east-1');
    await page.getByRole('button', { name: 'Register account' }).click();
    await expect(page.locator('#account-roleArn-error')).toHaveText(/role ARN looks like/);
    await expect(page.getByLabel('Read-only role ARN')).toHaveValue('not-an-arn');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Refused registration');
    await expect(page.getByLabel('Account id (12 digits)')).toHaveValue('210987654321');
  });

  test('an admin creates a user who can then sign in', async ({ page, browser }) => {
    const admin = await seedUser('admin');
    await signIn(page, admin);
    const email = `new-${Date.now()}@e2e.test`;
    await page.getByLabel('Name').fill('New Auditor');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Role').first().selectOption('auditor');
    await page.getByRole('button', { name: 'Create user' }).click();
    const message = page.getByRole('status').filter({ hasText: email });
    await expect(message).toBeVisible();
    const password = (await message.textContent())!.split('shown only now: ')[1].trim();

    const other = await browser.newPage();
    await signIn(other, { email, password });
    await expect(other).toHaveURL(/\/overview$/);
    await other.close();
  });
});
