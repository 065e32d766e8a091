// Pure helpers for the benchmarks: percentiles, /proc parsing, and what bounds the ingest ratio.

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

/**
 * The lowest sync ÷ fetch-only ratio any schedule of this machine could give: every CPU
 * second the sync used (endpoint, worker and Postgres alike) spread evenly over all the
 * cores, against the fetch-only run's wall time. undefined when a part was not measured.
 */
export function ratioFloor(syncCpuMs: readonly (number | undefined)[], cores: number, fetchWallMs: number): number | undefined {
  if (cores < 1 || fetchWallMs <= 0 || syncCpuMs.some((ms) => ms === undefined)) return undefined;
  const totalMs = syncCpuMs.reduce<number>((sum, ms) => sum + ms!, 0);
  return totalMs / cores / fetchWallMs;
}

/**
 * The ratio had the worker's main thread never waited for a core, i.e. with the sync's
 * wall time less its run-queue delay: an estimate of the sync with Postgres and the AWS
 * side on cores of their own, the rest of its pipeline (its own CPU, its I/O waits) unchanged.
 */
export function ratioWithoutCpuWait(syncWallMs: number, waitingForCpuMs: number | undefined, fetchWallMs: number): number | undefined {
  if (waitingForCpuMs === undefined || fetchWallMs <= 0) return undefined;
  return (syncWallMs - waitingForCpuMs) / fetchWallMs;
}

/** Whether the kernel groups tasks per session for scheduling (autogroup), or undefined when it does not say. */
export function parseAutogroupSetting(text: string | undefined): boolean | undefined {
  const value = text?.trim();
  return value === '1' ? true : value === '0' ? false : undefined;
}

/**
 * The machine's CPU time from /proc/stat's first line, in ticks: all of it (user through
 * steal; guest time is already in user) and the part the hypervisor gave to other guests
 * (steal). undefined when the line is not there.
 */
export function parseProcStatCpu(text: string): { totalTicks: number; stealTicks: number } | undefined {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return undefined;
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (ticks.length < 8 || ticks.some((t) => !Number.isFinite(t))) return undefined;
  return { totalTicks: ticks.reduce((sum, t) => sum + t, 0), stealTicks: ticks[7] };
}
