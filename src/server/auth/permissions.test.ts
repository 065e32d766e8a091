import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, seesAllAccounts, type Permission } from './permissions';
import { ROLES } from './roles';

describe('permission table', () => {
  it('denies an action that is not listed (fails closed)', () => {
    expect(can('admin', 'no:such-action' as Permission)).toBe(false);
  });

  it('keeps auditors read-only', () => {
    const mutating: Permission[] = ['users:manage', 'accounts:manage', 'sync:request', 'raci:edit'];
    for (const permission of mutating) expect(can('auditor', permission)).toBe(false);
    expect(can('auditor', 'evidence:export')).toBe(true);
  });

  it('lets only admins manage users', () => {
    expect(ROLES.filter((role) => can(role, 'users:manage'))).toEqual(['admin']);
  });

  it('lists only known roles', () => {
    for (const roles of Object.values(PERMISSIONS)) for (const role of roles) expect(ROLES).toContain(role);
  });

  it('confines only account owners to their accounts', () => {
    expect(ROLES.filter((role) => !seesAllAccounts(role))).toEqual(['account_owner']);
  });
});
