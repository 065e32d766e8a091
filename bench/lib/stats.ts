// Pure helpers for the page and export benchmarks: percentiles and /proc parsing.

/** The p-th percentile (0–100) of `values`, nearest-rank method; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new Error(`percentile out of range: ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** kB figures of /proc/<pid>/status (VmRSS, VmHWM…) in bytes; fields absent are left out. */
export function parseProcStatus(text: string): { rssBytes?: number; hwmBytes?: number; name?: string; ppid?: number } {
  const out: { rssBytes?: number; hwmBytes?: number; name?: string; ppid?: number } = {};
  for (const line of text.split('\n')) {
    const [key, rest] = [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()];
    if (key === 'VmRSS') out.rssBytes = Number.parseInt(rest, 10) * 1024;
    else if (key === 'VmHWM') out.hwmBytes = Number.parseInt(rest, 10) * 1024;
    else if (key === 'Name') out.name = rest;
    else if (key === 'PPid') out.ppid = Number.parseInt(rest, 10);
  }
  return out;
}

/** Every descendant of `root` (not root itself), from a pid → parent pid map. */
export function descendants(root: number, parents: ReadonlyMap<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const out: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}
