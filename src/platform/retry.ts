import { CancelledError, type Clock } from "./clock";

/**
 * The one retry policy: exponential backoff with jitter, a server's Retry-After honoured when it can be read, and a
 * bounded total wait that the caller can show and cancel. Used for throttling and outages (HTTP) and for replication
 * waits (a new principal, secret or role that Azure has not caught up with yet).
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The most time spent waiting between attempts, summed; the person is told this bound. */
  maxTotalWaitMs: number;
}

export const HTTP_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 15_000, maxTotalWaitMs: 45_000 };
/** Replication in Entra and ARM usually settles within a minute; az cli waits up to 36 × 5 s for a new principal. */
export const REPLICATION_RETRY: RetryPolicy = { maxAttempts: 12, baseDelayMs: 2_000, maxDelayMs: 20_000, maxTotalWaitMs: 180_000 };

export interface RetryDecision {
  retry: boolean;
  /** The server's own delay (Retry-After), when it gave one. */
  afterMs?: number;
  /** Why the operation is waiting, in words a person understands ("Azure is still replicating the new principal"). */
  reason?: string;
}

export interface WaitInfo {
  attempt: number;
  delayMs: number;
  reason: string;
  /** Total waited so far, this wait included. */
  waitedMs: number;
  maxTotalWaitMs: number;
}

export interface RetryOptions {
  clock: Clock;
  signal?: AbortSignal;
  onWait?: (info: WaitInfo) => void;
  /** For tests; Math.random otherwise. */
  random?: () => number;
}

export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // "Equal jitter": at least half the exponential delay, so retries spread out but never hammer.
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  decide: (error: unknown) => RetryDecision,
  policy: RetryPolicy,
  options: RetryOptions,
): Promise<T> {
  const random = options.random ?? Math.random;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new CancelledError();
    try {
      return await operation(attempt);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      const decision = decide(error);
      if (!decision.retry || attempt >= policy.maxAttempts) throw error;
      const delay = Math.min(policy.maxDelayMs * 4, decision.afterMs ?? backoffDelay(policy, attempt, random));
      if (waited + delay > policy.maxTotalWaitMs) throw error;
      waited += delay;
      options.onWait?.({
        attempt,
        delayMs: delay,
        reason: decision.reason ?? "The service asked to try again later",
        waitedMs: waited,
        maxTotalWaitMs: policy.maxTotalWaitMs,
      });
      await options.clock.sleep(delay, options.signal);
    }
  }
}
