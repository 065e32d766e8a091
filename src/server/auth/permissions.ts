// One permission table. It fails closed: an action not listed here is denied to everyone.
import type { Role } from './roles';

export const PERMISSIONS = {
  'users:manage': ['admin'],
  'audit:view': ['admin'],
  'accounts:manage': ['admin'],
  'accounts:view': ['admin', 'compliance_officer', 'account_owner', 'auditor'],
  'sync:request': ['admin', 'compliance_officer', 'account_owner'],
  'sync:view': ['admin', 'compliance_officer', 'account_owner', 'auditor'],
  'posture:view': ['admin', 'compliance_officer', 'account_owner', 'auditor'],
  'catalog:view': ['admin', 'compliance_officer', 'account_owner', 'auditor'],
  'raci:edit': ['compliance_officer'],
  'evidence:export': ['admin', 'compliance_officer', 'auditor'],
  'exclusions:view': ['admin', 'compliance_officer', 'account_owner', 'auditor'],
  'exclusions:request': ['compliance_officer', 'account_owner'],
  'exclusions:decide': ['compliance_officer', 'account_owner'],
  'attestations:view': ['admin', 'compliance_officer', 'account_owner', 'auditor'],
  'attestations:manage': ['compliance_officer'],
  'attestations:confirm': ['compliance_officer', 'account_owner'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  const allowed: readonly Role[] | undefined = PERMISSIONS[permission];
  return allowed?.includes(role) ?? false;
}

/** Account owners see only the accounts they own; every other role sees all. */
export function seesAllAccounts(role: Role): boolean {
  return role !== 'account_owner';
}
