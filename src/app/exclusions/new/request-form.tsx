'use client';
import { useActionState, useState } from 'react';
import { FieldError, FormMessage, SubmitButton } from '@/components/form';
import { IDLE_STATE } from '@/components/form-state';
import { requestExclusionAction } from '../actions';

export interface RequestFormControl {
  id: string;
  title: string;
  serviceId: string;
  serviceName: string;
  phiRelated: boolean;
}

export interface RequestFormProps {
  accounts: { id: string; name: string }[];
  controls: RequestFormControl[];
  /** Compliance officers may exclude a control across a whole account. */
  canExcludeAccount: boolean;
  initial: { accountId: string; resourceId: string; resourceType: string; controlId: string };
  dates: { default: string; min: string; max: string };
}

const input = 'mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';

export function RequestExclusionForm({ accounts, controls, canExcludeAccount, initial, dates }: RequestFormProps) {
  const [state, action] = useActionState(requestExclusionAction, IDLE_STATE);
  const errors = state.status === 'error' ? (state.fieldErrors ?? {}) : {};
  // Controlled fields keep what was typed when the server refuses the request.
  const [values, setValues] = useState({
    accountId: initial.accountId || accounts[0]?.id || '',
    resourceId: initial.resourceId,
    resourceType: initial.resourceType,
    scope: 'resource_control',
    controlId: initial.controlId || controls[0]?.id || '',
    justification: '',
    ticketRef: '',
    expiresAt: dates.default,
    noPhiAttested: false,
  });
  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setValues((v) => ({ ...v, [key]: e.target.type === 'checkbox' ? (e.target as HTMLInputElement).checked : e.target.value }));

  const control = controls.find((c) => c.id === values.controlId);
  const serviceControls = controls.filter((c) => c.serviceId === control?.serviceId);
  const phiRequired = values.scope === 'resource_service' ? serviceControls.some((c) => c.phiRelated) : Boolean(control?.phiRelated);
  const byService = new Map<string, RequestFormControl[]>();
  for (const c of controls) byService.set(c.serviceName, [...(byService.get(c.serviceName) ?? []), c]);
  const describedBy = (field: string) => (errors[field] ? `${field}-error` : undefined);

  return (
    <form action={action} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2" aria-label="Request an exclusion">
      <input type="hidden" name="serviceId" value={control?.serviceId ?? ''} />
      <div className="text-sm">
        <label htmlFor="exclusion-account">Account</label>
        <select
          id="exclusion-account"
          name="accountId"
          value={values.accountId}
          onChange={set('accountId')}
          required
          className={input}
          aria-describedby={describedBy('accountId')}
        >
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.id})
            </option>
          ))}
        </select>
        <FieldError id="accountId-error" errors={errors.accountId} />
      </div>
      <div className="text-sm">
        <label htmlFor="exclusion-control">Control</label>
        <select
          id="exclusion-control"
          name="controlId"
          value={values.controlId}
          onChange={set('controlId')}
          required
          className={input}
          aria-describedby={describedBy('controlId')}
        >
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
        <FieldError id="controlId-error" errors={errors.controlId ?? errors.serviceId} />
      </div>

      <fieldset className="text-sm md:col-span-2">
        <legend>What the exclusion covers</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="resource_control" checked={values.scope === 'resource_control'} onChange={set('scope')} />
            This resource, this control
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="resource_service" checked={values.scope === 'resource_service'} onChange={set('scope')} />
            This resource, every control of {control?.serviceName ?? 'its service'}
          </label>
          {canExcludeAccount && (
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" value="account_control" checked={values.scope === 'account_control'} onChange={set('scope')} />
              This control, across the whole account
            </label>
          )}
        </div>
        <FieldError id="scope-error" errors={errors.scope} />
      </fieldset>

      {values.scope !== 'account_control' && (
        <>
          <label className="text-sm">
            Resource (ARN or resource id)
            <input
              name="resourceId"
              value={values.resourceId}
              onChange={set('resourceId')}
              required
              maxLength={2048}
              className={`${input} font-mono`}
              aria-describedby={describedBy('resourceId')}
            />
            <FieldError id="resourceId-error" errors={errors.resourceId} />
          </label>
          <label className="text-sm">
            Resource type (optional)
            <input name="resourceType" value={values.resourceType} onChange={set('resourceType')} maxLength={256} className={`${input} font-mono`} />
          </label>
        </>
      )}

      <label className="text-sm md:col-span-2">
        Justification (required: why is this resource knowingly outside the control?)
        <textarea
          name="justification"
          value={values.justification}
          onChange={set('justification')}
          required
          minLength={10}
          maxLength={4000}
          rows={4}
          className={input}
          aria-describedby={describedBy('justification')}
        />
        <FieldError id="justification-error" errors={errors.justification} />
      </label>

      <div className="text-sm md:col-span-2">
        <label className="flex items-start gap-2">
          <input type="checkbox" name="noPhiAttested" checked={values.noPhiAttested} onChange={set('noPhiAttested')} className="mt-1" aria-describedby="phi-hint" />
          <span>
            I attest that {values.scope === 'account_control' ? 'no resource of this account the control covers' : 'this resource'} stores or transmits
            no PHI or PII.
          </span>
        </label>
        <p id="phi-hint" className="ml-6 text-slate-600">
          {phiRequired
            ? 'Required: the control protects PHI. The account owner stays accountable for keeping PHI and PII out of an excluded resource.'
            : 'Optional: the control is not about PHI.'}
        </p>
        <FieldError id="noPhiAttested-error" errors={errors.noPhiAttested} />
      </div>

      <label className="text-sm">
        Ticket reference (optional)
        <input name="ticketRef" value={values.ticketRef} onChange={set('ticketRef')} maxLength={200} className={input} aria-describedby={describedBy('ticketRef')} />
        <FieldError id="ticketRef-error" errors={errors.ticketRef} />
      </label>
      <label className="text-sm">
        Expires on (end of the day, UTC; at most 365 days ahead)
        <input
          type="date"
          name="expiresAt"
          value={values.expiresAt}
          onChange={set('expiresAt')}
          min={dates.min}
          max={dates.max}
          required
          className={input}
          aria-describedby={describedBy('expiresAt')}
        />
        <FieldError id="expiresAt-error" errors={errors.expiresAt} />
      </label>

      <div className="flex items-center gap-3 md:col-span-2">
        <SubmitButton>Request exclusion</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
