import { graphError } from "../core/errors";
import type { ServiceResponse } from "../core/http";

/**
 * Every error Graph answers in this model, with its status, code and message in one place. Texts marked GUESS are not
 * settled by a public source; ROUTES.md lists them. Clients should branch on `code`, never on `message`.
 */

interface ErrorDetail {
  code: string;
  message: string;
  target?: string;
}

function withDetails(response: ServiceResponse, details: ErrorDetail[]): ServiceResponse {
  const body = response.body as { error: Record<string, unknown> };
  body.error = { code: body.error["code"], message: body.error["message"], details, innerError: body.error["innerError"] };
  return response;
}

const INSUFFICIENT_PRIVILEGES = "Insufficient privileges to complete the operation.";

export const graphErrors = {
  // ---- authentication (401) ----
  tokenMissing: () => unauthorized("Access token is empty."),
  tokenMalformed: () => unauthorized("IDX14100: JWT is not well formed, there are no dots (.)."), // GUESS: the shape of Graph's IdentityModel message
  tokenExpired: () => unauthorized("Lifetime validation failed, the token is expired."),
  tokenNotYetValid: () => unauthorized("Lifetime validation failed, the token is not yet valid."), // GUESS
  tokenWrongAudience: () => unauthorized("Invalid audience."),
  tokenInvalidIssuer: () => unauthorized("Access token validation failure. Invalid issuer."), // GUESS
  tokenUnknownPrincipal: () => unauthorized("The identity of the calling user could not be found in the tenant."), // GUESS

  // ---- authorization (403) ----
  insufficientPrivileges: () => graphError(403, "Authorization_RequestDenied", INSUFFICIENT_PRIVILEGES),

  // ---- lookups ----
  resourceNotFound: (key: string) =>
    graphError(
      404,
      "Request_ResourceNotFound",
      `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  segmentNotFound: (segment: string) => graphError(400, "BadRequest", `Resource not found for the segment '${segment}'.`),
  invalidVersion: (version: string) => graphError(400, "BadRequest", `Invalid version: ${version}`), // GUESS
  methodNotAllowed: () => graphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target."),

  // ---- request bodies and queries ----
  invalidJson: () =>
    graphError(
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    ),
  invalidPropertyValue: (property: string, resource: string) =>
    graphError(400, "Request_BadRequest", `Invalid value specified for property '${property}' of resource '${resource}'.`),
  unknownProperty: (property: string, type: string) =>
    graphError(
      400,
      "BadRequest",
      `Property '${property}' does not exist on type 'microsoft.graph.${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    ),
  /** The property exists in Graph but this model does not keep it; failing loudly beats silently dropping it. */
  unmodelledProperty: (property: string, type: string) =>
    graphError(
      400,
      "BadRequest",
      `Property '${property}' of type 'microsoft.graph.${type}' is not supported by the Azure-in-a-box emulator.`,
    ),
  unknownSelectProperty: (property: string, type: string) =>
    graphError(400, "BadRequest", `Could not find a property named '${property}' on type 'microsoft.graph.${type}'.`),
  unsupportedQuery: () => graphError(400, "Request_UnsupportedQuery", "Unsupported Query."),
  tooManyClauses: (message: string) => graphError(400, "Request_UnsupportedQuery", message), // GUESS: code; text as Graph answers
  invalidFilter: (detail: string) => graphError(400, "BadRequest", `Invalid filter clause: ${detail}`),
  unsupportedQueryOption: (option: string) =>
    graphError(400, "BadRequest", `Query option '${option}' is not supported by the Azure-in-a-box emulator.`),
  invalidPageSize: (top: string) =>
    graphError(400, "Request_UnsupportedQuery", `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`), // GUESS: code
  invalidSkipToken: () =>
    graphError(
      400,
      "Directory_ExpiredPageToken",
      "The specified page token value has expired and can no longer be included in your request.",
    ),

  // ---- directory rules ----
  quotaExceeded: () =>
    graphError(
      400,
      "Directory_QuotaExceeded",
      "The directory object quota limit for the Principal has been exceeded. Please ask your administrator to increase the quota limit or delete objects to reduce the used quota.",
    ),
  noBackingApplication: (appId: string) => {
    const message = `The appId '${appId}' of the service principal does not reference a valid application object.`;
    return withDetails(graphError(400, "Request_BadRequest", message), [{ code: "NoBackingApplicationObject", message, target: "appId" }]);
  },
  servicePrincipalExists: (appId: string) => {
    const message = `The service principal cannot be created, updated, or restored because the service principal name ${appId} is already in use.`;
    return withDetails(graphError(409, "Request_MultipleObjectsWithSameKeyValue", message), [
      { code: "ObjectConflict", message, target: "None" },
    ]);
  },
  ownerAlreadyAdded: () =>
    graphError(
      400,
      "Request_BadRequest",
      "One or more added object references already exist for the following modified properties: 'owners'.",
    ),
  ownerNotPresent: () =>
    graphError(
      400,
      "Request_BadRequest",
      "One or more removed object references do not exist for the following modified properties: 'owners'.",
    ),
  invalidReference: (value: string) => graphError(400, "Request_BadRequest", `Invalid object identifier '${value}'.`), // GUESS

  // ---- credentials ----
  secretLifetimeExceedsPolicy: (policyId: string) =>
    graphError(
      400,
      "CredentialInvalidLifetimeAsPerAppPolicy",
      `Credential lifetime exceeds the max value allowed as per assigned policy '${policyId}'.`,
    ),
  secretsForbiddenByPolicy: (policyId: string) =>
    graphError(400, "CredentialTypeNotAllowedAsPerAppPolicy", `Credential type not allowed as per assigned policy '${policyId}'.`),
  passwordNotFound: (keyId: string) => graphError(400, "Request_BadRequest", `No password credential found with keyId ${keyId}.`), // GUESS: code (status and text observed)
  federatedCredentialNameTaken: (name: string) =>
    graphError(409, "Request_MultipleObjectsWithSameKeyValue", `FederatedIdentityCredential with name ${name} already exists.`),
  federatedCredentialSubjectTaken: () =>
    graphError(
      409,
      "Request_MultipleObjectsWithSameKeyValue",
      "FederatedIdentityCredential with the same issuer and subject already exists.",
    ), // GUESS: text
  federatedCredentialLimit: (max: number) =>
    graphError(400, "Request_BadRequest", `Number of federated identity credentials cannot exceed ${max}.`), // GUESS: code and text

  // ---- batch ----
  batchInvalid: () => graphError(400, "BadRequest", "Invalid batch payload format."), // GUESS
  batchTooLarge: (max: number) => graphError(400, "BadRequest", `The number of requests in a batch cannot exceed ${max}.`), // GUESS: text
  batchDuplicateId: (id: string) => graphError(400, "BadRequest", `Batch request contains more than one request with id '${id}'.`), // GUESS: text
  batchUnknownDependency: (id: string) => graphError(400, "BadRequest", `Request with id '${id}' in dependsOn was not found in the batch.`), // GUESS: text
  batchMissingContentType: (id: string) =>
    graphError(400, "BadRequest", `Write request id : ${id} does not contain Content-Type header or body.`),
  batchFailedDependency: () =>
    graphError(424, "FailedDependency", "The request could not be completed because a request it depends on failed."), // GUESS: code and text
  batchNested: () => graphError(400, "BadRequest", "Nested batch requests are not supported."), // GUESS
  batchAbsoluteUrl: () => graphError(400, "BadRequest", "Batch request URLs must be relative to the service root."), // GUESS
} as const;

function unauthorized(message: string): ServiceResponse {
  // Graph names itself in the challenge so a client can find the authority to ask for a new token.
  return graphError(401, "InvalidAuthenticationToken", message, {
    "www-authenticate":
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });
}
