import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth';
import { Fingerprint } from '@/components/evidence-bits';
import { db } from '@/server/db';
import { evidenceSigningKey, MAX_UPLOAD_BYTES } from '@/server/evidence';
import { VerifyForm } from './verify-form';

export const metadata = { title: 'Verify an evidence bundle' };
export const dynamic = 'force-dynamic';

export default async function VerifyPage() {
  await requirePagePermission('evidence:export');
  const key = await evidenceSigningKey(db());
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Verify an evidence bundle</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Drop a bundle to check every file’s size and SHA-256 against its manifest, that no file is missing or added, and the manifest’s Ed25519 signature, both
          under the key in the bundle and against this app’s key (<Fingerprint value={key.fingerprint} />
          ). The file is checked and deleted; nothing is kept. Offline: <code className="text-xs">npm run evidence:verify -- bundle.zip</code>.{' '}
          <Link href="/evidence" className="text-brand-700 underline">
            Back to evidence
          </Link>
        </p>
      </div>
      <VerifyForm maxBytes={MAX_UPLOAD_BYTES} />
    </div>
  );
}
