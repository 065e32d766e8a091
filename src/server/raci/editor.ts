// Who may change the RACI matrix, checked again in the domain so no caller can skip it.
import { can } from '@/server/auth/permissions';
import type { SessionUser } from '@/server/auth/users';
import { ForbiddenError } from '@/server/errors';

export type RaciActor = Pick<SessionUser, 'id' | 'name' | 'role'> & { email?: string };

export function requireRaciEditor(actor: RaciActor): void {
  if (!can(actor.role, 'raci:edit')) throw new ForbiddenError('Only compliance officers change the RACI matrix.');
}
