'use client';
// The one shape of every decision on a record that has a version (exclusions, attestations):
// hidden id + expected version (so a decision on a stale page is refused, not applied), a
// reason box, and the server action's message and field errors.
import { useActionState } from 'react';
import type { ActionState } from '@/lib/actions';
import { FieldError, FormMessage, SubmitButton } from '@/components/form';
import { IDLE_STATE } from '@/components/form-state';

type DecisionAction = (state: ActionState<unknown>, formData: FormData) => Promise<ActionState<unknown>>;

const TONES = {
  approve: 'border-emerald-200',
  reject: 'border-red-200',
  neutral: 'border-slate-200',
} as const;

const textareaClass = 'mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm';

/** Hidden fields naming the record and the version the user saw. */
export function VersionedRecordFields({ idField, id, version }: { idField: string; id: string; version: number }) {
  return (
    <>
      <input type="hidden" name={idField} value={id} />
      <input type="hidden" name="expectedVersion" value={version} />
    </>
  );
}

export interface ReasonFormProps {
  action: DecisionAction;
  /** Unique on the page: the heading's and the error's ids derive from it. */
  formId: string;
  heading: string;
  note?: string;
  tone?: keyof typeof TONES;
  record: { idField: string; id: string; version: number };
  /** Extra hidden fields, e.g. the decision. */
  fields?: Record<string, string>;
  reason: { label: string; required: boolean };
  /** One submit button, or several that each send `decision`. */
  submit: { label: string; variant?: 'primary' | 'secondary' } | { decision: string; label: string; primary?: boolean }[];
}

export function ReasonForm({ action, formId, heading, note, tone = 'neutral', record, fields, reason, submit }: ReasonFormProps) {
  const [state, formAction] = useActionState(action, IDLE_STATE);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const headingId = `${formId}-heading`;
  const errorId = `${formId}-reason-error`;
  return (
    <form action={formAction} className={`space-y-2 rounded-lg border bg-white p-4 ${TONES[tone]}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="font-semibold">
        {heading}
      </h3>
      {note && <p className="text-sm text-slate-600">{note}</p>}
      <VersionedRecordFields {...record} />
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className="block text-sm">
        {reason.label}
        <textarea
          name="reason"
          rows={2}
          maxLength={2000}
          {...(reason.required ? { required: true, minLength: 3 } : {})}
          aria-describedby={errorId}
          className={textareaClass}
        />
      </label>
      <FieldError id={errorId} errors={errors?.reason} />
      <div className="flex flex-wrap items-center gap-3">
        {Array.isArray(submit) ? (
          submit.map((button) => (
            <button
              key={button.decision}
              type="submit"
              name="decision"
              value={button.decision}
              className={
                button.primary
                  ? 'rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700'
                  : 'rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100'
              }
            >
              {button.label}
            </button>
          ))
        ) : (
          <SubmitButton variant={submit.variant}>{submit.label}</SubmitButton>
        )}
        <FormMessage state={state} />
      </div>
    </form>
  );
}
