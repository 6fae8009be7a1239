import { isCloudUrl } from "../clouds";
import { realClock, type Clock } from "../clock";
import { HTTP_RETRY, withRetry, type RetryDecision, type RetryPolicy, type WaitInfo } from "../retry";
import { parseClaimsChallenge, parseErrorBody, parseRetryAfter, ServiceError, type ServiceKind } from "./serviceError";
import { underRoots, type TokenAudience } from "./tokenAudience";

/** Hands out bearer tokens; with claims, it must re-authenticate to satisfy a claims challenge. */
export type TokenSource = (options?: { claims?: string }) => Promise<string>;

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path below the base URL ("/v1.0/me"), or an absolute URL (an ARM nextLink). */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to send twice. GET, PUT and DELETE are; a POST is only when the caller says so. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface HttpClientOptions {
  service: ServiceKind;
  baseUrl: string;
  token: TokenSource;
  fetch?: typeof fetch;
  clock?: Clock;
  retryPolicy?: RetryPolicy;
  /**
   * Where this service's token may be sent: the cloud's Graph host for Graph, its ARM host for ARM (see tokenAudience).
   * Defaults to the base URL's own root. Any other URL, a server's nextLink included, is refused before a token is asked for.
   */
  audience?: TokenAudience;
  /** Per attempt. */
  timeoutMs?: number;
  onWait?: (info: WaitInfo) => void;
}

const RETRYABLE_FOR_ANY = new Set([429, 503]);
const RETRYABLE_IF_IDEMPOTENT = new Set([0, 500, 502, 504]);
/** Per attempt, for every HTTP call the hub makes (Graph, ARM, Azure DevOps). */
export const HTTP_TIMEOUT_MS = 30_000;

/**
 * The one retry rule for a failed HTTP call: throttling (429) and "unavailable" (503) are retried for any method, since
 * the service did not act on the request; other 5xx and network failures only when sending twice is safe. The server's
 * Retry-After wins when the browser could read it; otherwise the policy's bounded exponential backoff applies.
 */
export function httpRetryDecision(error: unknown, idempotent: boolean): RetryDecision {
  // A refusal to send a token off the service's hosts is ours, not the network's: asking again cannot change it.
  if (!(error instanceof ServiceError) || error.code === "UntrustedHost") return { retry: false };
  const retryable = RETRYABLE_FOR_ANY.has(error.status) || (idempotent && RETRYABLE_IF_IDEMPOTENT.has(error.status));
  return {
    retry: retryable,
    ...(error.details.retryAfterMs !== undefined ? { afterMs: error.details.retryAfterMs } : {}),
    reason:
      error.status === 429
        ? "The service is throttling requests"
        : error.status === 0
          ? "The network connection failed"
          : "The service is temporarily unavailable",
  };
}

const SERVICE_TOKEN_NAMES: Record<ServiceKind, string> = {
  graph: "Microsoft Graph",
  arm: "Azure Resource Manager",
  devops: "Azure DevOps",
  entra: "Microsoft Entra ID",
};

/**
 * The one HTTP helper for Graph, ARM and Azure DevOps (the api package's clients send through it too): bearer tokens
 * only to the service's own hosts, a timeout per attempt, retries for throttling and outages (never a second POST
 * unless the caller marked it idempotent), one re-authentication for a claims challenge, and every failure turned
 * into a ServiceError.
 */
export class HttpClient {
  private readonly fetchImpl: typeof fetch;
  private readonly clock: Clock;

  constructor(private readonly options: HttpClientOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.clock = options.clock ?? realClock;
  }

  url(path: string, query?: Record<string, string | undefined>): string {
    const url = new URL(/^https?:/i.test(path) ? path : `${this.options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    return url.toString();
  }

  /**
   * Graph and ARM tokens stay within the build's clouds whatever the audience says (a base URL that is not a cloud's,
   * such as the emulator's in a production build, is refused); every token stays within its own service's hosts.
   */
  mayReceiveToken(url: string): boolean {
    const audience = this.options.audience ?? underRoots(this.options.baseUrl);
    const withinClouds = this.options.service === "devops" || isCloudUrl(url);
    return withinClouds && audience(url);
  }

  async send<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const idempotent = request.idempotent ?? request.method !== "POST";
    const decide = (error: unknown): RetryDecision => httpRetryDecision(error, idempotent);
    return withRetry((attempt) => this.sendOnce<T>(request, attempt), decide, this.options.retryPolicy ?? HTTP_RETRY, {
      clock: this.clock,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(this.options.onWait ? { onWait: this.options.onWait } : {}),
    });
  }

  private async sendOnce<T>(request: HttpRequest, _attempt: number, claims?: string): Promise<HttpResponse<T>> {
    const url = this.url(request.path, request.query);
    if (!this.mayReceiveToken(url)) {
      // A token must never leave its own service, whatever a server's link says.
      throw new ServiceError(
        this.options.service,
        0,
        "UntrustedHost",
        `Refused to send a ${SERVICE_TOKEN_NAMES[this.options.service]} token to ${new URL(url).origin}, which is not one of that ` +
          `service's hosts.`,
        {
          request: `${request.method} ${url.split("?")[0]}`,
        },
      );
    }
    const token = await this.options.token(claims ? { claims } : undefined);
    const controller = new AbortController();
    const abort = () => controller.abort();
    request.signal?.addEventListener("abort", abort, { once: true });
    const timer = setTimeout(abort, this.options.timeoutMs ?? HTTP_TIMEOUT_MS);
    const described = `${request.method} ${url.split("?")[0]}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: request.method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          ...(request.body !== undefined ? { "Content-Type": "application/json" } : {}),
          ...request.headers,
        },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: controller.signal,
      });
    } catch (error) {
      if (request.signal?.aborted) throw error;
      throw new ServiceError(this.options.service, 0, "NetworkError", `The request could not reach ${new URL(url).host}.`, {
        request: described,
      });
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", abort);
    }

    const text = await response.text();
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (response.ok) return { status: response.status, body: body as T, headers: response.headers };

    const challenge = response.status === 401 ? parseClaimsChallenge(response.headers.get("www-authenticate")) : undefined;
    if (challenge && !claims) return this.sendOnce<T>(request, _attempt, challenge);
    const { code, message } = parseErrorBody(body);
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), this.clock.now());
    throw new ServiceError(
      this.options.service,
      response.status,
      code ?? `Http${response.status}`,
      message ?? `${described} answered ${response.status}.`,
      {
        body,
        request: described,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(challenge ? { claims: challenge } : {}),
      },
    );
  }
}
