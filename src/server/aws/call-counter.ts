// Counts every HTTP attempt a client makes, and the throttling answers among them,
// by a middleware inside the SDK's retry loop (the deserialize step runs per attempt).
import type { MiddlewareStack } from '@smithy/types';

export interface CallCounts {
  apiCalls: number;
  throttles: number;
}

const THROTTLING_ERRORS = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'RequestLimitExceeded', 'SlowDown']);

export function isThrottlingError(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return Boolean(e && (THROTTLING_ERRORS.has(e.name ?? '') || e.$metadata?.httpStatusCode === 429));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function countCalls<C extends { middlewareStack: MiddlewareStack<any, any> }>(client: C, counts: CallCounts): C {
  client.middlewareStack.add(
    (next) => async (args) => {
      counts.apiCalls++;
      try {
        return await next(args);
      } catch (error) {
        if (isThrottlingError(error)) counts.throttles++;
        throw error;
      }
    },
    { step: 'deserialize', name: 'safeguardsCallCounter', priority: 'high' },
  );
  return client;
}
