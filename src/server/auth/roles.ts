import type { Role } from '@/generated/prisma/enums';

export type { Role };

export const ROLES = ['admin', 'compliance_officer', 'account_owner', 'auditor'] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  compliance_officer: 'Compliance officer',
  account_owner: 'Account owner',
  auditor: 'Auditor',
};

/** Where each role lands after signing in. */
export const LANDING_PATHS: Record<Role, string> = {
  admin: '/admin/users',
  compliance_officer: '/overview',
  account_owner: '/accounts',
  auditor: '/overview',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
