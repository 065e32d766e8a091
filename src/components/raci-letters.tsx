// RACI letters as a compact badge with the words spelled out for screen readers.
const WORDS: Record<string, string> = { R: 'Responsible', A: 'Accountable', C: 'Consulted', I: 'Informed' };

export function raciWords(letters: string): string {
  return letters ? letters.split('').map((l) => WORDS[l] ?? l).join(', ') : 'not involved';
}

export function RaciLetters({ letters, testId }: { letters: string; testId?: string }) {
  return (
    <span data-letters={letters} data-testid={testId} title={raciWords(letters)} className="font-mono font-semibold tracking-wide">
      <span aria-hidden="true" className={letters ? (letters.includes('A') ? 'text-brand-900' : 'text-slate-800') : 'text-slate-400'}>
        {letters || '—'}
      </span>
      <span className="sr-only">{raciWords(letters)}</span>
    </span>
  );
}

export function RaciLegend() {
  return (
    <p className="text-sm text-slate-600">
      <span className="font-mono font-semibold">R</span> Responsible (does the work) · <span className="font-mono font-semibold">A</span> Accountable
      (answers for it; exactly one party per control) · <span className="font-mono font-semibold">C</span> Consulted ·{' '}
      <span className="font-mono font-semibold">I</span> Informed · <span className="font-mono">—</span> not involved
    </p>
  );
}
