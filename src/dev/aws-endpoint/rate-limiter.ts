// Token buckets, one per (operation, account, region), refilled continuously. Uses the
// real monotonic clock: throttling is about wall time between requests, and the SDK's
// retry backoff runs on wall time too (the scenario clock only moves data timestamps).
import { performance } from 'node:perf_hooks';

export interface RateLimit {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Bucket size: requests allowed at once after a quiet period. */
  burst: number;
}

/**
 * AWS's published API rate limits. Security Hub's are from its service quotas
 * ("GetFindings: 3 requests per second, burst 6"; most other APIs 10/s burst 30).
 * AWS Config publishes no per-operation table, so Config uses a conservative guess
 * that the SDK's retries should still absorb; override it per scenario if needed.
 */
export const AWS_RATE_LIMITS: Record<string, RateLimit> = {
  'securityhub:GetFindings': { ratePerSecond: 3, burst: 6 },
  'securityhub:*': { ratePerSecond: 10, burst: 30 },
  'config:*': { ratePerSecond: 4, burst: 8 },
  'sts:*': { ratePerSecond: 50, burst: 100 },
};

export function defaultRateLimit(service: string, operation: string): RateLimit {
  return AWS_RATE_LIMITS[`${service}:${operation}`] ?? AWS_RATE_LIMITS[`${service}:*`] ?? { ratePerSecond: 10, burst: 30 };
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  limit: RateLimit;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes one token; false means "throttle this request". */
  tryTake(key: string, limit: RateLimit): boolean {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.limit.burst !== limit.burst || bucket.limit.ratePerSecond !== limit.ratePerSecond) {
      bucket = { tokens: limit.burst, updatedAt: now, limit };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * limit.ratePerSecond);
      bucket.updatedAt = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return true;
    }
    return false;
  }

  reset(): void {
    this.buckets.clear();
  }
}
