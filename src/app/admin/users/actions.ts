'use server';
import { revalidatePath } from 'next/cache';
import { formFields, runAction, type ActionState } from '@/lib/actions';
import { db } from '@/server/db';
import { createUser, resetUserPassword, setUserRole } from '@/server/auth/users';

export async function createUserAction(_prev: ActionState, form: FormData): Promise<ActionState<{ password: string }>> {
  return runAction('users:manage', async (actor) => {
    const fields = formFields(form);
    const { user, password } = await createUser(
      db(),
      { email: fields.email ?? '', name: fields.name ?? '', role: fields.role as never },
      { id: actor.id, email: actor.email },
    );
    revalidatePath('/admin/users');
    return { message: `Created ${user.email}. Their password, shown only now: ${password}`, data: { password } };
  });
}

export async function setUserRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('users:manage', async (actor) => {
    const user = await setUserRole(db(), { userId: form.get('userId'), role: form.get('role') }, { id: actor.id, email: actor.email });
    revalidatePath('/admin/users');
    return { message: `${user.email} is now ${user.role}.` };
  });
}

export async function resetPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState<{ password: string }>> {
  return runAction('users:manage', async (actor) => {
    const { user, password } = await resetUserPassword(db(), { userId: form.get('userId') }, { id: actor.id, email: actor.email });
    return { message: `New password for ${user.email}, shown only now: ${password}`, data: { password } };
  });
}
