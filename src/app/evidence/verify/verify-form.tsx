'use client';
// Drop (or choose) a bundle; it is uploaded as multipart/form-data and the verdict shown.
import { useState } from 'react';
import { formatBytes, ProblemList } from '@/components/evidence-bits';

interface Verdict {
  valid: boolean;
  fileName: string | null;
  size: number;
  problems: { file: string | null; message: string }[];
  filesVerified: number;
  signatureValid: boolean;
  signedByThisApp: boolean | null;
  publicKeyFingerprint: string | null;
  manifest: { bundleId: string; generatedAt: string; generatedBy: string; asOf: { requested: string; instant: string }; files: number } | null;
}

type State = { kind: 'idle' } | { kind: 'checking'; name: string } | { kind: 'done'; verdict: Verdict } | { kind: 'error'; message: string };

export function VerifyForm({ maxBytes }: { maxBytes: number }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [over, setOver] = useState(false);

  async function check(file: File) {
    if (file.size > maxBytes) {
      setState({ kind: 'error', message: `${file.name} is ${formatBytes(file.size)}; the page checks bundles up to ${formatBytes(maxBytes)}. Use npm run evidence:verify.` });
      return;
    }
    setState({ kind: 'checking', name: file.name });
    const form = new FormData();
    form.append('bundle', file, file.name);
    try {
      const response = await fetch('/api/evidence/verify', { method: 'POST', body: form });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) setState({ kind: 'error', message: body.error ?? `The check failed (HTTP ${response.status}).` });
      else setState({ kind: 'done', verdict: body as Verdict });
    } catch (error) {
      setState({ kind: 'error', message: `The upload failed (${(error as Error).message}).` });
    }
  }

  return (
    <div className="space-y-4">
      <label
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = e.dataTransfer.files[0];
          if (file) void check(file);
        }}
        className={`flex cursor-pointer flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed p-10 text-center text-sm ${
          over ? 'border-brand-600 bg-brand-50' : 'border-slate-300 bg-white'
        }`}
        data-testid="bundle-drop-zone"
      >
        <span className="font-medium">Drop an evidence bundle (.zip) here, or choose one</span>
        <span className="text-slate-600">Up to {formatBytes(maxBytes)}</span>
        <input
          type="file"
          accept=".zip,application/zip"
          className="text-sm"
          aria-label="Evidence bundle"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void check(file);
            e.target.value = '';
          }}
        />
      </label>

      <div aria-live="polite">
        {state.kind === 'checking' && (
          <p role="status" className="text-sm">
            Checking {state.name}…
          </p>
        )}
        {state.kind === 'error' && (
          <p role="alert" className="text-sm text-red-700">
            {state.message}
          </p>
        )}
        {state.kind === 'done' && <VerdictView verdict={state.verdict} />}
      </div>
    </div>
  );
}

function VerdictView({ verdict: v }: { verdict: Verdict }) {
  const m = v.manifest;
  return (
    <div
      className={`space-y-2 rounded-lg border p-4 ${v.valid ? 'border-emerald-300 bg-emerald-50' : 'border-red-300 bg-red-50'}`}
      data-testid="verify-result"
      data-valid={v.valid}
    >
      <p className="font-semibold" role="status">
        {v.valid
          ? `Valid: ${v.filesVerified} files match the signed manifest.`
          : `Not valid: ${v.problems.length} problem${v.problems.length === 1 ? '' : 's'} found.`}
      </p>
      {v.valid && (
        <p className="text-sm">
          {v.signedByThisApp ? 'Signed by this Safeguards instance’s key.' : 'Signed with a key other than this instance’s: check its fingerprint with whoever made it.'}
        </p>
      )}
      {!v.valid && <ProblemList problems={v.problems} />}
      {m && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">Bundle</dt>
          <dd>
            <code className="text-xs">{m.bundleId}</code>
          </dd>
          <dt className="text-slate-600">Generated</dt>
          <dd>
            {m.generatedAt} by {m.generatedBy}
          </dd>
          <dt className="text-slate-600">As of</dt>
          <dd>
            {m.asOf?.requested} ({m.asOf?.instant})
          </dd>
          <dt className="text-slate-600">File</dt>
          <dd>
            {v.fileName ?? 'upload'} · {formatBytes(v.size)}
          </dd>
        </dl>
      )}
    </div>
  );
}
