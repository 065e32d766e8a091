'use server';
import { revalidatePath } from 'next/cache';
import { formFields, runAction, type ActionState } from '@/lib/actions';
import { db } from '@/server/db';
import { createAccount, updateAccount } from '@/server/accounts/registry';

const list = (value: string | undefined) => (value ?? '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

export async function createAccountAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('accounts:manage', async (actor) => {
    const f = formFields(form);
    const account = await createAccount(db(), {
      id: f.id ?? '',
      name: f.name ?? '',
      roleArn: f.roleArn ?? '',
      externalId: f.externalId ?? '',
      regions: list(f.regions),
      ownerIds: form.getAll('ownerIds').map(String),
    }, { actor: { id: actor.id, email: actor.email } });
    revalidatePath('/admin/accounts');
    return { message: `Registered ${account.name} (${account.id}). Use “Test access” to check the role.` };
  });
}

export async function updateAccountAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction('accounts:manage', async (actor) => {
    const f = formFields(form);
    const account = await updateAccount(
      db(),
      f.accountId ?? '',
      { regions: list(f.regions), enabled: f.enabled === 'on', ownerIds: form.getAll('ownerIds').map(String) },
      { id: actor.id, email: actor.email },
    );
    revalidatePath('/admin/accounts');
    return { message: `Saved ${account.name}.` };
  });
}
