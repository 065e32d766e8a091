// The authorization matrix: every page and route handler × every role (and signed out),
// with the outcome expected, walked against the running app. A new page or route that is
// not in the table fails the coverage test, so nothing ships unlisted.
// Server actions are covered through the same permission checks (runAction) and the
// domain's own checks, which the integration tests exercise with forged actors.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { appDatabase, seedUser, signIn, type SeededUser } from './support';
import type { Role } from '../src/server/auth/roles';

type Who = Role | 'signed_out';
/** ok: 2xx · invalid: 400 (allowed, input refused) · forbidden: 403 · notfound: 404 · unauth: 401 · signin: sent to /signin */
type Outcome = 'ok' | 'invalid' | 'forbidden' | 'notfound' | 'unauth' | 'signin';
type Expect = Record<Who, Outcome>;

const WHO: Who[] = ['admin', 'compliance_officer', 'account_owner', 'auditor', 'signed_out'];
const all = (outcome: Outcome, signedOut: Outcome): Expect => ({ admin: outcome, compliance_officer: outcome, account_owner: outcome, auditor: outcome, signed_out: signedOut });
const by = (admin: Outcome, co: Outcome, owner: Outcome, auditor: Outcome, signedOut: Outcome): Expect => ({
  admin,
  compliance_officer: co,
  account_owner: owner,
  auditor,
  signed_out: signedOut,
});

interface Ids {
  own: string; // an account the account owner owns
  other: string; // one they do not
  controlId: string;
  serviceId: string;
  exclusionOnOther: string;
  attestation: string;
}

interface Row {
  /** The route file's path under src/app, e.g. `accounts/[accountId]/page.tsx`. */
  file: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: (ids: Ids) => string;
  body?: unknown;
  expect: Expect;
}

const PAGE_SIGNED_OUT: Outcome = 'signin';
const MATRIX: Row[] = [
  { file: 'page.tsx', method: 'GET', url: () => '/', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'signin/page.tsx', method: 'GET', url: () => '/signin', expect: all('ok', 'signin') },
  { file: 'overview/page.tsx', method: 'GET', url: () => '/overview', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'accounts/page.tsx', method: 'GET', url: () => '/accounts', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'accounts/[accountId]/page.tsx', method: 'GET', url: (i) => `/accounts/${i.own}`, expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'accounts/[accountId]/page.tsx', method: 'GET', url: (i) => `/accounts/${i.other}`, expect: by('ok', 'ok', 'notfound', 'ok', PAGE_SIGNED_OUT) },
  { file: 'admin/accounts/page.tsx', method: 'GET', url: () => '/admin/accounts', expect: by('ok', 'forbidden', 'forbidden', 'forbidden', PAGE_SIGNED_OUT) },
  { file: 'admin/audit/page.tsx', method: 'GET', url: () => '/admin/audit', expect: by('ok', 'forbidden', 'forbidden', 'forbidden', PAGE_SIGNED_OUT) },
  { file: 'admin/users/page.tsx', method: 'GET', url: () => '/admin/users', expect: by('ok', 'forbidden', 'forbidden', 'forbidden', PAGE_SIGNED_OUT) },
  { file: 'attestations/page.tsx', method: 'GET', url: () => '/attestations', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'attestations/[id]/page.tsx', method: 'GET', url: (i) => `/attestations/${i.attestation}`, expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'catalog/page.tsx', method: 'GET', url: () => '/catalog?q=S3.5', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'catalog/changes/page.tsx', method: 'GET', url: () => '/catalog/changes', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'catalog/controls/[controlId]/page.tsx', method: 'GET', url: (i) => `/catalog/controls/${i.controlId}`, expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'catalog/services/[serviceId]/page.tsx', method: 'GET', url: (i) => `/catalog/services/${i.serviceId}`, expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'controls/[controlId]/page.tsx', method: 'GET', url: (i) => `/controls/${i.controlId}`, expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'evidence/page.tsx', method: 'GET', url: () => '/evidence', expect: by('ok', 'ok', 'forbidden', 'ok', PAGE_SIGNED_OUT) },
  { file: 'evidence/verify/page.tsx', method: 'GET', url: () => '/evidence/verify', expect: by('ok', 'ok', 'forbidden', 'ok', PAGE_SIGNED_OUT) },
  { file: 'exclusions/page.tsx', method: 'GET', url: () => '/exclusions', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'exclusions/[id]/page.tsx', method: 'GET', url: (i) => `/exclusions/${i.exclusionOnOther}`, expect: by('ok', 'ok', 'notfound', 'ok', PAGE_SIGNED_OUT) },
  { file: 'exclusions/new/page.tsx', method: 'GET', url: (i) => `/exclusions/new?accountId=${i.own}`, expect: by('forbidden', 'ok', 'ok', 'forbidden', PAGE_SIGNED_OUT) },
  { file: 'findings/page.tsx', method: 'GET', url: () => '/findings?status=FAILED', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'raci/page.tsx', method: 'GET', url: () => '/raci', expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'services/[serviceId]/page.tsx', method: 'GET', url: (i) => `/services/${i.serviceId}`, expect: all('ok', PAGE_SIGNED_OUT) },
  { file: 'sync/page.tsx', method: 'GET', url: () => '/sync', expect: all('ok', PAGE_SIGNED_OUT) },

  { file: 'api/health/route.ts', method: 'GET', url: () => '/api/health', expect: all('ok', 'ok') },
  { file: 'api/me/route.ts', method: 'GET', url: () => '/api/me', expect: all('ok', 'unauth') },
  { file: 'api/auth/[...nextauth]/route.ts', method: 'GET', url: () => '/api/auth/csrf', expect: all('ok', 'ok') },
  { file: 'api/accounts/route.ts', method: 'GET', url: () => '/api/accounts', expect: all('ok', 'unauth') },
  { file: 'api/accounts/route.ts', method: 'POST', url: () => '/api/accounts', body: {}, expect: by('invalid', 'forbidden', 'forbidden', 'forbidden', 'unauth') },
  { file: 'api/accounts/[accountId]/route.ts', method: 'PATCH', url: (i) => `/api/accounts/${i.own}`, body: { enabled: 'yes' }, expect: by('invalid', 'forbidden', 'forbidden', 'forbidden', 'unauth') },
  { file: 'api/accounts/[accountId]/test-access/route.ts', method: 'POST', url: (i) => `/api/accounts/${i.own}/test-access`, expect: by('ok', 'forbidden', 'forbidden', 'forbidden', 'unauth') },
  { file: 'api/sync/route.ts', method: 'POST', url: () => '/api/sync', body: { accountId: 'x' }, expect: by('invalid', 'invalid', 'invalid', 'forbidden', 'unauth') },
  { file: 'api/sync/status/route.ts', method: 'GET', url: () => '/api/sync/status', expect: all('ok', 'unauth') },
  { file: 'api/raci/route.ts', method: 'GET', url: () => '/api/raci', expect: all('ok', 'unauth') },
  { file: 'api/raci/changes/route.ts', method: 'POST', url: () => '/api/raci/changes', body: {}, expect: by('forbidden', 'invalid', 'forbidden', 'forbidden', 'unauth') },
  { file: 'api/findings/route.ts', method: 'GET', url: () => '/api/findings?status=FAILED', expect: all('ok', 'unauth') },
  { file: 'api/findings.csv/route.ts', method: 'GET', url: () => '/api/findings.csv?status=FAILED', expect: all('ok', 'unauth') },
  { file: 'api/exclusions/route.ts', method: 'GET', url: () => '/api/exclusions', expect: all('ok', 'unauth') },
  { file: 'api/exclusions/route.ts', method: 'POST', url: () => '/api/exclusions', body: {}, expect: by('forbidden', 'invalid', 'invalid', 'forbidden', 'unauth') },
  { file: 'api/exclusions/[id]/route.ts', method: 'GET', url: (i) => `/api/exclusions/${i.exclusionOnOther}`, expect: by('ok', 'ok', 'notfound', 'ok', 'unauth') },
  { file: 'api/exclusions/[id]/decision/route.ts', method: 'POST', url: (i) => `/api/exclusions/${i.exclusionOnOther}/decision`, body: {}, expect: by('forbidden', 'invalid', 'invalid', 'forbidden', 'unauth') },
  { file: 'api/exclusions/[id]/revoke/route.ts', method: 'POST', url: (i) => `/api/exclusions/${i.exclusionOnOther}/revoke`, body: {}, expect: by('forbidden', 'invalid', 'invalid', 'forbidden', 'unauth') },
  { file: 'api/attestations/route.ts', method: 'GET', url: () => '/api/attestations', expect: all('ok', 'unauth') },
  { file: 'api/attestations/route.ts', method: 'POST', url: () => '/api/attestations', body: {}, expect: by('forbidden', 'invalid', 'forbidden', 'forbidden', 'unauth') },
  { file: 'api/attestations/[id]/route.ts', method: 'GET', url: (i) => `/api/attestations/${i.attestation}`, expect: all('ok', 'unauth') },
  { file: 'api/attestations/[id]/decision/route.ts', method: 'POST', url: (i) => `/api/attestations/${i.attestation}/decision`, body: {}, expect: by('forbidden', 'invalid', 'invalid', 'forbidden', 'unauth') },
  // Owners may revoke attestations of their accounts: the route lets them through to validation.
  { file: 'api/attestations/[id]/revoke/route.ts', method: 'POST', url: (i) => `/api/attestations/${i.attestation}/revoke`, body: {}, expect: by('forbidden', 'invalid', 'invalid', 'forbidden', 'unauth') },
  { file: 'api/attestations/[id]/file/route.ts', method: 'GET', url: (i) => `/api/attestations/${i.attestation}/file`, expect: all('notfound', 'unauth') },
  { file: 'api/evidence/public-key/route.ts', method: 'GET', url: () => '/api/evidence/public-key', expect: by('ok', 'ok', 'forbidden', 'ok', 'unauth') },
  { file: 'api/evidence/bundle/route.ts', method: 'GET', url: (i) => `/api/evidence/bundle?accountIds=${i.own}&services=${i.serviceId}`, expect: by('ok', 'ok', 'forbidden', 'ok', 'unauth') },
  { file: 'api/evidence/verify/route.ts', method: 'POST', url: () => '/api/evidence/verify', body: {}, expect: by('invalid', 'invalid', 'forbidden', 'invalid', 'unauth') },
];

function routeFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    const relative = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(full).isDirectory()) return routeFiles(full, relative);
    return entry === 'page.tsx' || entry === 'route.ts' ? [relative] : [];
  });
}

test('every page and route handler is in the matrix', () => {
  const listed = new Set(MATRIX.map((row) => row.file));
  const missing = routeFiles(path.resolve(import.meta.dirname, '..', 'src', 'app')).filter((f) => !listed.has(f));
  expect(missing).toEqual([]);
});

async function statusOf(request: APIRequestContext, row: Row, ids: Ids): Promise<{ status: number; url: string }> {
  const url = row.url(ids);
  const response =
    row.method === 'GET'
      ? await request.get(url, { maxRedirects: 5 })
      : await request.fetch(url, { method: row.method, data: row.body ?? {}, headers: { origin: `http://127.0.0.1:${process.env.E2E_PORT ?? '3100'}` } });
  return { status: response.status(), url: response.url() };
}

function outcomeOf(status: number, finalUrl: string): Outcome {
  if (new URL(finalUrl).pathname === '/signin' && status === 200) return 'signin';
  if (status >= 200 && status < 300) return 'ok';
  return ({ 400: 'invalid', 401: 'unauth', 403: 'forbidden', 404: 'notfound' } as Record<number, Outcome>)[status] ?? (`HTTP ${status}` as Outcome);
}

async function contextFor(browser: Browser, who: Who, users: Record<Role, SeededUser>) {
  const context = await browser.newContext();
  if (who !== 'signed_out') {
    const page = await context.newPage();
    await signIn(page, users[who]);
    await page.close();
  }
  return context;
}

test('each role gets exactly the expected outcome everywhere', async ({ browser }) => {
  test.setTimeout(300_000);
  const db = appDatabase();
  const [own, other] = await db.awsAccount.findMany({ orderBy: { id: 'asc' }, take: 2 });
  const users = {
    admin: await seedUser('admin'),
    compliance_officer: await seedUser('compliance_officer'),
    account_owner: await seedUser('account_owner'),
    auditor: await seedUser('auditor'),
  };
  await db.accountOwner.create({ data: { userId: users.account_owner.id, accountId: own.id } });
  const failing = await db.finding.findFirstOrThrow({ where: { accountId: other.id, complianceStatus: 'FAILED', securityControlId: { startsWith: 'S3.' } } });
  const exclusion = await db.exclusion.create({
    data: {
      accountId: other.id, scope: 'resource_service', resourceId: failing.resourceId, resourceType: failing.resourceType, serviceId: 's3',
      justification: 'Matrix test', noPhiAttested: true, expiresAt: new Date(Date.now() + 30 * 86_400_000), requestedById: users.compliance_officer.id,
    },
  });
  const attestation = await db.attestation.create({
    data: { controlId: 'AUDIT-DR-DISASTER-RECOVERY', statement: 'Matrix test', validUntil: new Date(Date.now() + 86_400_000), createdById: users.compliance_officer.id },
  });
  const ids: Ids = { own: own.id, other: other.id, controlId: 'S3-ENC-IN-TRANSIT', serviceId: 's3', exclusionOnOther: exclusion.id, attestation: attestation.id };

  const mismatches: string[] = [];
  for (const who of WHO) {
    const context = await contextFor(browser, who, users);
    for (const row of MATRIX) {
      const { status, url } = await statusOf(context.request, row, ids);
      const got = outcomeOf(status, url);
      if (got !== row.expect[who]) mismatches.push(`${who} ${row.method} ${row.url(ids)}: expected ${row.expect[who]}, got ${got}`);
    }
    await context.close();
  }
  expect(mismatches).toEqual([]);
});
