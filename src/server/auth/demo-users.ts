// First start: one demo user per role, with generated passwords printed once.
import type { Db } from '@/server/db';
import { ROLES, ROLE_LABELS, type Role } from './roles';
import { createUser } from './users';

export const DEMO_EMAILS: Record<Role, string> = {
  admin: 'admin@demo.safeguards.local',
  compliance_officer: 'compliance@demo.safeguards.local',
  account_owner: 'owner@demo.safeguards.local',
  auditor: 'auditor@demo.safeguards.local',
};

export interface DemoCredential {
  role: Role;
  email: string;
  password: string;
}

/** Creates the demo users when the database has no users at all; returns their credentials once. */
export async function seedDemoUsers(db: Db): Promise<DemoCredential[]> {
  if ((await db.user.count()) > 0) return [];
  const created: DemoCredential[] = [];
  for (const role of ROLES) {
    const { user, password } = await createUser(db, { email: DEMO_EMAILS[role], name: `Demo ${ROLE_LABELS[role].toLowerCase()}`, role });
    created.push({ role, email: user.email, password });
  }
  return created;
}
