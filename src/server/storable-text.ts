// Text PostgreSQL can store. Free of dependencies, so client components share the message.

/** PostgreSQL's `text` cannot hold U+0000, so such input would fail in the database as a 500. */
export const NUL_CHARACTER_MESSAGE = 'Text may not contain the NUL character (U+0000).';

/** The path of the first string in `input` (plain objects and arrays, at any depth) that holds U+0000. */
export function findNulCharacter(input: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof input === 'string') return input.includes('\u0000') ? path : undefined;
  if (Array.isArray(input)) {
    for (let i = 0; i < input.length; i++) {
      const found = findNulCharacter(input[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (input !== null && typeof input === 'object' && (Object.getPrototypeOf(input) === Object.prototype || Object.getPrototypeOf(input) === null)) {
    for (const [key, value] of Object.entries(input)) {
      const found = findNulCharacter(value, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
