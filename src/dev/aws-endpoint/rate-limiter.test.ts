import { describe, expect, it } from 'vitest';
import { AWS_RATE_LIMITS, defaultRateLimit, RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it("uses Security Hub's published GetFindings limit: 3 requests per second, burst 6", () => {
    expect(AWS_RATE_LIMITS['securityhub:GetFindings']).toEqual({ ratePerSecond: 3, burst: 6 });
    expect(defaultRateLimit('securityhub', 'GetFindings')).toEqual({ ratePerSecond: 3, burst: 6 });
    expect(defaultRateLimit('config', 'DescribeConfigRules')).toEqual(AWS_RATE_LIMITS['config:*']);
  });

  it('allows a burst, then refills continuously, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    const limit = { ratePerSecond: 3, burst: 6 };
    const take = (key = 'a') => limiter.tryTake(key, limit);
    expect(Array.from({ length: 7 }, () => take())).toEqual([true, true, true, true, true, true, false]);
    expect(take('b')).toBe(true); // another account-region has its own bucket
    now += 333;
    expect(take()).toBe(false); // 0.999 of a token
    now += 1;
    expect(take()).toBe(true);
    expect(take()).toBe(false);
    now += 10_000;
    expect(Array.from({ length: 7 }, () => take()).filter(Boolean)).toHaveLength(6); // never more than the burst
  });
});
