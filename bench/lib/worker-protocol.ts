// Messages between a benchmark driver and its worker child process.
import type { SyncSource } from '@/generated/prisma/enums';

export interface Target {
  accountId: string;
  region: string;
}

export type WorkerCommand =
  | { cmd: 'sync'; targets: Target[]; sources: SyncSource[]; concurrency: number; trigger: string }
  | { cmd: 'fetch'; targets: Target[]; concurrency: number }
  | { cmd: 'memory' }
  | { cmd: 'exit' };

/** Where the worker's main thread (which runs all of the sync's JavaScript) spent a command's wall time. */
export interface MainThreadTime {
  /** On a core. */
  onCpuMs: number;
  /** Runnable, waiting for a core (the kernel's run-queue delay). */
  waitingForCpuMs: number;
}

export interface SyncReply {
  wallMs: number;
  /** CPU time of the worker process during the command. */
  cpuMs: number;
  /** Undefined where the kernel does not expose /proc/self/schedstat. */
  mainThread?: MainThreadTime;
  succeeded: number;
  failed: number;
  busy: number;
  errors: string[];
}

export interface FetchReply {
  wallMs: number;
  cpuMs: number;
  mainThread?: MainThreadTime;
  pages: number;
  fetched: number;
  normalized: number;
  apiCalls: number;
}

export interface MemoryReply {
  /** Highest process.memoryUsage().rss sampled every 20 ms since the process started. */
  peakRssBytes: number;
  /** process.resourceUsage().maxRSS, from the kernel. */
  maxRssBytes: number;
  /** process.memoryUsage() when the RSS peaked: where the memory was. */
  atPeak: string;
}

export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
