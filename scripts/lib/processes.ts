import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/**
 * Stops a child, SIGTERM then SIGKILL after `timeoutMs`. A child spawned `detached` leads a
 * process group of its own, and then the whole group is signalled: `next start` runs the
 * server in a process of its own (`next-server`), which outlived a signal to `next start`
 * alone while it was busy with a response.
 */
export function stopChild(child: ChildProcess | undefined, timeoutMs = 10_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined && detachedChildren.has(child)) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      child.kill(name);
    }
  };
  return new Promise((resolve) => {
    const timer = setTimeout(() => signal('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      // Whatever of the group is left (the server when only its parent exited).
      if (detachedChildren.has(child) && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // the group is gone
        }
      }
      resolve();
    });
    signal('SIGTERM');
  });
}

const detachedChildren = new WeakSet<ChildProcess>();

/** Marks a child spawned with `detached: true`, so stopChild stops its whole process group. */
export function ownsProcessGroup(child: ChildProcess): ChildProcess {
  detachedChildren.add(child);
  return child;
}

export async function waitForHttp(url: string, timeoutMs: number, isAlive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the server exited before ${url} answered`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
