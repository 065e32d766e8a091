import Link from 'next/link';

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg rounded border border-amber-300 bg-amber-50 p-6">
      <h1 className="text-xl font-semibold">403 · Not allowed</h1>
      <p className="mt-2 text-slate-700">Your role does not give access to this page.</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline">
        Back to your start page
      </Link>
    </div>
  );
}
