import { requirePagePermission } from '@/lib/auth';

// The access check runs here, above the loading boundary: a page that streams behind a
// skeleton has already sent its 200 by the time the page itself could redirect or 403.
export default async function GuardedLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission('posture:view');
  return children;
}
