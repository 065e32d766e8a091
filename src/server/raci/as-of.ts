// "As of" dates for the RACI matrix: a calendar day in the URL (`?asOf=2024-03-01`) means the
// end of that day in UTC, so changes made during the day are included. The API also takes a
// full ISO timestamp with a zone.
import { ValidationError } from '@/server/errors';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export const AS_OF_HINT = 'Use a date like 2024-03-01.';

export interface AsOf {
  /** The instant the matrix is computed for. */
  at: Date;
  /** The calendar day asked for (`YYYY-MM-DD`), or null for "now". */
  day: string | null;
}

function isCalendarDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Parses an `asOf` query value. Empty or missing means now. Throws ValidationError (400) for
 * anything that is not a real calendar day or an ISO timestamp with a zone.
 */
export function parseAsOf(input: string | string[] | null | undefined, now: Date = new Date()): AsOf {
  const value = (Array.isArray(input) ? input[0] : input)?.trim() ?? '';
  if (!value) return { at: now, day: null };
  const day = DAY.exec(value);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (y >= 1970 && isCalendarDay(y, m, d)) return { at: new Date(`${value}T23:59:59.999Z`), day: value };
  } else if (TIMESTAMP.test(value)) {
    const at = new Date(value);
    if (!Number.isNaN(at.getTime()) && at.getTime() >= 0) return { at, day: value.slice(0, 10) };
  }
  throw new ValidationError(`asOf: "${value.slice(0, 40)}" is not a date. ${AS_OF_HINT}`, { asOf: [AS_OF_HINT] });
}

/** `YYYY-MM-DD` in UTC. */
export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:MM UTC`, for history entries. */
export function formatInstant(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
