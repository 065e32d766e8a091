import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '@/server/errors';
import { findNulCharacter } from '@/server/storable-text';
import { expectedVersionSchema, parseDateOrTimestamp, parseOrThrow } from './validation';

describe('parseOrThrow', () => {
  const schema = z.object({ name: z.string().min(1, 'Enter a name.'), tags: z.array(z.string()).optional() });

  it('returns the parsed input, or a ValidationError naming the field', () => {
    expect(parseOrThrow(schema, { name: 'Claims' })).toEqual({ name: 'Claims' });
    expect(() => parseOrThrow(schema, { name: '' })).toThrow(new ValidationError('name: Enter a name.', { name: ['Enter a name.'] }));
  });

  it('refuses U+0000 anywhere in the input, naming where, before the schema sees it', () => {
    const error = (() => {
      try {
        parseOrThrow(schema, { name: 'Claims', tags: ['ok', 'a\u0000b'] });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe('tags.1: Text may not contain the NUL character (U+0000).');
    expect((error as ValidationError).fieldErrors).toEqual({ 'tags.1': ['Text may not contain the NUL character (U+0000).'] });
  });
});

describe('findNulCharacter', () => {
  it('finds the first string holding U+0000 at any depth, and nothing in clean input', () => {
    expect(findNulCharacter('\u0000')).toEqual([]);
    expect(findNulCharacter({ a: [{ b: 'x' }, { c: 'y\u0000' }] })).toEqual(['a', 1, 'c']);
    expect(findNulCharacter({ a: ['x', 1, null, true, { b: '\\u0000 written out' }] })).toBeUndefined();
  });
});

describe('expectedVersionSchema', () => {
  it('takes a positive integer that fits the version column, as a number or form text', () => {
    expect(expectedVersionSchema.parse('3')).toBe(3);
    expect(expectedVersionSchema.parse(2_147_483_647)).toBe(2_147_483_647);
    expect(expectedVersionSchema.parse(undefined)).toBeUndefined();
    for (const bad of [0, -1, 1.5, 2 ** 31, '1000000000000000', 'x']) expect(expectedVersionSchema.safeParse(bad).success).toBe(false);
  });
});

describe('parseDateOrTimestamp', () => {
  it.each([
    ['2027-02-28', '2027-02-28T23:59:59.999Z'],
    ['2028-02-29', '2028-02-29T23:59:59.999Z'],
    ['2027-02-28T08:00Z', '2027-02-28T08:00:00.000Z'],
    ['2027-02-28T08:00:30.5+02:00', '2027-02-28T06:00:30.500Z'],
  ])('reads %s', (text, iso) => {
    expect(parseDateOrTimestamp(text)?.toISOString()).toBe(iso);
  });

  it.each(['2027-02-29', '2027-02-30T12:00:00Z', '2027-04-31', '2027-13-01', '2027-00-10', '2027-01-10T24:00Z', '2027-01-10T12:60Z', '2027-01-10T12:00', 'June 5 2027', '2027-1-5', ''])(
    'refuses %s',
    (text) => {
      expect(parseDateOrTimestamp(text)).toBeUndefined();
    },
  );
});
