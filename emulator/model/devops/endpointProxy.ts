import type { ServiceResponse } from "../core/http";
import { hashSecret } from "../core/ids";
import type { ServiceEndpoint } from "../state";
import { respond, wireEnum } from "./conventions";
import { requireProject, type DevopsContext } from "./context";
import { asRecord, asString, stringMap } from "./endpointBody";
import { SPN_KEY } from "./endpointSecrets";
import { findEndpointType, isAzureRm } from "./endpointTypeCatalog";
import { lookup } from "./endpointValidation";
import { findEndpoint, isSharedWith } from "./endpointView";
import { badRequest, endpointNotFound } from "./errors";
import { readJsonBody } from "./requestBody";
import { verifyAzureRmConnection, type ConnectionUnderTest } from "./testConnection";

/** HttpStatusCode names as Azure DevOps writes them without enumsAsNumbers. */
const STATUS_NAMES: Record<number, string> = {
  200: "ok",
  400: "badRequest",
  401: "unauthorized",
  403: "forbidden",
  404: "notFound",
  429: "tooManyRequests",
  500: "internalServerError",
};

/** An endpoint id of "0" (or the empty GUID) means "not saved yet": everything, the secret included, is in the body. */
function isUnsaved(endpointId: string): boolean {
  return /^0$|^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(endpointId);
}

function withoutSecret(parameters: Record<string, string>): { parameters: Record<string, string>; secret?: string } {
  const rest: Record<string, string> = {};
  let secret: string | undefined;
  for (const [key, value] of Object.entries(parameters)) {
    if (key.toLowerCase() === SPN_KEY) secret = value;
    else rest[key] = value;
  }
  return secret === undefined ? { parameters: rest } : { parameters: rest, secret };
}

function fromDetails(details: Record<string, unknown>): ConnectionUnderTest {
  const data = stringMap(details["data"]);
  const authorization = asRecord(details["authorization"]);
  const { parameters, secret } = withoutSecret(stringMap(authorization?.["parameters"]));
  const type = findEndpointType(asString(details["type"]));
  const environment = lookup(data, "environment") ?? "AzureCloud";
  const url = asString(details["url"]) ?? type?.urlByEnvironment?.[environment] ?? "";
  return {
    url,
    data,
    scheme: asString(authorization?.["scheme"]) ?? "",
    parameters,
    ...(secret ? { secretHash: hashSecret(secret) } : {}),
  };
}

/**
 * A saved connection, with whatever the request's serviceEndpointDetails change. A secret left out (or null, as a
 * GET returns it) is the stored one: that is how "Verify" works on an existing connection (third-party scripts send
 * the GET result back unchanged, or only dataSourceDetails).
 */
function fromStored(endpoint: ServiceEndpoint, details: Record<string, unknown> | undefined): ConnectionUnderTest {
  const stored: ConnectionUnderTest = {
    url: endpoint.url,
    data: { ...endpoint.data },
    scheme: endpoint.authorization.scheme,
    parameters: { ...endpoint.authorization.parameters },
    ...(endpoint.secretHash ? { secretHash: endpoint.secretHash } : {}),
  };
  if (!details) return stored;
  const authorization = asRecord(details["authorization"]);
  const { parameters, secret } = withoutSecret(stringMap(authorization?.["parameters"]));
  return {
    url: asString(details["url"]) ?? stored.url,
    data: details["data"] !== undefined ? stringMap(details["data"]) : stored.data,
    scheme: asString(authorization?.["scheme"]) ?? stored.scheme,
    parameters: { ...stored.parameters, ...parameters },
    ...(secret ? { secretHash: hashSecret(secret) } : stored.secretHash ? { secretHash: stored.secretHash } : {}),
  };
}

/**
 * POST /{org}/{project}/_apis/serviceendpoint/endpointproxy?endpointId= (executeServiceEndpointRequest). Only
 * azurerm's TestConnection data source is emulated. Whatever the verdict, the answer is HTTP 200 with
 * {result, statusCode, errorMessage, activityId}.
 */
export function executeEndpointRequest(ctx: DevopsContext): ServiceResponse {
  const project = requireProject(ctx);
  const read = readJsonBody(ctx);
  if (!read.ok) return read.response;
  const body = asRecord(read.body);
  if (!body) return badRequest("The body must be a service endpoint request.", "ArgumentNullException");
  const endpointId = ctx.req.query.get("endpointId");
  if (!endpointId) return badRequest("endpointId is required.", "ArgumentNullException");
  const details = asRecord(body["serviceEndpointDetails"]);

  let typeName: string;
  let connection: ConnectionUnderTest;
  if (isUnsaved(endpointId)) {
    if (!details) return badRequest("serviceEndpointDetails are required to query an unsaved service connection.", "ArgumentNullException");
    typeName = asString(details["type"]) ?? "";
    connection = fromDetails(details);
  } else {
    const endpoint = findEndpoint(ctx, endpointId);
    if (!endpoint || !isSharedWith(endpoint, project.id)) return endpointNotFound(endpointId);
    typeName = endpoint.type;
    connection = fromStored(endpoint, details);
  }
  const dataSource = asString(asRecord(body["dataSourceDetails"])?.["dataSourceName"]) ?? "";
  // GUESS on status and text for data sources the model does not hold.
  if (!isAzureRm(typeName) || dataSource.toLowerCase() !== "testconnection") {
    return badRequest(
      `Data source '${dataSource}' does not exist for service endpoint type '${typeName}'. The emulator serves azurerm's TestConnection only.`,
    );
  }
  const outcome = verifyAzureRmConnection(ctx.world, connection);
  return respond(ctx.wire, 200, {
    result: outcome.result,
    statusCode: wireEnum(STATUS_NAMES[outcome.statusCode] ?? String(outcome.statusCode), outcome.statusCode),
    errorMessage: outcome.errorMessage,
    activityId: ctx.world.ids.guid(),
    callbackContextParameters: null,
    callbackRequired: false,
  });
}
