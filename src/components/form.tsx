'use client';
import { useFormStatus } from 'react-dom';
import type { ActionState } from '@/lib/actions';

export function SubmitButton({ children, variant = 'primary' }: { children: React.ReactNode; variant?: 'primary' | 'secondary' }) {
  const { pending } = useFormStatus();
  const style =
    variant === 'primary'
      ? 'bg-brand-600 text-white hover:bg-brand-700'
      : 'border border-slate-300 bg-white text-slate-700 hover:bg-slate-100';
  return (
    <button type="submit" disabled={pending} className={`rounded px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${style}`}>
      {pending ? 'Working…' : children}
    </button>
  );
}

export function FormMessage({ state }: { state: ActionState<unknown> }) {
  if (state.status === 'idle') return null;
  const ok = state.status === 'ok';
  return (
    <p role={ok ? 'status' : 'alert'} className={`text-sm ${ok ? 'text-emerald-700' : 'text-red-700'}`}>
      {state.message}
    </p>
  );
}

/** A field's messages from the server, below the field (its `id` goes in the field's aria-describedby). */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {errors.join(' ')}
    </p>
  );
}
