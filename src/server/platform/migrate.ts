// Applies the committed migrations (`prisma migrate deploy`, idempotent) through the
// offline CLI wrapper.
import { spawn } from 'node:child_process';
import path from 'node:path';

export async function applyMigrations(root: string, databaseUrl: string): Promise<void> {
  const output: Buffer[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'prisma.mjs'), 'migrate', 'deploy'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    throw new Error(`prisma migrate deploy failed (exit ${code}):\n${Buffer.concat(output).toString('utf8')}`);
  }
}
