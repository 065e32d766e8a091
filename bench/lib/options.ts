// Non-numeric command-line options of the benchmarks (numbers: report.ts `flag`).

/** `--name value`, or the fallback. */
export function textFlag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = process.argv[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

/** `--name` present. */
export function boolFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** Resolves on SIGINT or SIGTERM (for `--hold`: keep the database until Ctrl-C). */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * `--database-url <url>`: use a database loaded earlier (`--load-only --hold`) instead of
 * creating and loading one; it is left as it is at the end (users created for the run aside).
 */
export function reusedDatabaseUrl(): string | undefined {
  const i = process.argv.indexOf('--database-url');
  return i < 0 ? undefined : textFlag('database-url', '');
}
