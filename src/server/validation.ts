// Input validation shared by every domain: the one parse that turns bad input into a 400
// (ValidationError) with a message per field, and the checks zod does not make itself.
import { z } from 'zod';
import { ValidationError } from '@/server/errors';
import { findNulCharacter, NUL_CHARACTER_MESSAGE } from '@/server/storable-text';

function validationError(path: (string | number)[], message: string): ValidationError {
  const key = path.join('.') || '_';
  return new ValidationError(`${path.length ? `${key}: ` : ''}${message}`, { [key]: [message] });
}

/** Parses `input` with `schema`, or throws a ValidationError naming the first field at fault. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const nulAt = findNulCharacter(input);
  if (nulAt) throw validationError(nulAt, NUL_CHARACTER_MESSAGE);
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || '_';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = parsed.error.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  throw new ValidationError(`${where}${first?.message ?? 'Invalid input.'}`, fieldErrors);
}

/** A record's `version` (optimistic locking) as a client echoes it back: a positive `integer` column. */
export const expectedVersionSchema = z.coerce
  .number()
  .int('The version is a whole number.')
  .positive('The version is a whole number from 1.')
  .max(2_147_483_647, 'The version is out of range; reload the page.')
  .optional();

const DATE_OR_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * A calendar date (`2025-03-31`: the end of that day, UTC) or an ISO 8601 timestamp with its
 * offset (`2025-03-31T08:00:00Z`), or undefined when the text is neither or names a day or time
 * that does not exist (`2025-02-30`, which `new Date` would roll over into March).
 */
export function parseDateOrTimestamp(text: string): Date | undefined {
  const m = DATE_OR_TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  if (m[4] === undefined) return new Date(Date.UTC(year, month - 1, day, 23, 59, 59, 999));
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const offsetHours = m[8] === undefined ? 0 : Number(m[8]);
  const offsetMinutes = m[9] === undefined ? 0 : Number(m[9]);
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
