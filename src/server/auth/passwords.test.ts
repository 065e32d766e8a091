import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './passwords';
import { requiredWaitSeconds, FREE_FAILURES, MAX_DELAY_SECONDS } from './sign-in-throttle';

describe('passwords', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('generates distinct passwords without look-alike characters', () => {
    const a = generatePassword();
    expect(a).toHaveLength(20);
    expect(a).not.toMatch(/[0O1lI]/);
    expect(generatePassword()).not.toBe(a);
  });
});

describe('sign-in slow-down', () => {
  it('is free for the first failures, then doubles up to a cap', () => {
    expect(requiredWaitSeconds(FREE_FAILURES - 1)).toBe(0);
    expect(requiredWaitSeconds(FREE_FAILURES)).toBe(2);
    expect(requiredWaitSeconds(FREE_FAILURES + 1)).toBe(4);
    expect(requiredWaitSeconds(100)).toBe(MAX_DELAY_SECONDS);
  });
});
