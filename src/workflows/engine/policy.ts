import { isServiceError } from "../../platform/http/serviceError";
import { REPLICATION_RETRY, type RetryPolicy } from "../../platform/retry";

export { REPLICATION_RETRY };

/** Verification waits start short: in most tenants a new secret and role work within seconds. */
export const VERIFY_RETRY: RetryPolicy = { ...REPLICATION_RETRY, baseDelayMs: 1_000 };

/**
 * The one rule for "was it refused?": the service answered with a 4xx other than a timeout (408) or throttling (429),
 * so the request changed nothing. Anything else (5xx, a dropped connection, a timeout) may have acted before its answer
 * was lost, and must be looked for before it is tried again or rolled back.
 */
export function isRefusal(error: unknown): boolean {
  return isServiceError(error) && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}
