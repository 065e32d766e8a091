// Driver side of the worker child process (worker-process.ts): spawn, send commands, stop.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './database';
import type { FetchReply, MemoryReply, SyncReply, WorkerCommand, WorkerReply } from './worker-protocol';

export interface BenchWorker {
  sync(command: Omit<Extract<WorkerCommand, { cmd: 'sync' }>, 'cmd'>): Promise<SyncReply>;
  fetch(command: Omit<Extract<WorkerCommand, { cmd: 'fetch' }>, 'cmd'>): Promise<FetchReply>;
  memory(): Promise<MemoryReply>;
  stop(): Promise<void>;
  pid: number;
}

/**
 * Starts a worker process running the sync code with tsx, as `npm run worker` does.
 * BENCH_CPU_PROF=dir writes a V8 CPU profile of the worker there (node --cpu-prof);
 * BENCH_WORKER_NODE_FLAGS adds node flags to the worker alone (e.g. --trace-gc).
 */
export async function startBenchWorker(options: { databaseUrl: string; env: Record<string, string> }): Promise<BenchWorker> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const child: ChildProcess = fork(path.join(ROOT, 'bench', 'lib', 'worker-process.ts'), [], {
    cwd: ROOT,
    execArgv: [
      '--import',
      'tsx',
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : []),
      ...(process.env.BENCH_WORKER_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
    ],
    env: { ...process.env, ...options.env, BENCH_DATABASE_URL: options.databaseUrl, NODE_ENV: 'production', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited = false;
  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });
  child.on('message', (reply: WorkerReply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`worker: ${reply.error}`));
  });
  child.on('exit', (code, signal) => {
    exited = true;
    for (const w of pending.values()) w.reject(new Error(`worker exited (code ${code}, signal ${signal})`));
    pending.clear();
  });
  await ready;

  const call = <T>(command: WorkerCommand): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new Error('worker has exited'));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, command });
    });

  return {
    pid: child.pid!,
    sync: (c) => call<SyncReply>({ cmd: 'sync', ...c }),
    fetch: (c) => call<FetchReply>({ cmd: 'fetch', ...c }),
    memory: () => call<MemoryReply>({ cmd: 'memory' }),
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await call({ cmd: 'exit' }).catch(() => {});
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      if (!exited) child.kill('SIGKILL');
    },
  };
}
