// The production web server: `next start`, once per process of a Node cluster sharing one port.
// Node runs JavaScript on one thread, so a single `next start` renders one page at a time
// however many cores the machine has; with several processes, requests arriving together are
// rendered in parallel (bench/RESULTS.md, benchmark 4). Each process is a plain `next start`
// (cluster workers share the listening socket); nothing in the app is kept per process that
// another one needs: sessions, sign-in throttling and posture all live in PostgreSQL.
//
//   node scripts/web-server.mjs <port> <processes>
//
// SIGTERM or SIGINT stops every process; when one exits on its own, the others are stopped
// and this process exits with its code, so `npm start` stops as it did with one server.
import cluster from 'node:cluster';
import path from 'node:path';

const [port, processesArg] = process.argv.slice(2);
const processes = Math.max(1, Number.parseInt(processesArg ?? '1', 10) || 1);
const nextBin = path.join(import.meta.dirname, '..', 'node_modules', 'next', 'dist', 'bin', 'next');

cluster.setupPrimary({ exec: nextBin, args: ['start', '-p', port] });
let stopping = false;

function stopAll(signal) {
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
}

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => stopAll(signal));

cluster.on('exit', (worker, code, signal) => {
  if (!stopping) {
    console.error(`[safeguards] web server process ${worker.process.pid} exited (${code ?? signal}); stopping the others`);
    stopAll('SIGTERM');
    process.exitCode = code ?? 1;
  }
  if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
});

for (let i = 0; i < processes; i++) cluster.fork();
