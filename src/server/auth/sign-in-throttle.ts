// Slows down password guessing per e-mail address: the first few failures cost
// nothing, then each further attempt must wait twice as long as the last.
import type { Db } from '@/server/db';

export const FREE_FAILURES = 4;
export const MAX_DELAY_SECONDS = 15 * 60;
/** Failures older than this are forgotten. */
export const FAILURE_WINDOW_SECONDS = 60 * 60;

export function requiredWaitSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES + 1), MAX_DELAY_SECONDS);
}

/** Seconds the caller still has to wait before trying this e-mail again (0 = may try). */
export async function secondsUntilNextAttempt(db: Db, email: string, now: Date): Promise<number> {
  const throttle = await db.signInThrottle.findUnique({ where: { email } });
  if (!throttle) return 0;
  const sinceLast = (now.getTime() - throttle.lastFailedAt.getTime()) / 1000;
  if (sinceLast > FAILURE_WINDOW_SECONDS) return 0;
  return Math.max(0, Math.ceil(requiredWaitSeconds(throttle.failures) - sinceLast));
}

export async function recordFailedSignIn(db: Db, email: string, now: Date): Promise<void> {
  // One statement, so concurrent failures all count.
  await db.$executeRaw`
    INSERT INTO sign_in_throttles (email, failures, last_failed_at) VALUES (${email}, 1, ${now})
    ON CONFLICT (email) DO UPDATE SET
      failures = CASE WHEN sign_in_throttles.last_failed_at < ${now}::timestamptz - make_interval(secs => ${FAILURE_WINDOW_SECONDS})
                      THEN 1 ELSE sign_in_throttles.failures + 1 END,
      last_failed_at = ${now}`;
}

export async function clearFailedSignIns(db: Db, email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { email } });
}
