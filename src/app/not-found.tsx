import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg rounded border border-slate-200 bg-white p-6">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-700">There is nothing here, or it is not yours to see.</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline">
        Back to your start page
      </Link>
    </div>
  );
}
