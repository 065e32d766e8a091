// Single sign-on: which Safeguards role an OIDC identity gets. The mapping is
// configuration (README "Single sign-on"): a claim holding group or role names, and
// a table from those names to roles. No match means no access (fail closed).
import type { Db } from '@/server/db';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { ROLES, type Role } from './roles';
import type { SessionUser } from './users';

export interface OidcRoleMapping {
  /** The claim holding group/role names, e.g. `groups` or `roles`. */
  claim: string;
  /** IdP group name → Safeguards role. */
  groups: Record<string, Role>;
}

/** Parses `OIDC_ROLE_MAP`, e.g. `hipaa-admins=admin,hipaa-compliance=compliance_officer`. */
export function parseRoleMap(value: string | undefined): Record<string, Role> {
  const groups: Record<string, Role> = {};
  for (const pair of (value ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [group, role] = pair.split('=').map((s) => s.trim());
    if (!group || !role || !(ROLES as readonly string[]).includes(role)) {
      throw new Error(`OIDC_ROLE_MAP: "${pair}" is not "<group>=<${ROLES.join('|')}>"`);
    }
    groups[group] = role as Role;
  }
  return groups;
}

/** The most privileged role any of the identity's groups maps to, in ROLES order; null if none. */
export function roleFromClaims(claims: Record<string, unknown>, mapping: OidcRoleMapping): Role | null {
  const raw = claims[mapping.claim];
  const names = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  const granted = new Set(names.map((n) => mapping.groups[n]).filter((r): r is Role => Boolean(r)));
  return ROLES.find((role) => granted.has(role)) ?? null;
}

/** Creates or updates the user behind an OIDC identity; the IdP is the source of the role. */
export async function upsertOidcUser(
  db: Db,
  identity: { subject: string; email: string; name: string; role: Role },
): Promise<SessionUser> {
  const email = identity.email.trim().toLowerCase();
  const user = await db.user.upsert({
    where: { email },
    create: { email, name: identity.name, role: identity.role, oidcSubject: identity.subject },
    update: { role: identity.role, oidcSubject: identity.subject, name: identity.name },
  });
  await recordAuditEvent(db, { actor: { id: user.id, email: user.email }, action: 'auth.sign_in', details: { method: 'oidc', role: user.role } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
