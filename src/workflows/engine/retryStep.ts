import type { Clock } from "../../platform/clock";
import { withRetry, type RetryPolicy } from "../../platform/retry";
import type { StepReporter } from "./workflowTypes";

/**
 * Tries an operation again while `reason` names a delay worth waiting out (replication, throttling); each wait shows
 * on the step with its reason and bound, and the person can cancel it. Any other failure ends the step at once.
 */
export function retryStep<T>(
  reporter: StepReporter,
  clock: Clock,
  policy: RetryPolicy,
  operation: () => Promise<T>,
  reason: (error: unknown) => string | undefined,
): Promise<T> {
  return withRetry(
    operation,
    (error) => {
      const why = reason(error);
      return why ? { retry: true, reason: why } : { retry: false };
    },
    policy,
    {
      clock,
      signal: reporter.signal,
      onWait: (info) =>
        reporter.waiting({ reason: info.reason, delayMs: info.delayMs, waitedMs: info.waitedMs, maxTotalWaitMs: info.maxTotalWaitMs }),
    },
  ).finally(() => reporter.waiting(undefined));
}
