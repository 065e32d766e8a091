'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FieldError } from '@/components/form';

export interface ManualControlOption {
  id: string;
  title: string;
  serviceName: string;
}

const input = 'mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';

type Result = { status: 'idle' } | { status: 'error'; message: string; fieldErrors: Record<string, string[]> };

/** Posts multipart/form-data to /api/attestations (a file can be up to 5 MB, more than a server action takes). */
export function RecordAttestationForm({
  controls,
  accounts,
  dates,
  accept,
}: {
  controls: ManualControlOption[];
  accounts: { id: string; name: string }[];
  dates: { min: string; max: string; default: string };
  accept: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Result>({ status: 'idle' });
  const errors = result.status === 'error' ? result.fieldErrors : {};
  const byService = new Map<string, ManualControlOption[]>();
  for (const c of controls) byService.set(c.serviceName, [...(byService.get(c.serviceName) ?? []), c]);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setResult({ status: 'idle' });
    try {
      const response = await fetch('/api/attestations', { method: 'POST', body: new FormData(event.currentTarget) });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        router.push(`/attestations/${body.attestation.id}`);
        return;
      }
      setResult({ status: 'error', message: body.error ?? `HTTP ${response.status}`, fieldErrors: body.fieldErrors ?? {} });
    } catch (error) {
      setResult({ status: 'error', message: String(error), fieldErrors: {} });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="grid gap-4 md:grid-cols-2" aria-label="Record an attestation">
      <div className="text-sm">
        <label htmlFor="attestation-control">Manual control</label>
        <select id="attestation-control" name="controlId" required className={input} aria-describedby="att-control-error">
          {[...byService].map(([serviceName, list]) => (
            <optgroup key={serviceName} label={serviceName}>
              {list.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id} — {c.title}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <FieldError id="att-control-error" errors={errors.controlId} />
      </div>
      <div className="text-sm">
        <label htmlFor="attestation-scope">Scope</label>
        <select id="attestation-scope" name="accountId" className={input} aria-describedby="att-account-error">
          <option value="">The whole organization</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              Account {a.name} ({a.id})
            </option>
          ))}
        </select>
        <FieldError id="att-account-error" errors={errors.accountId} />
      </div>
      <label className="text-sm md:col-span-2">
        Statement (what is in place, and how you know)
        <textarea name="statement" required minLength={10} maxLength={5000} rows={4} className={input} aria-describedby="att-statement-error" />
        <FieldError id="att-statement-error" errors={errors.statement} />
      </label>
      <label className="text-sm">
        Valid until (end of the day, UTC; at most a year)
        <input type="date" name="validUntil" required min={dates.min} max={dates.max} defaultValue={dates.default} className={input} aria-describedby="att-valid-error" />
        <FieldError id="att-valid-error" errors={errors.validUntil} />
      </label>
      <label className="text-sm">
        Evidence file (optional: PDF, PNG, JPEG or plain text, at most 5 MB)
        <input type="file" name="file" accept={accept} className="mt-1 block w-full text-sm" aria-describedby="att-file-error" />
        <FieldError id="att-file-error" errors={errors.file} />
      </label>
      <div className="flex items-center gap-3 md:col-span-2">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? 'Working…' : 'Record attestation'}
        </button>
        {result.status === 'error' && (
          <p role="alert" className="text-sm text-red-700">
            {result.message}
          </p>
        )}
      </div>
    </form>
  );
}
