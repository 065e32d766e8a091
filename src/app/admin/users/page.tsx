import { requirePagePermission } from '@/lib/auth';
import { db } from '@/server/db';
import { listUsers } from '@/server/auth/users';
import { ROLE_LABELS, ROLES } from '@/server/auth/roles';
import { CreateUserForm, ResetPasswordForm, RoleForm } from './forms';

export const metadata = { title: 'Users' };
export const dynamic = 'force-dynamic';

export default async function UsersPage() {
  await requirePagePermission('users:manage');
  const users = await listUsers(db());
  const roles = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Users</h1>
      <section aria-labelledby="create-user" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="create-user" className="font-semibold">
          Create a user
        </h2>
        <CreateUserForm roles={roles} />
      </section>
      <section aria-labelledby="all-users">
        <h2 id="all-users" className="mb-2 font-semibold">
          All users ({users.length})
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100 text-slate-600">
              <tr>
                <th className="px-3 py-2">Name</th>
                <th className="px-3 py-2">E-mail</th>
                <th className="px-3 py-2">Role</th>
                <th className="px-3 py-2">Password</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2">{user.name}</td>
                  <td className="px-3 py-2">{user.email}</td>
                  <td className="px-3 py-2">
                    <RoleForm userId={user.id} role={user.role} roles={roles} />
                  </td>
                  <td className="px-3 py-2">{user.oidcSubject ? <span className="text-slate-500">single sign-on</span> : <ResetPasswordForm userId={user.id} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
