// Small presentational pieces for the evidence pages.

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** A key fingerprint in groups of four, in a monospace block that wraps. */
export function Fingerprint({ value, testId }: { value: string; testId?: string }) {
  return (
    <code data-testid={testId} data-fingerprint={value} className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
      {value.replace(/(.{4})(?=.)/g, '$1 ')}
    </code>
  );
}

export function ProblemList({ problems }: { problems: { file: string | null; message: string }[] }) {
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="verify-problems">
      {problems.map((p, i) => (
        <li key={i}>
          {p.file && <code className="mr-1 rounded bg-red-100 px-1 text-red-900">{p.file}</code>}
          {p.message}
        </li>
      ))}
    </ul>
  );
}
