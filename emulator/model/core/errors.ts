import { json, type ServiceName, type ServiceResponse } from "./http";

/** Graph's error shape: {"error":{"code","message","innerError":{…}}}. */
export function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): ServiceResponse {
  return json(
    status,
    {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          "request-id": "00000000-0000-0000-0000-000000000000",
          "client-request-id": "00000000-0000-0000-0000-000000000000",
        },
      },
    },
    headers,
  );
}

/** ARM's error shape: {"error":{"code","message"}}. */
export function armError(status: number, code: string, message: string, headers: Record<string, string> = {}): ServiceResponse {
  return json(status, { error: { code, message } }, headers);
}

/** Azure DevOps' error shape, which the REST clients parse into `serverError`. */
export function devopsError(status: number, typeKey: string, message: string, headers: Record<string, string> = {}): ServiceResponse {
  return json(
    status,
    {
      $id: "1",
      innerException: null,
      message,
      typeName: `Microsoft.VisualStudio.Services.${typeKey}, Microsoft.VisualStudio.Services.Common`,
      typeKey,
      errorCode: 0,
      eventId: 3000,
    },
    headers,
  );
}

/** Entra's OAuth error shape. */
export function entraError(status: number, error: string, description: string, headers: Record<string, string> = {}): ServiceResponse {
  return json(status, { error, error_description: description, error_codes: [], timestamp: new Date().toISOString() }, headers);
}

const REASONS: Record<number, [string, string]> = {
  400: ["BadRequest", "The request is not valid."],
  401: ["Unauthorized", "Access token is missing or invalid."],
  403: ["Forbidden", "The caller does not have permission."],
  404: ["NotFound", "The resource was not found."],
  409: ["Conflict", "The request conflicts with the current state."],
  429: ["TooManyRequests", "Too many requests. Retry later."],
  500: ["InternalServerError", "The service failed unexpectedly."],
  502: ["BadGateway", "Bad gateway."],
  503: ["ServiceUnavailable", "The service is temporarily unavailable."],
  504: ["GatewayTimeout", "The gateway timed out."],
};

/** The error a service of this kind would send for a status, used for injected faults without a body. */
export function faultResponse(service: ServiceName, status: number, headers: Record<string, string>): ServiceResponse {
  const [code, message] = REASONS[status] ?? ["Error", `The service answered ${status}.`];
  switch (service) {
    case "graph":
      return graphError(status, status === 429 ? "TooManyRequests" : code, message, headers);
    case "arm":
      return armError(status, status === 429 ? "TooManyRequests" : code, message, headers);
    case "devops":
      // Azure DevOps rate limiting (Learn "Rate and usage limits"): a 429 carries Retry-After and the X-RateLimit-* headers.
      return devopsError(
        status,
        code,
        message,
        status === 429
          ? {
              "x-ratelimit-resource": "Core",
              "x-ratelimit-delay": "0",
              "x-ratelimit-limit": "200",
              "x-ratelimit-remaining": "0",
              "x-ratelimit-reset": "0",
              ...headers,
            }
          : headers,
      );
    case "entra":
      return entraError(status, "temporarily_unavailable", message, headers);
    default:
      return json(status, { message }, headers);
  }
}
