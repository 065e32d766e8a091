'use client';
import { useActionState, useState } from 'react';
import { FormMessage, SubmitButton } from '@/components/form';
import { IDLE_STATE } from '@/components/form-state';
import { saveRaciAction } from './actions';

export interface EditableParty {
  id: string;
  name: string;
  letters: string;
}

const inputClass = 'w-24 rounded border px-2 py-1.5 font-mono uppercase';

export function RaciEditForm({ controlId, parties }: { controlId: string; parties: EditableParty[] }) {
  const [state, action] = useActionState(saveRaciAction, IDLE_STATE);
  const saved = Object.fromEntries(parties.map((p) => [p.id, p.letters]));
  const savedKey = JSON.stringify(saved);
  // Controlled fields keep what was typed when the server refuses it; when the saved row
  // changes (after a successful save), they start again from it.
  const [values, setValues] = useState(saved);
  const [reason, setReason] = useState('');
  const [shownKey, setShownKey] = useState(savedKey);
  if (shownKey !== savedKey) {
    setShownKey(savedKey);
    setValues(saved);
    setReason('');
  }
  const errors = state.status === 'error' ? (state.fieldErrors ?? {}) : {};
  const rowError = errors.letters?.[0];

  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="edit-raci">
      <h3 id="edit-raci" className="font-semibold">
        Change the letters
      </h3>
      <p id="letters-hint" className="text-sm text-slate-600">
        Any of R, A, C and I (in any order, e.g. “ra”); leave empty when the party is not involved. Exactly one party holds A: to move it, change both
        parties in one save.
      </p>
      <input type="hidden" name="controlId" value={controlId} />
      {parties.map((p) => (
        <input key={p.id} type="hidden" name={`expected.${p.id}`} value={p.letters} />
      ))}
      <div className="flex flex-wrap gap-4">
        {parties.map((p) => {
          const fieldError = errors[`letters.${p.id}`]?.[0];
          const id = `letters-${p.id}`;
          return (
            <div key={p.id} className="text-sm">
              <label htmlFor={id} className="block">
                {p.name}
              </label>
              <input
                id={id}
                name={`letters.${p.id}`}
                value={values[p.id] ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, [p.id]: e.target.value }))}
                maxLength={20}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={fieldError || rowError ? true : undefined}
                aria-describedby={fieldError ? `${id}-error letters-hint` : 'letters-hint'}
                className={`${inputClass} mt-1 ${fieldError ? 'border-red-500' : 'border-slate-300'}`}
              />
              {fieldError && (
                <p id={`${id}-error`} className="mt-1 max-w-56 text-xs text-red-700">
                  {fieldError}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <label className="block text-sm">
        Why (kept in the history)
        <textarea
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          minLength={3}
          maxLength={1000}
          rows={2}
          aria-invalid={errors.reason ? true : undefined}
          className="mt-1 block w-full max-w-2xl rounded border border-slate-300 px-2 py-1.5"
        />
      </label>
      {errors.reason && <p className="text-xs text-red-700">{errors.reason[0]}</p>}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>Save RACI</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
