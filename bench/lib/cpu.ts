// CPU time, to show where a run's time goes when the machine's two cores are the limit:
// this process (the AWS endpoint), the worker process, and the PostgreSQL cluster
// (postmaster and every backend, alive or exited; read from /proc, so only for a
// server on this machine; with DATABASE_URL it includes other clients of that server).
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { parseAutogroupSetting, parseProcStatCpu } from './stats';
import type { MainThreadTime } from './worker-protocol';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat {
  ppid: number;
  /** utime + stime, ms */
  own: number;
  /** cutime + cstime of reaped children, ms */
  children: number;
}

function procStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = (i: number) => Number(fields[i - 3]);
    return {
      ppid: Number(fields[1]),
      own: ((ticks(14) + ticks(15)) * 1000) / TICKS_PER_SECOND,
      children: ((ticks(16) + ticks(17)) * 1000) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined;
  }
}

/** CPU ms used so far by a process and all its descendants (alive, and reaped). */
export function processTreeCpuMs(rootPid: number): number | undefined {
  const root = procStat(rootPid);
  if (!root) return undefined;
  const byParent = new Map<number, { pid: number; stat: ProcStat }[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = procStat(pid);
    if (!stat) continue;
    const list = byParent.get(stat.ppid) ?? [];
    list.push({ pid, stat });
    byParent.set(stat.ppid, list);
  }
  let total = root.own + root.children;
  const stack = [rootPid];
  while (stack.length) {
    for (const child of byParent.get(stack.pop()!) ?? []) {
      total += child.stat.own + child.stat.children;
      stack.push(child.pid);
    }
  }
  return total;
}

/** The postmaster's pid, when the server runs on this machine and /proc shows it. */
export async function postmasterPid(databaseUrl: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return procStat(rows[0].pid)?.ppid;
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}

export interface CpuMeter {
  /**
   * CPU ms of each part since the meter was started, and the share of the machine's CPU
   * time (all cores) the hypervisor gave to other guests meanwhile (steal, 0–1).
   */
  read(): { endpointMs: number; postgresMs: number | undefined; stealShare: number | undefined };
}

function machineCpu() {
  try {
    return parseProcStatCpu(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

export function startCpuMeter(postmaster: number | undefined): CpuMeter {
  const self0 = process.cpuUsage();
  const pg0 = postmaster ? processTreeCpuMs(postmaster) : undefined;
  const machine0 = machineCpu();
  return {
    read() {
      const self = process.cpuUsage(self0);
      const pgNow = postmaster ? processTreeCpuMs(postmaster) : undefined;
      const machine = machineCpu();
      const ticks = machine && machine0 ? machine.totalTicks - machine0.totalTicks : 0;
      return {
        endpointMs: (self.user + self.system) / 1000,
        postgresMs: pg0 !== undefined && pgNow !== undefined ? pgNow - pg0 : undefined,
        stealShare: machine && machine0 && ticks > 0 ? (machine.stealTicks - machine0.stealTicks) / ticks : undefined,
      };
    },
  };
}

/**
 * The calling process's main thread so far, from /proc/self/schedstat (ns on a core, ns
 * runnable in the run queue): whether a slow run waited for a core or for its I/O.
 */
export function mainThreadTime(): MainThreadTime | undefined {
  try {
    const [onCpuNs, waitingNs] = readFileSync('/proc/self/schedstat', 'utf8').split(' ').map(Number);
    return { onCpuMs: onCpuNs / 1e6, waitingForCpuMs: waitingNs / 1e6 };
  } catch {
    return undefined;
  }
}

export function mainThreadTimeSince(start: MainThreadTime | undefined): MainThreadTime | undefined {
  const now = mainThreadTime();
  if (!start || !now) return undefined;
  return { onCpuMs: now.onCpuMs - start.onCpuMs, waitingForCpuMs: now.waitingForCpuMs - start.waitingForCpuMs };
}

/**
 * Whether the kernel schedules by autogroup (one group per session). Every PostgreSQL
 * backend starts a session of its own (setsid), so under autogroup each busy backend
 * weighs as much as the whole worker process does: four writing backends get four shares.
 */
export function kernelAutogroup(): boolean | undefined {
  try {
    return parseAutogroupSetting(readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8'));
  } catch {
    return undefined;
  }
}
