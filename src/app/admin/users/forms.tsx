'use client';
import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/components/form';
import { IDLE_STATE } from '@/components/form-state';
import { createUserAction, resetPasswordAction, setUserRoleAction } from './actions';

type RoleOption = { value: string; label: string };

export function CreateUserForm({ roles }: { roles: RoleOption[] }) {
  const [state, action] = useActionState(createUserAction, IDLE_STATE);
  return (
    <form action={action} className="mt-3 grid gap-3 sm:grid-cols-4 sm:items-end">
      <label className="text-sm">
        Name
        <input name="name" required className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5" />
      </label>
      <label className="text-sm">
        E-mail
        <input name="email" type="email" required className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5" />
      </label>
      <label className="text-sm">
        Role
        <select name="role" required defaultValue="" className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5">
          <option value="" disabled>
            Choose…
          </option>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <SubmitButton>Create user</SubmitButton>
      <div className="sm:col-span-4">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function RoleForm({ userId, role, roles }: { userId: string; role: string; roles: RoleOption[] }) {
  const [state, action] = useActionState(setUserRoleAction, IDLE_STATE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <select name="role" defaultValue={role} aria-label="Role" className="rounded border border-slate-300 px-2 py-1">
        {roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      <SubmitButton variant="secondary">Set role</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: string }) {
  const [state, action] = useActionState(resetPasswordAction, IDLE_STATE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton variant="secondary">Reset password</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
