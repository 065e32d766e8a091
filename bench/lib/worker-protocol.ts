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

export interface SyncReply {
  wallMs: number;
  /** CPU time of the worker process during the command. */
  cpuMs: number;
  succeeded: number;
  failed: number;
  busy: number;
  errors: string[];
}

export interface FetchReply {
  wallMs: number;
  cpuMs: number;
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
