'use client';
import { useActionState, useState } from 'react';
import { FieldError, FormMessage, SubmitButton } from '@/components/form';
import { IDLE_STATE } from '@/components/form-state';
import { createAccountAction, updateAccountAction } from './actions';

type Owner = { id: string; name: string; email: string };
const input = 'mt-1 w-full rounded border border-slate-300 px-2 py-1.5';

function OwnerPicker({ owners, selected, onChange }: { owners: Owner[]; selected: string[]; onChange: (selected: string[]) => void }) {
  if (owners.length === 0) return <p className="text-sm text-slate-500">No user has the account owner role yet.</p>;
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  return (
    <fieldset className="text-sm">
      <legend>Owners</legend>
      <div className="mt-1 flex flex-wrap gap-3">
        {owners.map((o) => (
          <label key={o.id} className="flex items-center gap-1">
            <input type="checkbox" name="ownerIds" value={o.id} checked={selected.includes(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} />
            {o.name} <span className="text-slate-500">({o.email})</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A labelled text input whose value survives a refused submission, with its field's error below it. */
function TextField(props: { name: string; label: string; value: string; onChange: (value: string) => void; errors: Record<string, string[]>; wide?: boolean; placeholder?: string; inputMode?: 'numeric' }) {
  const errorId = `account-${props.name}-error`;
  return (
    <div className={`text-sm ${props.wide ? 'md:col-span-2' : ''}`}>
      <label>
        {props.label}
        <input
          name={props.name}
          required
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          placeholder={props.placeholder}
          inputMode={props.inputMode}
          aria-invalid={props.errors[props.name] ? true : undefined}
          aria-describedby={props.errors[props.name] ? errorId : undefined}
          className={input}
        />
      </label>
      <FieldError id={errorId} errors={props.errors[props.name]} />
    </div>
  );
}

const EMPTY_ACCOUNT = { id: '', name: '', roleArn: '', externalId: '', regions: '' };

export function CreateAccountForm({ owners }: { owners: Owner[] }) {
  const [state, action] = useActionState(createAccountAction, IDLE_STATE);
  const errors = state.status === 'error' ? (state.fieldErrors ?? {}) : {};
  // Controlled fields keep what was typed when the server refuses the registration.
  const [values, setValues] = useState(EMPTY_ACCOUNT);
  const [ownerIds, setOwnerIds] = useState<string[]>([]);
  // A registered account empties the form for the next one (state adjusted while rendering, as React advises).
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    if (state.status === 'ok') {
      setValues(EMPTY_ACCOUNT);
      setOwnerIds([]);
    }
  }
  const field = (name: keyof typeof values) => ({ name, value: values[name], onChange: (value: string) => setValues((v) => ({ ...v, [name]: value })), errors });
  return (
    <form action={action} className="mt-3 grid gap-3 md:grid-cols-2">
      <TextField {...field('id')} label="Account id (12 digits)" inputMode="numeric" />
      <TextField {...field('name')} label="Name" />
      <TextField {...field('roleArn')} label="Read-only role ARN" placeholder="arn:aws:iam::123456789012:role/SafeguardsReadOnly" />
      <TextField {...field('externalId')} label="ExternalId" />
      <TextField {...field('regions')} label="Regions (comma-separated)" placeholder="us-east-1, us-west-2" wide />
      <div className="md:col-span-2">
        <OwnerPicker owners={owners} selected={ownerIds} onChange={setOwnerIds} />
        <FieldError id="account-ownerIds-error" errors={errors.ownerIds} />
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
  // Controlled, so a refused change keeps what was edited instead of snapping back.
  const [regions, setRegions] = useState(account.regions.join(', '));
  const [enabled, setEnabled] = useState(account.enabled);
  const [ownerIds, setOwnerIds] = useState(account.ownerIds);
  return (
    <form action={action} className="mt-3 grid gap-3 md:grid-cols-2">
      <input type="hidden" name="accountId" value={account.id} />
      <label className="text-sm">
        Regions
        <input name="regions" value={regions} onChange={(e) => setRegions(e.target.value)} className={input} />
      </label>
      <label className="flex items-center gap-2 self-end text-sm">
        <input type="checkbox" name="enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Sync this account
      </label>
      <div className="md:col-span-2">
        <OwnerPicker owners={owners} selected={ownerIds} onChange={setOwnerIds} />
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
