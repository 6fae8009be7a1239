import { json, noContent, type ServiceResponse } from "../core/http";
import type { Application, FederatedIdentityCredential } from "../state";
import type { World } from "../world";
import { applicationForChange, applicationForRead, fail, readJsonObject, type GraphContext, type ObjectRef, type Outcome } from "./context";
import { MAX_FEDERATED_CREDENTIALS } from "./directoryPolicy";
import { graphErrors } from "./graphErrors";
import { entityResponse, listResponse, type EntitySpec } from "./odataQuery";
import { FEDERATED_CREDENTIAL_PROPERTIES, federatedCredentialResource } from "./resources";

const RESOURCE = "FederatedIdentityCredential";
const MAX_NAME_LENGTH = 120;
const MAX_VALUE_LENGTH = 600;
/** "URL friendly": GUESS at the exact character set Graph allows in a name. */
const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;
const KNOWN_PROPERTIES = ["name", "issuer", "subject", "audiences", "description", "id", "@odata.type"];

function entitySpec(app: Application): EntitySpec {
  return {
    entitySet: `applications('${app.id}')/federatedIdentityCredentials`,
    type: "federatedIdentityCredential",
    properties: FEDERATED_CREDENTIAL_PROPERTIES,
  };
}

function readCredential(body: Record<string, unknown>): Outcome<Omit<FederatedIdentityCredential, "id">> {
  for (const key of Object.keys(body))
    if (!KNOWN_PROPERTIES.includes(key)) return fail(graphErrors.unknownProperty(key, "federatedIdentityCredential"));
  const { name, issuer, subject, audiences, description } = body;
  const text = (v: unknown, max: number): v is string => typeof v === "string" && v.trim() !== "" && v.length <= max;
  if (!text(name, MAX_NAME_LENGTH) || !NAME_PATTERN.test(name)) return fail(graphErrors.invalidPropertyValue("name", RESOURCE));
  if (!text(issuer, MAX_VALUE_LENGTH)) return fail(graphErrors.invalidPropertyValue("issuer", RESOURCE));
  if (!text(subject, MAX_VALUE_LENGTH)) return fail(graphErrors.invalidPropertyValue("subject", RESOURCE));
  // Graph takes exactly one audience today.
  if (!Array.isArray(audiences) || audiences.length !== 1 || !text(audiences[0], MAX_VALUE_LENGTH))
    return fail(graphErrors.invalidPropertyValue("audiences", RESOURCE));
  if (description !== undefined && description !== null && typeof description !== "string")
    return fail(graphErrors.invalidPropertyValue("description", RESOURCE));
  return {
    ok: true,
    value: {
      name,
      issuer,
      subject,
      audiences: [audiences[0] as string],
      description: typeof description === "string" ? description : null,
    },
  };
}

export function listFederatedCredentials(ctx: GraphContext, ref: ObjectRef): ServiceResponse {
  const app = applicationForRead(ctx, ref);
  if (!app.ok) return app.response;
  return listResponse(ctx.req, {
    ...entitySpec(app.value),
    items: app.value.federatedIdentityCredentials,
    toResource: federatedCredentialResource,
    filterFields: { name: (f) => f.name, subject: (f) => f.subject, issuer: (f) => f.issuer },
  });
}

/** POST …/federatedIdentityCredentials: at most 20 per app; name unique, and issuer + subject unique, on the app. */
export function createFederatedCredential(ctx: GraphContext, ref: ObjectRef): ServiceResponse {
  const app = applicationForChange(ctx, ref);
  if (!app.ok) return app.response;
  const body = readJsonObject(ctx.req);
  if (!body.ok) return body.response;
  const added = addCredential(ctx.world, app.value, body.value);
  if (!added.ok) return added.response;
  const credential = added.value;
  const { req, caller } = ctx;
  return json(201, {
    "@odata.context": `${req.baseUrl}/v1.0/$metadata#applications('${app.value.id}')/federatedIdentityCredentials/$entity`,
    // Graph answers with the directory's own v2 address for the new object.
    "@odata.id": `${req.baseUrl}/v2/${caller.tenant.id}/directoryObjects/$/Microsoft.DirectoryServices.Application('${app.value.id}')/federatedIdentityCredentials/${credential.id}`,
    ...federatedCredentialResource(credential),
  });
}

/** Adds a validated credential to the app, with Graph's rules (unique name, unique issuer + subject, at most 20). */
function addCredential(world: World, app: Application, body: Record<string, unknown>): Outcome<FederatedIdentityCredential> {
  const input = readCredential(body);
  if (!input.ok) return input;
  const existing = app.federatedIdentityCredentials;
  if (existing.some((f) => f.name.toLowerCase() === input.value.name.toLowerCase()))
    return fail(graphErrors.federatedCredentialNameTaken(input.value.name));
  if (existing.some((f) => f.issuer === input.value.issuer && f.subject === input.value.subject))
    return fail(graphErrors.federatedCredentialSubjectTaken());
  if (existing.length >= MAX_FEDERATED_CREDENTIALS) return fail(graphErrors.federatedCredentialLimit(MAX_FEDERATED_CREDENTIALS));
  const pending = world.knobs.consistency.federatedCredentialToTestConnectionCalls ?? 0;
  const credential: FederatedIdentityCredential = {
    id: world.ids.guid(),
    ...input.value,
    ...(pending > 0 ? { pendingTestConnectionCalls: pending } : {}),
  };
  existing.push(credential);
  return { ok: true, value: credential };
}

/**
 * An owner of the app adds a credential outside the hub (`az ad app federated-credential create --id {appId}
 * --parameters {json}`, which POSTs the JSON to Graph): the control API's way to act as that owner. Same rules and
 * the same replication delay as the Graph route.
 */
export function addCredentialAsOwner(world: World, appId: string, parameters: Record<string, unknown>): ServiceResponse {
  const app = world.state.applications.find((a) => a.appId.toLowerCase() === appId.toLowerCase());
  if (!app) return graphErrors.resourceNotFound(appId);
  const added = addCredential(world, app, parameters);
  return added.ok ? json(201, federatedCredentialResource(added.value)) : added.response;
}

function findCredential(app: Application, id: string): FederatedIdentityCredential | undefined {
  return app.federatedIdentityCredentials.find((f) => f.id.toLowerCase() === id.toLowerCase());
}

export function getFederatedCredential(ctx: GraphContext, ref: ObjectRef, credentialId: string): ServiceResponse {
  const app = applicationForRead(ctx, ref);
  if (!app.ok) return app.response;
  const credential = findCredential(app.value, credentialId);
  if (!credential) return graphErrors.resourceNotFound(credentialId);
  return entityResponse(ctx.req, entitySpec(app.value), federatedCredentialResource(credential));
}

export function deleteFederatedCredential(ctx: GraphContext, ref: ObjectRef, credentialId: string): ServiceResponse {
  const app = applicationForChange(ctx, ref);
  if (!app.ok) return app.response;
  const credential = findCredential(app.value, credentialId);
  if (!credential) return graphErrors.resourceNotFound(credentialId);
  app.value.federatedIdentityCredentials.splice(app.value.federatedIdentityCredentials.indexOf(credential), 1);
  return noContent();
}
