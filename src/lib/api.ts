// The one wrapper for route handlers: session and permission first (401/403), then
// input validation (400), then the domain call; domain errors become their HTTP status
// and unknown errors a logged, generic 500.
import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { can, type Permission } from '@/server/auth/permissions';
import type { SessionUser } from '@/server/auth/users';
import { parseOrThrow } from '@/server/validation';
import { DomainError, TooManyRequestsError, ValidationError } from '@/server/errors';
import { logger } from '@/server/logger';
import { getCurrentUser } from './auth';

type RouteParams = { params: Promise<Record<string, string>> };

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof DomainError) {
    const body: Record<string, unknown> = { error: error.message };
    if (error instanceof ValidationError && Object.keys(error.fieldErrors).length) body.fieldErrors = error.fieldErrors;
    const headers: Record<string, string> = {};
    if (error instanceof TooManyRequestsError) headers['Retry-After'] = String(error.retryAfterSeconds);
    return NextResponse.json(body, { status: error.status, headers });
  }
  logger.error({ err: error }, 'unhandled error in route handler');
  return NextResponse.json({ error: 'Something went wrong on our side. It has been logged.' }, { status: 500 });
}

export function apiRoute<TBody = undefined>(
  options: { permission: Permission; body?: z.ZodType<TBody> },
  handler: (ctx: { user: SessionUser; body: TBody; request: NextRequest; params: Record<string, string> }) => Promise<unknown>,
) {
  return async (request: NextRequest, route: RouteParams): Promise<NextResponse> => {
    try {
      const user = await getCurrentUser();
      if (!user) return NextResponse.json({ error: 'Sign in first.' }, { status: 401 });
      if (!can(user.role, options.permission)) {
        return NextResponse.json({ error: 'Your role does not allow this.' }, { status: 403 });
      }
      let body = undefined as TBody;
      if (options.body) {
        let json: unknown;
        try {
          json = await request.json();
        } catch {
          throw new ValidationError('The request body must be JSON.');
        }
        body = parseOrThrow(options.body, json);
      }
      const result = await handler({ user, body, request, params: (await route?.params) ?? {} });
      return result instanceof NextResponse ? result : NextResponse.json(result ?? { ok: true });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
