'use client';
// The fallback of a route segment's error boundary: a plain message and a way to try again.
export function RouteError({ what, retry }: { what: string; retry: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded border border-red-300 bg-red-50 p-6">
      <h1 className="text-xl font-semibold">Could not load {what}</h1>
      <p className="mt-2 text-slate-700">Something went wrong on our side. It has been logged.</p>
      <button type="button" onClick={retry} className="mt-4 rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        Try again
      </button>
    </div>
  );
}
