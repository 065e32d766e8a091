// User accounts: creation, roles, passwords, and password sign-in.
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { queryRows, type Db } from '@/server/db';
import { NotFoundError, TooManyRequestsError, ConflictError } from '@/server/errors';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords';
import { ROLES, type Role } from './roles';
import { clearFailedSignIns, recordFailedSignIn, secondsUntilNextAttempt } from './sign-in-throttle';
import { recordAuditEvent, type AuditActor } from '@/server/audit/record-audit-event';
import { parseOrThrow } from '@/server/validation';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

const emailSchema = z.string().trim().toLowerCase().email('Enter a valid e-mail address.').max(254);

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'Enter a name.').max(200),
  role: z.enum(ROLES, { message: 'Choose a role.' }),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Passwords have at least ${MIN_PASSWORD_LENGTH} characters.`).max(200).optional(),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

const toSessionUser = (u: { id: string; email: string; name: string; role: Role }): SessionUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
});

/** Creates a user; when no password is given one is generated and returned once. */
export async function createUser(db: Db, input: CreateUserInput, actor: AuditActor = null): Promise<{ user: SessionUser; password: string }> {
  const data = parseOrThrow(createUserSchema, input);
  const password = data.password ?? generatePassword();
  const existing = await db.user.findUnique({ where: { email: data.email } });
  if (existing) throw new ConflictError(`A user with the e-mail ${data.email} already exists.`);
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({ data: { email: data.email, name: data.name, role: data.role, passwordHash } });
    await recordAuditEvent(tx, { actor, action: 'user.create', target: { type: 'user', id: created.id }, details: { email: created.email, role: created.role } });
    return created;
  });
  return { user: toSessionUser(user), password };
}

export async function listUsers(db: Db) {
  return db.user.findMany({
    orderBy: [{ role: 'asc' }, { email: 'asc' }],
    select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true, oidcSubject: true },
  });
}

const userIdSchema = z.string().uuid('Unknown user.');

export async function setUserRole(db: Db, input: { userId: unknown; role: unknown }, actor: AuditActor = null): Promise<SessionUser> {
  const { userId, role } = parseOrThrow(z.object({ userId: userIdSchema, role: z.enum(ROLES, { message: 'Choose a role.' }) }), input);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) throw new NotFoundError('Unknown user.');
    const user = await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAuditEvent(tx, { actor, action: 'user.role_change', target: { type: 'user', id: userId }, details: { email: user.email, from: before.role, to: role } });
    return toSessionUser(user);
  });
}

/** Sets a new generated password and returns it once. */
export async function resetUserPassword(db: Db, input: { userId: unknown }, actor: AuditActor = null): Promise<{ user: SessionUser; password: string }> {
  const { userId } = parseOrThrow(z.object({ userId: userIdSchema }), input);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: userId }, data: { passwordHash } });
    if (updated.count === 0) throw new NotFoundError('Unknown user.');
    const changed = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    await recordAuditEvent(tx, { actor, action: 'user.password_reset', target: { type: 'user', id: userId }, details: { email: changed.email } });
    return changed;
  });
  await clearFailedSignIns(db, user.email);
  return { user: toSessionUser(user), password };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user of a session, unless disabled. Every request asks, so it is one plain statement (no query compilation). */
export async function findActiveUser(db: Db, userId: string): Promise<SessionUser | null> {
  if (!UUID.test(userId)) return null;
  const [user] = await queryRows<{ id: string; email: string; name: string; role: Role }[]>(
    db,
    Prisma.sql`SELECT id::text AS id, email, name, role::text AS role FROM users WHERE id = ${userId}::uuid AND NOT disabled`,
  );
  return user ? toSessionUser(user) : null;
}

export const INVALID_CREDENTIALS_MESSAGE = 'Wrong e-mail or password.';

/**
 * Checks an e-mail and password. Wrong credentials give one message whatever was wrong,
 * so addresses cannot be probed; repeated failures must wait (TooManyRequestsError).
 */
export async function authenticateWithPassword(
  db: Db,
  input: { email: unknown; password: unknown },
  now = new Date(),
): Promise<SessionUser | null> {
  const parsed = z.object({ email: emailSchema, password: z.string().min(1).max(200) }).safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  const wait = await secondsUntilNextAttempt(db, email, now);
  if (wait > 0) {
    await recordAuditEvent(db, { actor: null, action: 'auth.sign_in_failed', details: { email, reason: 'slowed down after repeated failures' } });
    throw new TooManyRequestsError(`Too many failed sign-ins for this address. Try again in ${wait} s.`, wait);
  }
  const user = await db.user.findUnique({ where: { email } });
  const ok = user && !user.disabled && user.passwordHash ? await verifyPassword(user.passwordHash, password) : false;
  if (!user || !ok) {
    await recordFailedSignIn(db, email, now);
    await recordAuditEvent(db, { actor: null, action: 'auth.sign_in_failed', details: { email, reason: 'wrong e-mail or password' } });
    return null;
  }
  await clearFailedSignIns(db, email);
  await recordAuditEvent(db, { actor: { id: user.id, email: user.email }, action: 'auth.sign_in', details: { method: 'password' } });
  return toSessionUser(user);
}
