/**
 * The transport-independent request and response the model speaks. Both doors (the local server of `npm start`
 * and Playwright's routing in end-to-end tests) translate to and from these, so the model never sees a socket.
 */
export type ServiceName = "entra" | "graph" | "arm" | "devops" | "emulator";

export interface ServiceRequest {
  method: string;
  /** Which emulated service the URL belongs to. */
  service: ServiceName;
  /** Absolute root the request came in on, without trailing slash: "https://management.azure.com" or "http://127.0.0.1:7000/arm". Used to build absolute links such as ARM's nextLink. */
  baseUrl: string;
  /** Path below the service root, always starting with "/", percent-decoded segments are left encoded. */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Raw body text, if any. */
  bodyText?: string;
}

export interface ServiceResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value (serialized by the door) or, with a content-type header set, a string sent as is. */
  body?: unknown;
  /** Drop the connection instead of answering (a network fault). */
  networkDrop?: boolean;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): ServiceResponse {
  return { status, body, headers: { "content-type": "application/json; charset=utf-8", ...headers } };
}

export function noContent(): ServiceResponse {
  return { status: 204 };
}

export function parseJsonBody<T = unknown>(req: ServiceRequest): T | undefined {
  if (!req.bodyText) return undefined;
  try {
    return JSON.parse(req.bodyText) as T;
  } catch {
    return undefined;
  }
}

/** Splits "/a/b/c" into ["a","b","c"] (decoded). */
export function segments(path: string): string[] {
  return path
    .split("/")
    .filter((s) => s.length > 0)
    .map((s) => decodeURIComponent(s));
}

/** Reads a bearer token from the Authorization header, or undefined. */
export function bearerToken(req: ServiceRequest): string | undefined {
  const h = req.headers["authorization"];
  if (!h) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h);
  return m ? m[1] : undefined;
}
