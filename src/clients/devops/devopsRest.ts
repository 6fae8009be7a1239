import * as SDK from "azure-devops-extension-sdk";
import type { ILocationService, IVssRestClientOptions } from "azure-devops-extension-api";
import type { Clock } from "../../platform/clock";
import { HttpClient } from "../../platform/http/httpClient";
import { ServiceError } from "../../platform/http/serviceError";
import { devopsAudience, type TokenAudience } from "../../platform/http/tokenAudience";
import type { RetryPolicy, WaitInfo } from "../../platform/retry";

/** The api package's formatting options: bare arrays, numeric enums and MS dates, as its own clients ask. */
const FORMAT_OPTIONS = "excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true";

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
  send(
    areaId: string,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    path: string,
    apiVersion: string,
    body?: unknown,
  ): Promise<unknown>;
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
    throw new ServiceError(
      "devops",
      0,
      "UntrustedHost",
      `Refused to send the Azure DevOps token to ${safeOrigin(root)}, which is not one of this organization's Azure DevOps hosts.`,
    );
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

/** Where and how Azure DevOps requests are sent; production uses the SDK's token and the organization's hosts. */
export interface DevOpsTransport extends DevOpsCallOptions {
  fetch?: typeof fetch;
  /** Hosts the Azure DevOps token may go to; the current organization's (SDK host name) by default. */
  audience?: TokenAudience;
  /** The Azure DevOps bearer token; SDK.getAccessToken() by default. */
  token?: () => Promise<string>;
}

/** The parts of the api package's RestClientRequestParams the hub's calls use. */
export interface DevOpsRequestParams {
  method?: string;
  body?: unknown;
  customHeaders?: Record<string, string>;
  httpResponseType?: string;
  /** The caller reads the response itself (the Build client's list reads the continuation token from a header). */
  returnRawResponse?: boolean;
}

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
const MS_DATE = /^\/Date\((-?\d+)\)\/$/;

/** msDateFormat=true sends dates as "/Date(ms)/"; the api package revives them as Date objects, and so does this. */
function reviveDates(value: unknown): unknown {
  if (typeof value === "string") {
    const match = MS_DATE.exec(value);
    return match ? new Date(Number(match[1])) : value;
  }
  if (Array.isArray(value)) return value.map(reviveDates);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveDates(v)]));
  return value;
}

/**
 * One Azure DevOps request on the platform's one HTTP path (HttpClient): the token only to the organization's hosts,
 * the Accept-header api-version and formatting options the api package's clients send, the helper's timeout,
 * 429/503 retries with Retry-After (read here, since the helper sees the response), and its error mapping.
 */
export async function sendOnHttpHelper<T>(
  transport: DevOpsTransport,
  requestUrl: string,
  apiVersion: string,
  params: DevOpsRequestParams,
): Promise<T> {
  const method = (params.method ?? "GET").toUpperCase();
  if (!METHODS.has(method)) throw new Error(`Unsupported Azure DevOps method ${method}.`);
  const http = new HttpClient({
    service: "devops",
    baseUrl: requestUrl,
    audience: transport.audience ?? currentOrganizationAudience(),
    token: transport.token ?? (() => SDK.getAccessToken()),
    ...(transport.fetch ? { fetch: transport.fetch } : {}),
    ...(transport.clock ? { clock: transport.clock } : {}),
    ...(transport.retryPolicy ? { retryPolicy: transport.retryPolicy } : {}),
    ...(transport.timeoutMs ? { timeoutMs: transport.timeoutMs } : {}),
    ...(transport.onWait ? { onWait: transport.onWait } : {}),
  });
  const answer = await http.send<unknown>({
    method: method as "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    path: requestUrl,
    headers: {
      // As the api package's clients do: version and formatting options travel in the Accept header.
      Accept: `${params.httpResponseType ?? "application/json"};api-version=${apiVersion};${FORMAT_OPTIONS}`,
      ...params.customHeaders,
    },
    ...(params.body !== undefined && params.body !== null ? { body: params.body } : {}),
  });
  if (params.returnRawResponse) {
    // The api package reads a raw answer as text, then its headers: hand it one with the same body and headers.
    const text = answer.body === undefined ? null : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
    return new Response(answer.status === 204 ? null : text, { status: answer.status, headers: answer.headers }) as T;
  }
  // An empty answer (204) is null, as the api package returns it.
  return (answer.body === undefined ? null : reviveDates(answer.body)) as T;
}

/** The REST helper for routes the api package has no client for: location lookup, then the one HTTP path. */
export function sdkDevOpsRest(transport: DevOpsTransport = {}): DevOpsRest {
  return {
    async send(areaId, method, path, apiVersion, body) {
      const audience = transport.audience ?? currentOrganizationAudience();
      const root = await devopsAreaRoot(areaId, audience);
      return sendOnHttpHelper<unknown>({ ...transport, audience }, `${root}${path}`, apiVersion, {
        method,
        ...(body !== undefined ? { body } : {}),
      });
    },
  };
}

/** The api package throws Errors carrying `status` and `serverError`; the workflows branch on ServiceError. */
export function asServiceError(error: unknown): unknown {
  if (error instanceof ServiceError || !(error instanceof Error)) return error;
  const { status, serverError } = error as Error & { status?: number; serverError?: { typeKey?: string; message?: string } };
  if (status === undefined) return new ServiceError("devops", 0, "NetworkError", error.message);
  return new ServiceError("devops", status, serverError?.typeKey ?? `Http${status}`, serverError?.message ?? error.message, {
    body: serverError,
  });
}

/**
 * Runs a call of an api-package client and rethrows its failure as a ServiceError. Timeouts, retries and the token's
 * allow-list are the HTTP helper's: the hub's clients send through it (sendOnHttpHelper), so nothing is retried here.
 */
export async function devopsCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asServiceError(error);
  }
}
