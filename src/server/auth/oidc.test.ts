import { describe, expect, it } from 'vitest';
import { parseRoleMap, roleFromClaims } from './oidc';

const mapping = { claim: 'groups', groups: parseRoleMap('hipaa-admins=admin, hipaa-audit=auditor,owners=account_owner') };

describe('OIDC claim-to-role mapping', () => {
  it('parses the role map', () => {
    expect(mapping.groups).toEqual({ 'hipaa-admins': 'admin', 'hipaa-audit': 'auditor', owners: 'account_owner' });
  });

  it('rejects an unknown role in the map', () => {
    expect(() => parseRoleMap('x=superuser')).toThrow(/OIDC_ROLE_MAP/);
  });

  it('picks the most privileged mapped group', () => {
    expect(roleFromClaims({ groups: ['hipaa-audit', 'owners'] }, mapping)).toBe('account_owner');
    expect(roleFromClaims({ groups: ['hipaa-audit', 'hipaa-admins'] }, mapping)).toBe('admin');
  });

  it('accepts a space- or comma-separated string claim', () => {
    expect(roleFromClaims({ groups: 'staff hipaa-audit' }, mapping)).toBe('auditor');
  });

  it('grants nothing when no group maps', () => {
    expect(roleFromClaims({ groups: ['staff'] }, mapping)).toBeNull();
    expect(roleFromClaims({}, mapping)).toBeNull();
  });
});
