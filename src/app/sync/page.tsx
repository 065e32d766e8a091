import { requirePagePermission } from '@/lib/auth';
import { can } from '@/server/auth/permissions';
import { SyncStatusTable } from './sync-status-table';

export const metadata = { title: 'Sync status' };
export const dynamic = 'force-dynamic';

export default async function SyncPage() {
  const user = await requirePagePermission('sync:view');
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Sync status</h1>
      <p className="text-sm text-slate-600">
        Every account and region, per source: the last good sync, the last error, and live progress while a sync runs. Syncs run on a schedule;
        {can(user.role, 'sync:request') ? ' “Sync now” queues one at once.' : ' your role can watch them but not start them.'}
      </p>
      <SyncStatusTable canRequest={can(user.role, 'sync:request')} />
    </div>
  );
}
