// The production app for the page and export benchmarks, started exactly as `npm start`
// starts it (scripts/start.ts: migrations, `next build` when the sources changed, the
// worker, `next start`), on the benchmark's database, with the demo organization and demo
// users off, its own data directory, port and build folder. Plus: signing in through
// next-auth's credentials endpoint, and sampling the memory of the app's processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './database';
import { log } from './report';
import { descendants, parseProcStatus } from './stats';

export interface BenchApp {
  url: string;
  /** The scripts/start.ts process (it runs the sync worker in-process). */
  pid: number;
  /** Milliseconds from spawn to healthy (includes `next build` when one was needed). */
  startMs: number;
  /** Whether start.ts ran `next build`. */
  built: boolean;
  /** Whether scripts/start.ts is still running (it stops when the web server exits). */
  alive(): boolean;
  /** The last lines start.ts and the server printed. */
  output(): string;
  stop(): Promise<void>;
}

export async function startBenchApp(options: { databaseUrl: string; port: number; distDir?: string; extraEnv?: Record<string, string> }): Promise<BenchApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'safeguards-bench-app-'));
  const url = `http://localhost:${options.port}`;
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      NEXTAUTH_URL: url,
      SAFEGUARDS_DEMO: 'off',
      SAFEGUARDS_DEMO_USERS: 'off',
      SAFEGUARDS_DATA_DIR: dataDir,
      SAFEGUARDS_DIST_DIR: options.distDir ?? '.next-bench',
      // The loaded accounts are not real: no scheduled sync while the benchmark reads (an hour
      // after the load, every account-region would be due, fail, and be refreshed meanwhile).
      SAFEGUARDS_SYNC_INTERVAL_MINUTES: String(60 * 24 * 365),
      LOG_LEVEL: 'warn',
      ...options.extraEnv,
    },
  });
  let built = false;
  let ready = false;
  let output = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    if (text.includes('building the app')) {
      built = true;
      log('start.ts: building the app (next build)…');
    }
    if (text.includes('ready at')) ready = true;
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30 * 60_000; // a cold `next build` on a loaded 2-core machine is slow
  while (!ready) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`scripts/start.ts exited (${child.exitCode ?? child.signalCode}) before the app was ready:\n${output}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app was not ready within 30 minutes:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid!,
    startMs: performance.now() - started,
    built,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => output,
    stop,
  };
}

/** Cookie jar of name=value pairs from Set-Cookie headers. */
function addCookies(jar: Map<string, string>, response: Response): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
  }
}

/** Signs in through next-auth's credentials endpoint (CSRF token first) and returns the Cookie header of the session. */
export async function signIn(baseUrl: string, user: { email: string; password: string }): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  addCookies(jar, csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieHeader(), Origin: baseUrl },
    body: new URLSearchParams({ csrfToken, email: user.email, password: user.password, callbackUrl: `${baseUrl}/overview`, json: 'true' }),
  });
  addCookies(jar, response);
  if (![...jar.keys()].some((k) => k.endsWith('next-auth.session-token'))) {
    throw new Error(`sign-in failed (HTTP ${response.status}): ${(await response.text()).slice(0, 300)}`);
  }
  const me = await fetch(`${baseUrl}/api/me`, { headers: { Cookie: cookieHeader() } });
  if (!me.ok) throw new Error(`signed in, but /api/me answered ${me.status}`);
  return cookieHeader();
}

export interface ProcessPeak {
  pid: number;
  command: string;
  /** Largest VmRSS seen while sampling. */
  peakRssBytes: number;
  /** The kernel's high-water mark at the last sample (covers peaks between samples). */
  hwmBytes: number;
}

function readParents(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may contain spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended meanwhile
    }
  }
  return parents;
}

/**
 * Samples VmRSS/VmHWM of every process below `rootPid` (and the root) from /proc every
 * `intervalMs`, keeping each process's peak.
 */
export function sampleProcessTree(rootPid: number, intervalMs = 50): { stop(): ProcessPeak[] } {
  const peaks = new Map<number, ProcessPeak>();
  let tree: number[] = [];
  let lastTreeRead = 0;
  const sample = () => {
    if (Date.now() - lastTreeRead > 1000) {
      tree = [rootPid, ...descendants(rootPid, readParents())];
      lastTreeRead = Date.now();
    }
    for (const pid of tree) {
      try {
        const status = parseProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
        let peak = peaks.get(pid);
        if (!peak) {
          const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).map((a) => path.basename(a)).join(' ');
          peak = { pid, command: command || status.name || '?', peakRssBytes: 0, hwmBytes: 0 };
          peaks.set(pid, peak);
        }
        peak.peakRssBytes = Math.max(peak.peakRssBytes, status.rssBytes ?? 0);
        peak.hwmBytes = Math.max(peak.hwmBytes, status.hwmBytes ?? 0);
      } catch {
        // ended
      }
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return [...peaks.values()];
    },
  };
}

/** The Next.js server among the app's processes: `next start` (or the `next-server` it may fork). */
export function nextServerPeak(peaks: ProcessPeak[]): ProcessPeak | undefined {
  const candidates = peaks.filter((p) => /next-server|next start|\bnext\b.*\bstart\b/.test(p.command));
  return candidates.sort((a, b) => Math.max(b.peakRssBytes, b.hwmBytes) - Math.max(a.peakRssBytes, a.hwmBytes))[0];
}
