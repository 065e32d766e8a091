import { expect, test } from '@playwright/test';
import { seedUser, signIn } from './support';

test.describe('security headers, cookies and CSRF', () => {
  test('pages carry a nonce-based CSP without unsafe-inline scripts, and the app still runs', async ({ page }) => {
    const response = await page.goto('/signin');
    const csp = response!.headers()['content-security-policy'];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response!.headers()['x-content-type-options']).toBe('nosniff');
    expect(response!.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(response!.headers()['x-powered-by']).toBeUndefined();
    // Hydrated React under that CSP: the sign-in form works (it is a client component).
    const user = await seedUser('auditor');
    await signIn(page, user);
  });

  test('the session cookie is HttpOnly and SameSite=Lax', async ({ page, context }) => {
    await signIn(page, await seedUser('auditor'));
    const session = (await context.cookies()).find((c) => c.name.includes('next-auth.session-token'));
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  test('a cross-site POST to the API is refused before it reaches the handler', async ({ page }) => {
    await signIn(page, await seedUser('compliance_officer'));
    const crossSite = await page.request.post('/api/sync', { data: {}, headers: { origin: 'https://evil.example' } });
    expect(crossSite.status()).toBe(403);
    expect(await crossSite.json()).toEqual({ error: 'Cross-site request refused.' });
    const sameSite = await page.request.post('/api/sync', { data: {}, headers: { origin: new URL(page.url()).origin } });
    expect(sameSite.status()).toBe(200);
  });
});
