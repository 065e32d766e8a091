// Helpers for specs: the running app's database (from its runtime file) and users
// seeded per spec, so no spec depends on printed demo passwords.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { createPrismaClient, type Db } from '../src/server/db';
import { createUser } from '../src/server/auth/users';
import type { Role } from '../src/server/auth/roles';

const runtimeFile = path.resolve(import.meta.dirname, '..', 'test-results', `e2e-data-${process.env.E2E_PORT ?? '3100'}`, 'runtime.json');

let prisma: Db | undefined;
export function appDatabase(): Db {
  if (!prisma) {
    const { databaseUrl } = JSON.parse(readFileSync(runtimeFile, 'utf8')) as { databaseUrl: string };
    prisma = createPrismaClient(databaseUrl);
  }
  return prisma;
}

export interface SeededUser {
  id: string;
  email: string;
  password: string;
  role: Role;
}

export async function seedUser(role: Role, name = `E2E ${role}`): Promise<SeededUser> {
  const email = `${role.replace('_', '-')}-${randomBytes(4).toString('hex')}@e2e.test`;
  const { user, password } = await createUser(appDatabase(), { email, name, role });
  return { id: user.id, email, password, role };
}

export async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

// ---------------------------------------------------------------------------------------------
// Server actions, called the way the browser calls them: a POST to the page whose form uses the
// action, with the `Next-Action` header and the arguments in React's reply encoding (the same
// encoder Next's router runs in the browser), so a test can forge what a browser could send.

/** The build the e2e server runs (SAFEGUARDS_DIST_DIR in scripts/e2e-server.ts). */
const e2eDistDir = path.resolve(import.meta.dirname, '..', '.next-e2e');
const requireFromHere = createRequire(import.meta.url);

export interface ServerActionRef {
  /** The id the browser sends in `Next-Action`. */
  id: string;
  /** The module that exports it, under src/app, e.g. `exclusions/actions.ts`. */
  file: string;
  /** Its export name, e.g. `decideExclusionAction`. */
  name: string;
  /** The pages that can run it, e.g. `app/exclusions/[id]/page`. */
  pages: string[];
}

/** Every server action of the production build, from its server-reference manifest. */
export function buildServerActions(): ServerActionRef[] {
  const manifest = JSON.parse(readFileSync(path.join(e2eDistDir, 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
    edge: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries({ ...manifest.node, ...manifest.edge }).map(([id, entry]) => ({
    id,
    file: (entry.filename ?? '?').replace(/^src\/app\//, ''),
    name: entry.exportedName ?? '?',
    pages: Object.keys(entry.workers),
  }));
}

export interface ServerActionResponse {
  status: number;
  /** `x-action-redirect`: where the action sent the browser (path only), or null. */
  redirect: string | null;
  /** The action's return value, or undefined when the response carries none. */
  result: unknown;
  body: string;
}

/**
 * POSTs a server action as Next's router does: `Next-Action`, `Accept: text/x-component`, the
 * page's origin, and the arguments through React's `encodeReply` (FormData arguments become
 * multipart fields `_<n>_<name>`, the rest JSON in field `0`). Cookies come with `request`.
 */
export async function postServerAction(
  request: APIRequestContext,
  options: { page: string; actionId: string; args: unknown[] },
): Promise<ServerActionResponse> {
  const { encodeReply } = requireFromHere('next/dist/compiled/react-server-dom-webpack/client.node') as {
    encodeReply: (value: unknown) => Promise<string | FormData>;
  };
  const { extractInfoFromServerReferenceId, omitUnusedArgs } = requireFromHere('next/dist/shared/lib/server-reference-info') as {
    extractInfoFromServerReferenceId: (id: string) => unknown;
    omitUnusedArgs: (args: unknown[], info: unknown) => unknown[];
  };
  const body = await encodeReply(omitUnusedArgs(options.args, extractInfoFromServerReferenceId(options.actionId)));
  const response = await request.post(options.page, {
    headers: {
      accept: 'text/x-component',
      'next-action': options.actionId,
      origin: `http://127.0.0.1:${process.env.E2E_PORT ?? '3100'}`,
      ...(typeof body === 'string' ? { 'content-type': 'text/plain;charset=UTF-8' } : {}),
    },
    ...(typeof body === 'string' ? { data: body } : { multipart: body }),
    maxRedirects: 0,
  });
  const text = await response.text();
  const redirect = response.headers()['x-action-redirect'];
  return { status: response.status(), redirect: redirect ? redirect.split(';')[0] : null, result: actionResultOf(text), body: text };
}

/** The return value in an action's RSC response: row 0 is `{ a: "$@<row>", … }`, that row holds it as JSON. */
function actionResultOf(text: string): unknown {
  const rows = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match && !rows.has(match[1])) rows.set(match[1], match[2]);
  }
  const parse = (json: string | undefined): unknown => {
    try {
      return json === undefined ? undefined : JSON.parse(json);
    } catch {
      return undefined;
    }
  };
  const root = parse(rows.get('0')) as { a?: unknown } | undefined;
  const reference = root?.a;
  if (typeof reference === 'string' && reference.startsWith('$@')) return parse(rows.get(reference.slice(2)));
  return reference;
}
