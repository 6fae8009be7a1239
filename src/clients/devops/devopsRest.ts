import * as SDK from "azure-devops-extension-sdk";
import type { ILocationService, IVssRestClientOptions } from "azure-devops-extension-api";
import { realClock, type Clock } from "../../platform/clock";
import { HttpClient, HTTP_TIMEOUT_MS, httpRetryDecision } from "../../platform/http/httpClient";
import { ServiceError } from "../../platform/http/serviceError";
import { devopsAudience, type TokenAudience } from "../../platform/http/tokenAudience";
import { HTTP_RETRY, withRetry, type RetryPolicy, type WaitInfo } from "../../platform/retry";
import { withTimeout } from "../../platform/timeout";

const LOCATION_SERVICE = "ms.vss-features.location-service";

/**
 * How every Azure DevOps call is sent: the same per-attempt timeout and the same 429/503 retry policy as the hub's
 * HTTP helper, and waits reported the same way (onWait) so a step can show them. Tests pass a clock whose sleeps
 * return at once.
 */
export interface DevOpsCallOptions {
  clock?: Clock;
  retryPolicy?: RetryPolicy;
  timeoutMs?: number;
  onWait?: (info: WaitInfo) => void;
}

/** Azure DevOps REST calls the api package has no client for, following the same conventions as its clients. */
export interface DevOpsRest {
  send(areaId: string, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, apiVersion: string, body?: unknown): Promise<unknown>;
}

/** Which hosts may receive the Azure DevOps token: the current organization's (SDK host name). */
function currentOrganizationAudience(): TokenAudience {
  return devopsAudience(SDK.getHost().name);
}

/**
 * The area's root URL from the host's location service, checked against the organization's hosts before any token
 * is sent there. Used as the api package's rootPath too, so its clients obey the same allow-list.
 */
export async function devopsAreaRoot(areaId: string, audience: TokenAudience = currentOrganizationAudience()): Promise<string> {
  const location = await SDK.getService<ILocationService>(LOCATION_SERVICE);
  const root = await location.getResourceAreaLocation(areaId);
  if (!audience(root)) {
    throw new ServiceError("devops", 0, "UntrustedHost", `Refused to send the Azure DevOps token to ${safeOrigin(root)}, which is not one of this organization's Azure DevOps hosts.`);
  }
  return root;
}

/** Options for the api package's getClient: its root URL goes through the allow-list above. */
export function devopsClientOptions(areaId: string): IVssRestClientOptions {
  return { rootPath: devopsAreaRoot(areaId) };
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "an address that is not a URL";
  }
}

/**
 * The REST helper on the platform's one HTTP path (HttpClient): location lookup, the SDK's token, the Accept-header
 * api-version the api package's clients send, and the HTTP helper's timeout, retries, Retry-After and error mapping.
 */
export function sdkDevOpsRest(options: DevOpsCallOptions & { fetch?: typeof fetch; audience?: TokenAudience } = {}): DevOpsRest {
  return {
    async send(areaId, method, path, apiVersion, body) {
      const audience = options.audience ?? currentOrganizationAudience();
      const root = await devopsAreaRoot(areaId, audience);
      const http = new HttpClient({
        service: "devops",
        baseUrl: root,
        audience,
        token: () => SDK.getAccessToken(),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.onWait ? { onWait: options.onWait } : {}),
      });
      const answer = await http.send<unknown>({
        method,
        path: `${root}${path}`,
        // As the api package's clients do: version and formatting options travel in the Accept header.
        headers: { Accept: `application/json;api-version=${apiVersion};excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true` },
        ...(body !== undefined ? { body } : {}),
      });
      return answer.body;
    },
  };
}

/** The api package throws Errors carrying `status` and `serverError`; the workflows branch on ServiceError. */
export function asServiceError(error: unknown): unknown {
  if (error instanceof ServiceError || !(error instanceof Error)) return error;
  const { status, serverError } = error as Error & { status?: number; serverError?: { typeKey?: string; message?: string } };
  if (status === undefined) return new ServiceError("devops", 0, "NetworkError", error.message);
  return new ServiceError("devops", status, serverError?.typeKey ?? `Http${status}`, serverError?.message ?? error.message, { body: serverError });
}

/**
 * Runs a call of the api package on the same terms as the HTTP helper's: a timeout per attempt, 429 and 503 retried
 * for any call, other 5xx and network failures only for calls safe to send twice, waits reported through onWait.
 * The api package does not hand back response headers, so Retry-After cannot be read here: the policy's bounded
 * exponential backoff with jitter applies instead. A timed-out attempt cannot be aborted inside the package (it
 * takes no signal); its late answer is ignored.
 */
export function devopsCall<T>(call: () => Promise<T>, options: DevOpsCallOptions & { idempotent: boolean }): Promise<T> {
  const clock = options.clock ?? realClock;
  const timeoutMs = options.timeoutMs ?? HTTP_TIMEOUT_MS;
  const attempt = async () => {
    try {
      return await withTimeout(call(), timeoutMs, () => new ServiceError("devops", 0, "Timeout", `Azure DevOps did not answer within ${Math.round(timeoutMs / 1000)} seconds.`));
    } catch (error) {
      throw asServiceError(error);
    }
  };
  return withRetry(attempt, (error) => httpRetryDecision(error, options.idempotent), options.retryPolicy ?? HTTP_RETRY, {
    clock,
    ...(options.onWait ? { onWait: options.onWait } : {}),
  });
}
