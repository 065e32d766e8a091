// "Builds if needed": a production build is reused while nothing it is made from has
// changed (sources, config, dependencies), judged by paths, sizes and mtimes.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const INPUTS = ['src', 'public', 'next.config.js', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json', 'prisma/schema.prisma'];

export function sourceFingerprint(root: string): string {
  const hash = createHash('sha256');
  const visit = (relative: string) => {
    const full = path.join(root, relative);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(full).sort()) {
        if (/\.test\.tsx?$/.test(entry)) continue;
        visit(path.join(relative, entry));
      }
    } else {
      hash.update(`${relative}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  INPUTS.forEach(visit);
  return hash.digest('hex');
}

const distDir = (root: string) => path.join(root, process.env.SAFEGUARDS_DIST_DIR ?? '.next');
const marker = (root: string) => path.join(distDir(root), 'safeguards-fingerprint');

export function buildIsCurrent(root: string): boolean {
  return existsSync(path.join(distDir(root), 'BUILD_ID')) && existsSync(marker(root)) && readFileSync(marker(root), 'utf8') === sourceFingerprint(root);
}

export function recordBuild(root: string): void {
  writeFileSync(marker(root), sourceFingerprint(root));
}
