import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { appDatabase, seedUser, signIn, type SeededUser } from './support';
import { controlsForSecurityHubControl, isManual } from '../src/server/catalog';

/** A failing resource of the (synced) demo organization whose check maps to an automated control. */
async function failingResource() {
  const findings = await appDatabase().finding.findMany({
    where: { complianceStatus: 'FAILED', recordState: 'ACTIVE', securityControlId: { not: null } },
    orderBy: { id: 'asc' },
    take: 500,
  });
  for (const finding of findings) {
    const control = controlsForSecurityHubControl(finding.securityControlId!).find((c) => !isManual(c));
    if (control) return { finding, control };
  }
  throw new Error('The demo organization has no failing resource with a mapped control.');
}

async function ownerOf(accountId: string, label: string): Promise<SeededUser & { name: string }> {
  const name = `${label} ${randomBytes(3).toString('hex')}`;
  const user = await seedUser('account_owner', name);
  await appDatabase().accountOwner.create({ data: { userId: user.id, accountId } });
  return { ...user, name };
}

async function signedInPage(browser: Browser, user: SeededUser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  return page;
}

test.describe('exclusions', () => {
  test('one owner requests, the requester cannot approve (not even by a forged call), another owner approves', async ({ browser }) => {
    const { finding, control } = await failingResource();
    const ownerA = await ownerOf(finding.accountId, 'Owner A');
    const ownerB = await ownerOf(finding.accountId, 'Owner B');

    // A requests an exclusion from the failing resource (the link other pages use).
    const a = await signedInPage(browser, ownerA);
    const query = new URLSearchParams({
      accountId: finding.accountId,
      resourceId: finding.resourceId,
      resourceType: finding.resourceType,
      controlId: control.id,
      serviceId: control.serviceId,
    });
    await a.goto(`/exclusions/new?${query}`);
    await expect(a.getByLabel('Resource (ARN or resource id)')).toHaveValue(finding.resourceId);
    await expect(a.getByLabel('Control', { exact: true })).toHaveValue(control.id);
    // The server refuses a request without a justification, with a clear message.
    await a.getByLabel(/Justification/).fill('short');
    await a.getByLabel(/Justification/).evaluate((el) => el.removeAttribute('minlength'));
    await a.getByRole('button', { name: 'Request exclusion' }).click();
    await expect(a.getByText(/at least 10 characters/).first()).toBeVisible();

    await a.getByLabel(/Justification/).fill('Load-test queue: carries synthetic messages only, never PHI.');
    await a.getByLabel(/I attest that this resource stores or transmits no PHI or PII/).check();
    await a.getByLabel(/Ticket reference/).fill('SEC-42');
    await a.getByRole('button', { name: 'Request exclusion' }).click();
    await expect(a).toHaveURL(/\/exclusions\/[0-9a-f-]{36}$/);
    const exclusionId = a.url().split('/').pop()!;
    await expect(a.getByTestId('exclusion-status')).toContainText('Pending approval');

    // The requester gets no approve button, and the server refuses a forged approval.
    await expect(a.getByTestId('own-request-note')).toBeVisible();
    await expect(a.getByRole('button', { name: 'Approve exclusion' })).toHaveCount(0);
    const forged = await a.request.post(`/api/exclusions/${exclusionId}/decision`, { data: { decision: 'approve' } });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).error).toMatch(/another person must decide/);
    const invalid = await a.request.post(`/api/exclusions/${exclusionId}/decision`, { data: { decision: 'maybe' } });
    expect(invalid.status()).toBe(400);
    expect((await appDatabase().exclusion.findUniqueOrThrow({ where: { id: exclusionId } })).status).toBe('pending');

    // An owner of another account neither sees it nor can decide it.
    const stranger = await seedUser('account_owner', 'Stranger');
    const s = await signedInPage(browser, stranger);
    expect((await s.goto(`/exclusions/${exclusionId}`))?.status()).toBe(404);
    expect((await s.request.post(`/api/exclusions/${exclusionId}/decision`, { data: { decision: 'approve' } })).status()).toBe(404);

    // B finds it in the inbox and approves it.
    const b = await signedInPage(browser, ownerB);
    await b.getByRole('link', { name: 'Exclusions', exact: true }).click();
    const inbox = b.getByTestId('exclusion-inbox');
    await expect(inbox.getByRole('heading', { name: /Waiting for your decision/ })).toBeVisible();
    await inbox.locator(`[data-exclusion-id="${exclusionId}"]`).getByRole('link').click();
    await expect(b).toHaveURL(new RegExp(`/exclusions/${exclusionId}$`));
    await b.getByRole('button', { name: 'Approve exclusion' }).click();
    await expect(b.getByTestId('exclusion-status')).toContainText('Approved');

    // The history names both, and the requester sees the approval too.
    const history = b.getByTestId('exclusion-history');
    await expect(history.getByRole('listitem')).toHaveCount(2);
    await expect(history.getByRole('listitem').nth(0)).toContainText(`Requested by ${ownerA.name}`);
    await expect(history.getByRole('listitem').nth(1)).toContainText(`Approved by ${ownerB.name}`);
    await a.reload();
    await expect(a.getByTestId('exclusion-status')).toContainText('Approved');

    // A decision on a decided exclusion is a conflict that names who decided.
    const again = await b.request.post(`/api/exclusions/${exclusionId}/decision`, { data: { decision: 'reject', reason: 'second thoughts' } });
    expect(again.status()).toBe(409);
    expect((await again.json()).error).toContain(`already approved by ${ownerB.name}`);
  });

  test('an auditor sees exclusions and changes nothing', async ({ page }) => {
    const auditor = await seedUser('auditor');
    await signIn(page, auditor);
    await page.getByRole('link', { name: 'Exclusions', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Exclusions', level: 1 })).toBeVisible();
    expect((await page.goto('/exclusions/new'))?.status()).toBe(403);
    const forged = await page.request.post('/api/exclusions', { data: { accountId: '123456789012', scope: 'resource_control' } });
    expect(forged.status()).toBe(403);
  });
});

test.describe('attestations', () => {
  test('an officer records one with a file; the author cannot confirm it; a second officer does', async ({ browser }) => {
    const suffix = randomBytes(3).toString('hex');
    const author = await seedUser('compliance_officer', `Officer One ${suffix}`);
    const second = await seedUser('compliance_officer', `Officer Two ${suffix}`);
    const evidence = Buffer.from('Workforce HIPAA training completed by all staff on 2025-05-01.\n');

    const a = await signedInPage(browser, author);
    await a.getByRole('link', { name: 'Attestations', exact: true }).click();
    await a.getByLabel('Manual control', { exact: true }).selectOption('SQS-KEY-MANAGEMENT');
    await a.getByLabel('Scope', { exact: true }).selectOption('');
    await a.getByLabel(/Statement/).fill('Key policies of every queue key are reviewed each quarter.');
    // Checked by content, not by name: a ZIP archive named .pdf is refused.
    await a.getByLabel(/Evidence file/).setInputFiles({ name: 'policy.pdf', mimeType: 'application/pdf', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) });
    await a.getByRole('button', { name: 'Record attestation' }).click();
    await expect(a.getByRole('alert').filter({ hasText: /not a PDF, PNG, JPEG or plain-text file/ }).first()).toBeVisible();

    await a.getByLabel(/Evidence file/).setInputFiles({ name: 'training.txt', mimeType: 'text/plain', buffer: evidence });
    await a.getByRole('button', { name: 'Record attestation' }).click();
    await expect(a).toHaveURL(/\/attestations\/[0-9a-f-]{36}$/);
    const attestationId = a.url().split('/').pop()!;
    await expect(a.getByTestId('attestation-status')).toContainText('Awaiting confirmation');
    await expect(a.getByRole('button', { name: 'Confirm attestation' })).toHaveCount(0);
    const forged = await a.request.post(`/api/attestations/${attestationId}/decision`, { data: { decision: 'confirm' } });
    expect(forged.status()).toBe(403);

    const b = await signedInPage(browser, second);
    await b.goto(`/attestations/${attestationId}`);
    await b.getByRole('button', { name: 'Confirm attestation' }).click();
    await expect(b.getByTestId('attestation-status')).toContainText('Confirmed');
    const history = b.getByTestId('attestation-history');
    await expect(history.getByRole('listitem').nth(0)).toContainText(`Recorded by Officer One ${suffix}`);
    await expect(history.getByRole('listitem').nth(1)).toContainText(`Confirmed by Officer Two ${suffix}`);

    const download = await b.request.get(`/api/attestations/${attestationId}/file`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('text/plain');
    expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="training.txt"/);
    expect(Buffer.compare(await download.body(), evidence)).toBe(0);
  });
});
