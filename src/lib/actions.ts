// The one wrapper for server actions used by forms: session and permission first,
// then the domain call; domain errors come back as form messages (never thrown to
// the client), unknown ones are logged and shown generically.
import 'server-only';
import { can, type Permission } from '@/server/auth/permissions';
import type { SessionUser } from '@/server/auth/users';
import { DomainError, ValidationError } from '@/server/errors';
import { logger } from '@/server/logger';
import { getCurrentUser } from './auth';

export type ActionState<T = unknown> =
  | { status: 'idle' }
  | { status: 'ok'; message: string; data?: T }
  | { status: 'error'; message: string; fieldErrors?: Record<string, string[]> };

export const IDLE: ActionState = { status: 'idle' };

export async function runAction<T>(
  permission: Permission,
  run: (user: SessionUser) => Promise<{ message: string; data?: T }>,
): Promise<ActionState<T>> {
  try {
    const user = await getCurrentUser();
    if (!user) return { status: 'error', message: 'Your session has ended. Sign in again.' };
    if (!can(user.role, permission)) return { status: 'error', message: 'Your role does not allow this.' };
    return { status: 'ok', ...(await run(user)) };
  } catch (error) {
    if (error instanceof ValidationError) return { status: 'error', message: error.message, fieldErrors: error.fieldErrors };
    if (error instanceof DomainError) return { status: 'error', message: error.message };
    logger.error({ err: error }, 'unhandled error in server action');
    return { status: 'error', message: 'Something went wrong on our side. It has been logged.' };
  }
}

export function formFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === 'string') fields[key] = value;
  return fields;
}
