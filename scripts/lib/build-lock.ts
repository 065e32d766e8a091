// One production build at a time per checkout: a second `npm start` (or e2e run) waits
// for the first one's build instead of writing into the same .next folder.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const STALE_MS = 15 * 60 * 1000;

export async function withBuildLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(root, `${process.env.SAFEGUARDS_DIST_DIR ?? '.next'}.build-lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed build is taken over once it is clearly stale.
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone already
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
