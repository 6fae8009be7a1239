/** Which remote service answered; the error mapper words its problems per service. */
export type ServiceKind = "graph" | "arm" | "devops" | "entra";

export interface ServiceErrorDetails {
  /** From Retry-After, when the browser was allowed to read it. */
  retryAfterMs?: number;
  /** A claims challenge from WWW-Authenticate (already base64-decoded JSON text). */
  claims?: string;
  /** The parsed error body, for diagnostics. */
  body?: unknown;
  /** Method and URL, without query secrets (there are none in our URLs), for diagnostics. */
  request?: string;
}

/**
 * A failed call to Graph, ARM, Azure DevOps or Entra, reduced to what code branches on: the HTTP status (0 when the
 * network failed), the service's error code, and its message. The error mapper turns it into a Problem for people.
 */
export class ServiceError extends Error {
  constructor(
    readonly service: ServiceKind,
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ServiceErrorDetails = {},
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export function isServiceError(error: unknown, code?: string): error is ServiceError {
  return error instanceof ServiceError && (code === undefined || error.code.toLowerCase() === code.toLowerCase());
}

/** Reads the error code and message out of Graph's, ARM's or Azure DevOps' error body. */
export function parseErrorBody(body: unknown): { code?: string; message?: string } {
  if (!body || typeof body !== "object") return {};
  const record = body as Record<string, unknown>;
  const inner = record["error"];
  if (inner && typeof inner === "object") {
    const error = inner as Record<string, unknown>;
    return {
      code: typeof error["code"] === "string" ? error["code"] : undefined,
      message: typeof error["message"] === "string" ? error["message"] : undefined,
    };
  }
  if (typeof inner === "string") {
    // Entra's OAuth errors: {error, error_description}.
    return { code: inner, message: typeof record["error_description"] === "string" ? record["error_description"] : undefined };
  }
  return {
    code: typeof record["typeKey"] === "string" ? record["typeKey"] : undefined,
    message: typeof record["message"] === "string" ? record["message"] : undefined,
  };
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The claims of a WWW-Authenticate challenge such as `Bearer …, error="insufficient_claims", claims="eyJ…"`. */
export function parseClaimsChallenge(header: string | null): string | undefined {
  if (!header) return undefined;
  const match = /claims="([^"]+)"/i.exec(header);
  if (!match?.[1]) return undefined;
  try {
    return atob(match[1].replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return undefined;
  }
}
