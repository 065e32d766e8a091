import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { ConflictError, TooManyRequestsError, ValidationError } from '@/server/errors';
import { seedDemoUsers } from './demo-users';
import { FREE_FAILURES } from './sign-in-throttle';
import { authenticateWithPassword, createUser, resetUserPassword, setUserRole } from './users';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('users', () => {
  it('creates a user with a generated password that signs in', async () => {
    const { user, password } = await createUser(t.prisma, { email: ' Ana@Example.org ', name: 'Ana', role: 'auditor' });
    expect(user.email).toBe('ana@example.org');
    const stored = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).not.toContain(password);
    expect(await authenticateWithPassword(t.prisma, { email: 'ana@example.org', password })).toMatchObject({ id: user.id, role: 'auditor' });
  });

  it('refuses invalid input with a clear message and writes nothing', async () => {
    const before = await t.prisma.user.count();
    await expect(createUser(t.prisma, { email: 'not-an-email', name: 'X', role: 'auditor' })).rejects.toThrow(ValidationError);
    await expect(createUser(t.prisma, { email: 'x@example.org', name: 'X', role: 'root' as never })).rejects.toThrow(/role/i);
    expect(await t.prisma.user.count()).toBe(before);
  });

  it('refuses a duplicate e-mail', async () => {
    await createUser(t.prisma, { email: 'dup@example.org', name: 'D', role: 'auditor' });
    await expect(createUser(t.prisma, { email: 'DUP@example.org', name: 'D', role: 'admin' })).rejects.toThrow(ConflictError);
  });

  it('changes roles and resets passwords', async () => {
    const { user, password } = await createUser(t.prisma, { email: 'bo@example.org', name: 'Bo', role: 'auditor' });
    expect((await setUserRole(t.prisma, { userId: user.id, role: 'compliance_officer' })).role).toBe('compliance_officer');
    const reset = await resetUserPassword(t.prisma, { userId: user.id });
    expect(await authenticateWithPassword(t.prisma, { email: user.email, password })).toBeNull();
    expect(await authenticateWithPassword(t.prisma, { email: user.email, password: reset.password })).not.toBeNull();
  });

  it('slows down repeated failures, also for the right password', async () => {
    const { user, password } = await createUser(t.prisma, { email: 'cy@example.org', name: 'Cy', role: 'auditor' });
    const now = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < FREE_FAILURES; i++) {
      expect(await authenticateWithPassword(t.prisma, { email: user.email, password: 'wrong' }, now)).toBeNull();
    }
    await expect(authenticateWithPassword(t.prisma, { email: user.email, password }, now)).rejects.toThrow(TooManyRequestsError);
    const later = new Date(now.getTime() + 60_000);
    expect(await authenticateWithPassword(t.prisma, { email: user.email, password }, later)).not.toBeNull();
  });

  it('records sign-ins, failures and user changes in the audit trail', async () => {
    const admin = { id: '00000000-0000-4000-8000-00000000000a', email: 'admin@example.org' };
    const { user, password } = await createUser(t.prisma, { email: 'dee@example.org', name: 'Dee', role: 'auditor' }, admin);
    await authenticateWithPassword(t.prisma, { email: user.email, password: 'nope' });
    await authenticateWithPassword(t.prisma, { email: user.email, password });
    await setUserRole(t.prisma, { userId: user.id, role: 'account_owner' }, admin);
    const events = await t.prisma.auditEvent.findMany({ where: { OR: [{ targetId: user.id }, { actorId: user.id }, { action: 'auth.sign_in_failed' }] }, orderBy: { id: 'asc' } });
    const mine = events.filter((e) => e.targetId === user.id || e.actorId === user.id || (e.details as { email?: string }).email === user.email);
    expect(mine.map((e) => e.action)).toEqual(['user.create', 'auth.sign_in_failed', 'auth.sign_in', 'user.role_change']);
    expect(mine[3].details).toMatchObject({ from: 'auditor', to: 'account_owner' });
    expect(mine[0].actorEmail).toBe(admin.email);
  });

  it('seeds one demo user per role, once', async () => {
    const fresh = await createTestDatabase();
    try {
      const created = await seedDemoUsers(fresh.prisma);
      expect(created.map((c) => c.role).sort()).toEqual(['account_owner', 'admin', 'auditor', 'compliance_officer']);
      expect(await seedDemoUsers(fresh.prisma)).toEqual([]);
      const owner = created.find((c) => c.role === 'account_owner')!;
      expect(await authenticateWithPassword(fresh.prisma, owner)).toMatchObject({ role: 'account_owner' });
    } finally {
      await fresh.drop();
    }
  });
});
