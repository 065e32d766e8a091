import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/server/errors';
import { formatDay, formatInstant, parseAsOf } from './as-of';

describe('parseAsOf', () => {
  const now = new Date('2025-06-15T10:00:00Z');

  it.each([undefined, null, '', '   ', ['']])('means now for %j', (input) => {
    expect(parseAsOf(input, now)).toEqual({ at: now, day: null });
  });

  it('takes a calendar day as the end of that day in UTC', () => {
    expect(parseAsOf('2024-03-01', now)).toEqual({ at: new Date('2024-03-01T23:59:59.999Z'), day: '2024-03-01' });
    expect(parseAsOf(['2024-02-29', '2020-01-01'], now).day).toBe('2024-02-29');
  });

  it('takes an ISO timestamp with a zone as that instant', () => {
    expect(parseAsOf('2024-03-01T12:30:00Z', now).at).toEqual(new Date('2024-03-01T12:30:00Z'));
    expect(parseAsOf('2024-03-01T12:30:00.250+02:00', now).at).toEqual(new Date('2024-03-01T10:30:00.250Z'));
  });

  it.each(['yesterday', '2024-02-30', '2023-02-29', '2024-13-01', '24-03-01', '2024-3-1', '2024-03-01T12:00', '1969-12-31', "2024-03-01' OR 1=1"])(
    'refuses %j with a 400 and a hint',
    (input) => {
      expect(() => parseAsOf(input, now)).toThrow(ValidationError);
      expect(() => parseAsOf(input, now)).toThrow(/Use a date like 2024-03-01/);
    },
  );
});

describe('formatting', () => {
  it('prints days and instants in UTC', () => {
    const at = new Date('2024-03-01T23:05:09.999Z');
    expect(formatDay(at)).toBe('2024-03-01');
    expect(formatInstant(at)).toBe('2024-03-01 23:05 UTC');
  });
});
