'use client';
import { useActionState, useState } from 'react';
import { FormMessage, SubmitButton } from '@/components/form';
import { IDLE_STATE } from '@/components/form-state';
import { createAccountAction, updateAccountAction } from './actions';

type Owner = { id: string; name: string; email: string };
const input = 'mt-1 w-full rounded border border-slate-300 px-2 py-1.5';

function OwnerPicker({ owners, selected }: { owners: Owner[]; selected: string[] }) {
  if (owners.length === 0) return <p className="text-sm text-slate-500">No user has the account owner role yet.</p>;
  return (
    <fieldset className="text-sm">
      <legend>Owners</legend>
      <div className="mt-1 flex flex-wrap gap-3">
        {owners.map((o) => (
          <label key={o.id} className="flex items-center gap-1">
            <input type="checkbox" name="ownerIds" value={o.id} defaultChecked={selected.includes(o.id)} />
            {o.name} <span className="text-slate-500">({o.email})</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function CreateAccountForm({ owners }: { owners: Owner[] }) {
  const [state, action] = useActionState(createAccountAction, IDLE_STATE);
  return (
    <form action={action} className="mt-3 grid gap-3 md:grid-cols-2">
      <label className="text-sm">
        Account id (12 digits)
        <input name="id" required inputMode="numeric" className={input} />
      </label>
      <label className="text-sm">
        Name
        <input name="name" required className={input} />
      </label>
      <label className="text-sm">
        Read-only role ARN
        <input name="roleArn" required placeholder="arn:aws:iam::123456789012:role/SafeguardsReadOnly" className={input} />
      </label>
      <label className="text-sm">
        ExternalId
        <input name="externalId" required className={input} />
      </label>
      <label className="text-sm md:col-span-2">
        Regions (comma-separated)
        <input name="regions" required placeholder="us-east-1, us-west-2" className={input} />
      </label>
      <div className="md:col-span-2">
        <OwnerPicker owners={owners} selected={[]} />
      </div>
      <div className="flex items-center gap-3 md:col-span-2">
        <SubmitButton>Register account</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function AccountEditForm({ account, owners }: { account: { id: string; regions: string[]; enabled: boolean; ownerIds: string[] }; owners: Owner[] }) {
  const [state, action] = useActionState(updateAccountAction, IDLE_STATE);
  return (
    <form action={action} className="mt-3 grid gap-3 md:grid-cols-2">
      <input type="hidden" name="accountId" value={account.id} />
      <label className="text-sm">
        Regions
        <input name="regions" defaultValue={account.regions.join(', ')} className={input} />
      </label>
      <label className="flex items-center gap-2 self-end text-sm">
        <input type="checkbox" name="enabled" defaultChecked={account.enabled} /> Sync this account
      </label>
      <div className="md:col-span-2">
        <OwnerPicker owners={owners} selected={account.ownerIds} />
      </div>
      <div className="flex items-center gap-3 md:col-span-2">
        <SubmitButton variant="secondary">Save</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

type TestResult = { ok: true; arn: string } | { ok: false; error: string };

export function TestAccessButton({ accountId }: { accountId: string }) {
  const [result, setResult] = useState<TestResult | null>(null);
  const [pending, setPending] = useState(false);
  async function test() {
    setPending(true);
    setResult(null);
    try {
      const response = await fetch(`/api/accounts/${accountId}/test-access`, { method: 'POST' });
      const body = await response.json();
      setResult(response.ok ? body : { ok: false, error: body.error ?? `HTTP ${response.status}` });
    } catch (error) {
      setResult({ ok: false, error: String(error) });
    } finally {
      setPending(false);
    }
  }
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
      <button type="button" onClick={test} disabled={pending} className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 disabled:opacity-60">
        {pending ? 'Testing…' : 'Test access'}
      </button>
      {result?.ok === true && (
        <span role="status" className="text-emerald-700">
          Access works: {result.arn}
        </span>
      )}
      {result?.ok === false && (
        <span role="alert" className="text-red-700">
          {result.error}
        </span>
      )}
    </div>
  );
}
