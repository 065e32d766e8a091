// What every benchmark prints last: one table, name | measured | target | pass/miss.
import os from 'node:os';

export interface Figure {
  name: string;
  measured: string;
  /** Empty when the figure is reported without a target. */
  target?: string;
  /** undefined: reported only. */
  pass?: boolean;
  /** Printed after pass/miss when the measurement itself is in doubt. */
  caveat?: string;
}

export function printTable(title: string, figures: Figure[], notes: string[] = []): void {
  const rows = figures.map((f) => [f.name, f.measured, f.target ?? '—', `${f.pass === undefined ? '—' : f.pass ? 'pass' : 'MISS'}${f.caveat ? ` (${f.caveat})` : ''}`]);
  const header = ['name', 'measured', 'target', 'pass/miss'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n## ${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log('');
  for (const n of [machine(), ...notes]) console.log(`- ${n}`);
  console.log('');
}

export function machine(): string {
  const cpus = os.cpus();
  return `machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`;
}

export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const int = (n: number) => Math.round(n).toLocaleString('en-US');

export function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]?.replace(/_/g, ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
  return n;
}

export function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}
