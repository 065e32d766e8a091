// Helpers for specs: the running app's database (from its runtime file) and users
// seeded per spec, so no spec depends on printed demo passwords.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
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
