'use client';
// The scope form and the download: the bundle is fetched as a stream so the bytes received can
// be shown as they arrive, then saved through an object URL (a real browser download).
import { useMemo, useRef, useState } from 'react';
import { formatBytes } from '@/components/evidence-bits';

interface Props {
  accounts: { id: string; name: string }[];
  services: { id: string; name: string }[];
  controls: { id: string; title: string; serviceId: string }[];
  citations: { citation: string; controls: number }[];
  today: string;
}

type State =
  | { kind: 'idle' }
  | { kind: 'downloading'; received: number; startedAt: number }
  | { kind: 'done'; fileName: string; bytes: number; seconds: number; bundleId: string | null }
  | { kind: 'error'; message: string; fieldErrors?: Record<string, string[]> };

const select = 'mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm';
const selected = (el: HTMLSelectElement) => [...el.selectedOptions].map((o) => o.value);

function fileNameOf(disposition: string | null): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? 'safeguards-evidence.zip';
}

export function ExportForm({ accounts, services, controls, citations, today }: Props) {
  const [accountIds, setAccountIds] = useState<string[]>([]);
  const [serviceIds, setServiceIds] = useState<string[]>([]);
  const [controlIds, setControlIds] = useState<string[]>([]);
  const [citationIds, setCitationIds] = useState<string[]>([]);
  const [asOf, setAsOf] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);

  const query = useMemo(() => {
    const params = new URLSearchParams();
    for (const id of accountIds) params.append('account', id);
    for (const id of serviceIds) params.append('service', id);
    for (const id of controlIds) params.append('control', id);
    for (const c of citationIds) params.append('citation', c);
    if (asOf) params.set('asOf', asOf);
    return params.toString();
  }, [accountIds, serviceIds, controlIds, citationIds, asOf]);
  const href = `/api/evidence/bundle${query ? `?${query}` : ''}`;
  const visibleControls = serviceIds.length ? controls.filter((c) => serviceIds.includes(c.serviceId)) : controls;

  async function download() {
    const controller = new AbortController();
    abort.current = controller;
    const startedAt = Date.now();
    setState({ kind: 'downloading', received: 0, startedAt });
    try {
      const response = await fetch(href, { signal: controller.signal, cache: 'no-store' });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as { error?: string; fieldErrors?: Record<string, string[]> };
        setState({ kind: 'error', message: body.error ?? `The export failed (HTTP ${response.status}).`, fieldErrors: body.fieldErrors });
        return;
      }
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      let shown = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        received += value.byteLength;
        // Re-render at most every 256 KB.
        if (received - shown > 256 * 1024) {
          shown = received;
          setState({ kind: 'downloading', received, startedAt });
        }
      }
      const fileName = fileNameOf(response.headers.get('content-disposition'));
      const url = URL.createObjectURL(new Blob(chunks, { type: 'application/zip' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ kind: 'done', fileName, bytes: received, seconds: (Date.now() - startedAt) / 1000, bundleId: response.headers.get('x-evidence-bundle-id') });
    } catch (error) {
      setState(
        controller.signal.aborted
          ? { kind: 'error', message: 'Download cancelled.' }
          : { kind: 'error', message: `The download broke off before the bundle was complete (${(error as Error).message}). Nothing was saved; try again.` },
      );
    } finally {
      abort.current = null;
    }
  }

  const fieldErrors = state.kind === 'error' ? (state.fieldErrors ?? {}) : {};
  const busy = state.kind === 'downloading';

  return (
    <form
      aria-label="Evidence bundle scope"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        void download();
      }}
    >
      <p className="text-sm text-slate-600">Leave a list empty to include everything. Hold Ctrl (⌘ on a Mac) to choose several entries.</p>
      <div className="grid gap-4 md:grid-cols-2">
        <label className="text-sm font-medium">
          Accounts
          <select multiple size={6} className={select} value={accountIds} onChange={(e) => setAccountIds(selected(e.target))} name="account">
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.id})
              </option>
            ))}
          </select>
          <FieldError errors={fieldErrors} name="accounts" />
        </label>
        <label className="text-sm font-medium">
          Services
          <select multiple size={6} className={select} value={serviceIds} onChange={(e) => setServiceIds(selected(e.target))} name="service">
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError errors={fieldErrors} name="services" />
        </label>
        <label className="text-sm font-medium">
          Controls{serviceIds.length ? ' (of the chosen services)' : ''}
          <select multiple size={6} className={select} value={controlIds} onChange={(e) => setControlIds(selected(e.target))} name="control">
            {visibleControls.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id} · {c.title}
              </option>
            ))}
          </select>
          <FieldError errors={fieldErrors} name="controls" />
        </label>
        <label className="text-sm font-medium">
          HIPAA citations
          <select multiple size={6} className={select} value={citationIds} onChange={(e) => setCitationIds(selected(e.target))} name="citation">
            {citations.map((c) => (
              <option key={c.citation} value={c.citation}>
                {c.citation} ({c.controls} controls)
              </option>
            ))}
          </select>
          <FieldError errors={fieldErrors} name="citations" />
        </label>
      </div>
      <label className="block max-w-xs text-sm font-medium">
        As of
        <input type="date" name="asOf" max={today} value={asOf} onChange={(e) => setAsOf(e.target.value)} className={select} />
        <span className="mt-1 block text-xs font-normal text-slate-600">Empty: now. A past day: the end of that day (UTC), posture from that day’s snapshot.</span>
        <FieldError errors={fieldErrors} name="asOf" />
      </label>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={busy} className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          Download bundle
        </button>
        {busy && (
          <button type="button" onClick={() => abort.current?.abort()} className="rounded border border-slate-300 px-3 py-1.5 text-sm">
            Cancel
          </button>
        )}
        <a href={href} className="text-sm text-brand-700 underline" download>
          Direct link (for very large bundles: your browser saves it as it arrives)
        </a>
      </div>

      <div aria-live="polite">
        {state.kind === 'downloading' && (
          <div role="status" className="space-y-1 text-sm" data-testid="export-progress">
            <progress className="w-full max-w-md" aria-label="Bundle download" />
            <p>
              Received {formatBytes(state.received)}
              {state.received > 0 && ` · ${formatBytes(state.received / Math.max(0.5, (Date.now() - state.startedAt) / 1000))}/s`}. Large bundles take a while: the
              files are written as they are read from the database.
            </p>
          </div>
        )}
        {state.kind === 'done' && (
          <p role="status" className="text-sm text-emerald-700" data-testid="export-done">
            Saved {state.fileName} ({formatBytes(state.bytes)} in {state.seconds.toFixed(1)} s){state.bundleId ? ` · bundle ${state.bundleId}` : ''}.
          </p>
        )}
        {state.kind === 'error' && (
          <p role="alert" className="text-sm text-red-700">
            {state.message}
          </p>
        )}
      </div>
    </form>
  );
}

/** The messages of one field (`accounts`, `accounts.0`, …) from a 400 answer. */
function FieldError({ errors, name }: { errors: Record<string, string[]>; name: string }) {
  const messages = Object.entries(errors)
    .filter(([key]) => key === name || key.startsWith(`${name}.`))
    .flatMap(([, m]) => m);
  if (messages.length === 0) return null;
  return (
    <p role="alert" className="mt-1 text-xs text-red-700">
      {messages.join(' ')}
    </p>
  );
}
