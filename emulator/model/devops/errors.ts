import { devopsError } from "../core/errors";
import type { ServiceResponse } from "../core/http";

/**
 * Every Azure DevOps failure the model answers, in one place. Texts marked "confirmed" are the real ones
 * (docs, SDK sources, third-party reports); the others are defensible guesses listed in ROUTES.md.
 */
function failure(
  status: number,
  typeKey: string,
  message: string,
  typeName?: string,
  headers: Record<string, string> = {},
): ServiceResponse {
  const response = devopsError(status, typeKey, message, headers);
  if (typeName) (response.body as Record<string, unknown>)["typeName"] = typeName;
  return response;
}

const WEBAPI = (typeKey: string) => `Microsoft.VisualStudio.Services.WebApi.${typeKey}, Microsoft.VisualStudio.Services.WebApi`;
const ENDPOINTS = (typeKey: string) =>
  `Microsoft.VisualStudio.Services.ServiceEndpoints.WebApi.${typeKey}, Microsoft.VisualStudio.Services.ServiceEndpoints.WebApi`;

/** Confirmed: text and typeKey from reports of the real service. */
export function versionNotSpecified(method: string): ServiceResponse {
  return failure(
    400,
    "VssVersionNotSpecifiedException",
    `No api-version was supplied for the "${method}" request. The version must be supplied either as part of the Accept header (e.g. "application/json; api-version=1.0") or as a query parameter (e.g. "?api-version=1.0").`,
    WEBAPI("VssVersionNotSpecifiedException"),
  );
}

/** Confirmed text. */
export function versionOutOfRange(requested: string, latest: string): ServiceResponse {
  return failure(
    400,
    "VssVersionOutOfRangeException",
    `The requested REST API version of ${requested} is out of range for this server. The latest REST API version for this server is ${latest}.`,
    WEBAPI("VssVersionOutOfRangeException"),
  );
}

/** Confirmed text (SDK resource strings). */
export function previewFlagRequired(version: string): ServiceResponse {
  return failure(
    400,
    "VssInvalidPreviewVersionException",
    `The requested version "${version}" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "${version}-preview"`,
    WEBAPI("VssInvalidPreviewVersionException"),
  );
}

/** Guess: text. */
export function invalidVersion(text: string): ServiceResponse {
  return failure(
    400,
    "VssInvalidApiVersionException",
    `The api-version '${text}' is not valid. Use a version such as "7.2-preview.1".`,
    WEBAPI("VssInvalidApiVersionException"),
  );
}

/** Confirmed text (TF400813 for anonymous access); the body shape on 401 is a guess. */
export function unauthorized(): ServiceResponse {
  return failure(
    401,
    "UnauthorizedRequestException",
    "TF400813: Resource not available for anonymous access. Client authentication required.",
    undefined,
    {
      "www-authenticate": 'Bearer authorization_uri=https://login.microsoftonline.com/common, Basic realm="https://dev.azure.com/"',
    },
  );
}

/** Guess. */
export function organizationNotFound(organization: string): ServiceResponse {
  return failure(404, "HostNotFoundException", `The organization '${organization}' could not be found.`);
}

/** Confirmed text (TF200016). */
export function projectNotFound(nameOrId: string): ServiceResponse {
  return failure(
    404,
    "ProjectDoesNotExistWithNameException",
    `TF200016: The following project does not exist: ${nameOrId}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`,
  );
}

/** Guess: routes the model does not serve (or not at this api-version). */
export function routeNotFound(method: string, path: string): ServiceResponse {
  return failure(404, "VssResourceNotFoundException", `No Azure DevOps REST resource answers ${method} ${path}.`);
}

/** Guess. */
export function methodNotAllowed(method: string): ServiceResponse {
  return failure(405, "HttpMethodNotAllowedException", `The requested resource does not support http method '${method}'.`);
}

/** A request the service rejects as invalid input. typeKey and text are guesses unless the caller says otherwise. */
export function badRequest(message: string, typeKey = "ArgumentException"): ServiceResponse {
  return failure(400, typeKey, message, typeKey === "ArgumentException" ? "System.ArgumentException, mscorlib" : undefined);
}

/** Confirmed text; the 409 status and the typeKey are guesses (CONTRACTS.md §2.2). */
export function duplicateConnectionName(name: string): ServiceResponse {
  return failure(
    409,
    "DuplicateServiceConnectionException",
    `Service connection with name ${name} already exists. Only a user having Administrator/User role permissions on service connection ${name} can see it.`,
    ENDPOINTS("DuplicateServiceConnectionException"),
  );
}

/** Guess. */
export function endpointNotFound(endpointId: string): ServiceResponse {
  return failure(
    404,
    "ServiceEndpointNotFoundException",
    `Service connection with id '${endpointId}' does not exist or you do not have permission to access it.`,
    ENDPOINTS("ServiceEndpointNotFoundException"),
  );
}

/** Guess. */
export function notFound(typeKey: string, message: string): ServiceResponse {
  return failure(404, typeKey, message);
}

/** Guess. */
export function conflict(typeKey: string, message: string): ServiceResponse {
  return failure(409, typeKey, message);
}

/**
 * Security "Has Permissions" refused for the caller's token (knobs.hasPermissions "unauthorized" / "forbidden").
 * The 401 text follows the TF400813 pattern Azure DevOps uses for an authenticated caller it does not authorize
 * (reported for OAuth tokens without the needed scope); the 403 typeKey and text are guesses.
 */
export function permissionsCheckRefused(status: 401 | 403, userId: string): ServiceResponse {
  return status === 401
    ? failure(401, "UnauthorizedRequestException", `TF400813: The user '${userId}' is not authorized to access this resource.`)
    : failure(403, "AccessCheckException", "Access denied. The caller's token may not evaluate permissions in this security namespace.");
}

/**
 * A project's service-connection list refused or failed (knobs.failingEndpointLists). Guess: Azure DevOps' access
 * checks answer 403 with an AccessCheckException-style typeKey, and unexpected failures 500; the texts are made up.
 */
export function endpointListFailed(status: 403 | 500, projectName: string): ServiceResponse {
  return status === 403
    ? failure(
        403,
        "AccessCheckException",
        `Access denied: you do not have permission to view the service connections of project ${projectName}.`,
      )
    : failure(500, "InternalServerErrorException", "An unexpected error occurred while listing service connections. Try again later.");
}
