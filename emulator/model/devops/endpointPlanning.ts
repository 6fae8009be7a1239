import type { ServiceResponse } from "../core/http";
import type { DevOpsProject, ServiceEndpoint, ServiceEndpointProjectReference, State } from "../state";
import type { World } from "../world";
import { asRecord, asString, projectReferencesOf, stringMap, type ProjectReferenceInput } from "./endpointBody";
import { keepUnsentSecrets, storeAuthorization, type StoredAuthorization } from "./endpointSecrets";
import { findEndpointType, findScheme, type AuthSchemeSpec, type EndpointTypeSpec } from "./endpointTypeCatalog";
import {
  checkAbsoluteUrl,
  checkConnectionName,
  checkInputs,
  checkNameFree,
  lookup,
  ok,
  rejected,
  type Checked,
} from "./endpointValidation";
import { badRequest, projectNotFound } from "./errors";
import { currentUser } from "./identities";
import { findProject } from "./projects";
import { checkIssuerMove, currentIssuerKind, ISSUER_TYPE_OF, ISSUER_TYPE_PARAMETER, requestedIssuerKind } from "./issuerMove";
import type { FederationIssuerKind } from "../core/knobs";
import { appTrusts, FEDERATION_AUDIENCE, federationIdentityOf, ISSUER_PARAMETER, SUBJECT_PARAMETER } from "./workloadIdentity";

/**
 * Turning a create or update body into the ServiceEndpoint the model will hold, or into the refusal Azure DevOps
 * would answer. Planning never writes state, so a bulk update can check every endpoint before changing any.
 */
export const CONVERT_OPERATION = "ConvertAuthenticationScheme";
const WIF = "WorkloadIdentityFederation";
const SPN = "ServicePrincipal";

function urlFor(type: EndpointTypeSpec, data: Record<string, string>): string {
  const environment = lookup(data, "environment") ?? "AzureCloud";
  return type.urlByEnvironment?.[environment] ?? type.defaultUrl;
}

function checkUrl(raw: unknown, fallback: string): Checked<string> {
  const url = typeof raw === "string" && raw.trim() !== "" ? raw.trim() : fallback;
  if (url === "") return rejected(badRequest("The service connection url is required for this type.", "ArgumentNullException"));
  const invalid = checkAbsoluteUrl(url);
  return invalid ? rejected(invalid) : ok(url);
}

function resolveReference(
  state: State,
  input: ProjectReferenceInput,
  fallbackName: string,
  fallbackDescription: string,
): Checked<ServiceEndpointProjectReference> {
  const key = input.projectId ?? input.projectName;
  const project = key ? findProject(state, key) : undefined;
  if (!project) return rejected(projectNotFound(key ?? "(none)"));
  const name = checkConnectionName(input.name ?? fallbackName);
  if (!name.ok) return name;
  return ok({
    projectReference: { id: project.id, name: project.name },
    name: name.value,
    description: input.description ?? fallbackDescription,
  });
}

/** Sets the federation issuer and subject Azure DevOps reports for a workload identity federation connection. */
function withFederationIdentity(
  world: World,
  endpoint: ServiceEndpoint,
  keepIssuerOf?: ServiceEndpoint,
  moveTo?: FederationIssuerKind,
): ServiceEndpoint {
  if (endpoint.authorization.scheme.toLowerCase() !== WIF.toLowerCase()) return endpoint;
  // A connection already on federation keeps the issuer it has (a later change of knobs.federationIssuer applies to
  // new and newly converted connections only) unless it is moved (issuerMove.ts); its subject still follows renames
  // where the format does.
  const kind = moveTo ?? (keepIssuerOf ? currentIssuerKind(keepIssuerOf) : undefined) ?? world.knobs.federationIssuer ?? "entra";
  const identity = federationIdentityOf(world, endpoint, kind);
  endpoint.authorization.parameters[ISSUER_PARAMETER] = identity.issuer;
  endpoint.authorization.parameters[SUBJECT_PARAMETER] = identity.subject;
  // Learn's examples report the issuer type with the issuer and subject.
  endpoint.authorization.parameters[ISSUER_TYPE_PARAMETER] = ISSUER_TYPE_OF[kind];
  return endpoint;
}

function checkNamesFree(state: State, refs: ServiceEndpointProjectReference[], exceptId?: string): ServiceResponse | undefined {
  for (const ref of refs) {
    const taken = checkNameFree(state, ref.projectReference.id, ref.name, exceptId);
    if (taken) return taken;
  }
  return undefined;
}

interface TypedAuthorization {
  type: EndpointTypeSpec;
  scheme: AuthSchemeSpec;
  sent: Record<string, string>;
  data: Record<string, string>;
}

function readTypedAuthorization(body: Record<string, unknown>, typeName: unknown, schemeName: unknown): Checked<TypedAuthorization> {
  const type = findEndpointType(asString(typeName));
  if (!type) return rejected(badRequest(`Service endpoint type '${String(typeName ?? "")}' does not exist.`));
  const scheme = findScheme(type, asString(schemeName));
  if (!scheme)
    return rejected(
      badRequest(`Authorization scheme '${String(schemeName ?? "")}' is not supported for service endpoint type '${type.name}'.`),
    );
  const authorization = asRecord(body["authorization"]);
  return ok({ type, scheme, sent: stringMap(authorization?.["parameters"]), data: stringMap(body["data"]) });
}

function finish(
  world: World,
  endpoint: ServiceEndpoint,
  stored: StoredAuthorization,
  existing?: ServiceEndpoint,
  moveTo?: FederationIssuerKind,
): ServiceEndpoint {
  if (stored.secretHash) endpoint.secretHash = stored.secretHash;
  if (Object.keys(stored.confidentialHashes).length > 0) endpoint.confidentialParameterHashes = stored.confidentialHashes;
  return withFederationIdentity(world, endpoint, existing, moveTo);
}

/** Confirmed text of Azure DevOps' refusal to convert a connection it did not create (CONTRACTS.md §2.5). */
export function cannotUpgradeMessage(name: string): string {
  return `Service connection ${name} could not be upgraded to use workload identity federation because the service principal could not be configured automatically, and no valid configuration exists.`;
}

/**
 * ConvertAuthenticationScheme to WorkloadIdentityFederation. Azure DevOps configures the federated credential itself
 * only on an app it created (data.creationMode "Automatic"): then the model adds the credential to the app, as Azure
 * DevOps would. Any other connection (creationMode "Manual"; absent is treated the same, [unconfirmed]) converts only
 * when the app already trusts the issuer and subject the converted connection will present; otherwise 400 and
 * nothing changes.
 */
function checkConversion(world: World, converted: ServiceEndpoint): ServiceResponse | undefined {
  const identity = federationIdentityOf(world, converted);
  const appId = (lookup(converted.authorization.parameters, "serviceprincipalid") ?? "").toLowerCase();
  const application = world.state.applications.find((a) => a.appId.toLowerCase() === appId);
  if (appTrusts(application, identity)) return undefined;
  const automatic = (lookup(converted.data, "creationMode") ?? "").toLowerCase() === "automatic";
  if (!automatic) return badRequest(cannotUpgradeMessage(converted.name));
  return undefined;
}

/** After an automatic conversion is written: the federated credential Azure DevOps configures on the app it made. */
export function configureAutomaticFederation(world: World, endpoint: ServiceEndpoint): void {
  if (endpoint.authorization.scheme.toLowerCase() !== WIF.toLowerCase()) return;
  if ((lookup(endpoint.data, "creationMode") ?? "").toLowerCase() !== "automatic") return;
  const identity = federationIdentityOf(world, endpoint, currentIssuerKind(endpoint));
  const appId = (lookup(endpoint.authorization.parameters, "serviceprincipalid") ?? "").toLowerCase();
  const application = world.state.applications.find((a) => a.appId.toLowerCase() === appId);
  if (!application || appTrusts(application, identity)) return;
  application.federatedIdentityCredentials.push({
    id: world.ids.guid(),
    // GUESS at the name Azure DevOps gives the credential it creates.
    name: `${world.state.devops.organization}-${endpoint.id}`.replace(/[^A-Za-z0-9_-]/g, "-"),
    issuer: identity.issuer,
    subject: identity.subject,
    audiences: [FEDERATION_AUDIENCE],
    description: null,
  });
}

/** POST …/serviceendpoint/endpoints. `defaultProject` is the path's project on the pre-5.0 project-level route. */
export function planCreate(world: World, rawBody: unknown, defaultProject?: DevOpsProject): Checked<ServiceEndpoint> {
  const state = world.state;
  const body = asRecord(rawBody);
  if (!body) return rejected(badRequest("Value cannot be null. Parameter name: endpoint", "ArgumentNullException"));
  const name = checkConnectionName(body["name"]);
  if (!name.ok) return name;
  const typed = readTypedAuthorization(body, body["type"], asRecord(body["authorization"])?.["scheme"]);
  if (!typed.ok) return typed;
  const { type, scheme, sent, data } = typed.value;
  const invalid = checkInputs(type.inputs, data, "data") ?? checkInputs(scheme.inputs, sent, "authorization");
  if (invalid) return rejected(invalid);
  const url = checkUrl(body["url"], urlFor(type, data));
  if (!url.ok) return url;

  const description = asString(body["description"]) ?? "";
  let refInputs = projectReferencesOf(body["serviceEndpointProjectReferences"]);
  if (refInputs === "invalid") return rejected(badRequest("serviceEndpointProjectReferences must be an array of project references."));
  if ((!refInputs || refInputs.length === 0) && defaultProject) refInputs = [{ projectId: defaultProject.id }];
  // Confirmed text (CONTRACTS.md §2.2).
  if (!refInputs || refInputs.length === 0) return rejected(badRequest("At least one project reference required to create an endpoint."));
  const refs: ServiceEndpointProjectReference[] = [];
  for (const input of refInputs) {
    const ref = resolveReference(state, input, name.value, description);
    if (!ref.ok) return ref;
    if (!refs.some((r) => r.projectReference.id === ref.value.projectReference.id)) refs.push(ref.value);
  }
  const taken = checkNamesFree(state, refs);
  if (taken) return rejected(taken);

  const stored = storeAuthorization(scheme, sent);
  return ok(
    finish(
      world,
      {
        id: world.ids.guid(),
        name: name.value,
        type: asString(body["type"]) ?? type.name,
        url: url.value,
        description,
        owner: asString(body["owner"]) ?? "library",
        isShared: refs.length > 1,
        isReady: true,
        data,
        authorization: { scheme: scheme.scheme, parameters: stored.parameters },
        serviceEndpointProjectReferences: refs,
        createdBy: currentUser(state),
        operationStatus: { state: "Ready", statusMessage: "" },
      },
      stored,
    ),
  );
}

function checkSchemeChange(existingScheme: string, newScheme: string, operation: string | undefined): ServiceResponse | undefined {
  const same = existingScheme.toLowerCase() === newScheme.toLowerCase();
  if (operation === undefined || operation === "") {
    // GUESS: a plain update may not switch schemes; Microsoft's own converter uses the operation.
    return same
      ? undefined
      : badRequest(`Changing the authorization scheme from ${existingScheme} to ${newScheme} needs operation=${CONVERT_OPERATION}.`);
  }
  if (operation.toLowerCase() !== CONVERT_OPERATION.toLowerCase()) return badRequest(`The operation '${operation}' is not supported.`);
  const from = existingScheme.toLowerCase();
  const to = newScheme.toLowerCase();
  // GUESS: besides ServicePrincipal → WorkloadIdentityFederation, the same operation reverts a converted connection to
  // a secret (Azure DevOps offers "revert" after a conversion). A manual connection's revert must bring its new secret:
  // the scheme's inputs are checked as on create.
  const converts = from === SPN.toLowerCase() && to === WIF.toLowerCase();
  const reverts = from === WIF.toLowerCase() && to === SPN.toLowerCase();
  // The same operation moves a federated connection to another issuer (issuerMove.ts).
  const moves = from === WIF.toLowerCase() && to === WIF.toLowerCase();
  if (!converts && !reverts && !moves) {
    return badRequest(
      `${CONVERT_OPERATION} converts between ${SPN} and ${WIF}; this connection uses ${existingScheme} and the update asks for ${newScheme}.`,
    );
  }
  return undefined;
}

/**
 * GUESS: each project keeps its own name and description for the connection. What the caller changed wins: a
 * reference sent with a new name or description takes it; one left as it was follows a change of the top-level
 * name or description. Sharing itself changes only through share and delete, so references to other projects are ignored.
 */
function updatedReferences(
  existing: ServiceEndpoint,
  inputs: ProjectReferenceInput[] | undefined,
  state: State,
  top: { name: string; description: string },
): Checked<ServiceEndpointProjectReference[]> {
  const follow = (sent: string | undefined, current: string, oldTop: string, newTop: string) =>
    sent !== undefined && sent !== current ? sent : current === oldTop && newTop !== oldTop ? newTop : current;
  const refs: ServiceEndpointProjectReference[] = [];
  for (const ref of existing.serviceEndpointProjectReferences) {
    const input = inputs?.find((i) => {
      const project = findProject(state, i.projectId ?? i.projectName ?? "");
      return project?.id === ref.projectReference.id;
    });
    const name = checkConnectionName(follow(input?.name, ref.name, existing.name, top.name));
    if (!name.ok) return name;
    const description = follow(input?.description, ref.description, existing.description, top.description);
    refs.push({ projectReference: { ...ref.projectReference }, name: name.value, description });
  }
  return ok(refs);
}

/** On a conversion, what belonged only to the old scheme (authenticationType, the key) goes. */
function withoutInputsOf(
  oldScheme: AuthSchemeSpec | undefined,
  newScheme: AuthSchemeSpec,
  sent: Record<string, string>,
): Record<string, string> {
  const newIds = new Set(newScheme.inputs.map((i) => i.id.toLowerCase()));
  const oldOnly = new Set((oldScheme?.inputs ?? []).map((i) => i.id.toLowerCase()).filter((id) => !newIds.has(id)));
  return Object.fromEntries(Object.entries(sent).filter(([key]) => !oldOnly.has(key.toLowerCase())));
}

/** PUT …/serviceendpoint/endpoints/{id}[?operation=]: the whole object is resent. */
export function planUpdate(world: World, existing: ServiceEndpoint, rawBody: unknown, operation?: string): Checked<ServiceEndpoint> {
  const state = world.state;
  const body = asRecord(rawBody);
  if (!body) return rejected(badRequest("Value cannot be null. Parameter name: endpoint", "ArgumentNullException"));
  const bodyId = asString(body["id"]);
  if (bodyId && bodyId.toLowerCase() !== existing.id.toLowerCase())
    return rejected(badRequest(`The endpoint id ${bodyId} in the body does not match ${existing.id} in the URL.`));
  const name = checkConnectionName(body["name"] ?? existing.name);
  if (!name.ok) return name;
  const typeName = asString(body["type"]) ?? existing.type;
  if (typeName.toLowerCase() !== existing.type.toLowerCase())
    return rejected(badRequest(`The type of a service connection cannot change (${existing.type} to ${typeName}).`));
  const authorization = asRecord(body["authorization"]);
  const schemeName = asString(authorization?.["scheme"]) ?? existing.authorization.scheme;
  const schemeProblem = checkSchemeChange(existing.authorization.scheme, schemeName, operation);
  if (schemeProblem) return rejected(schemeProblem);
  const typed = readTypedAuthorization(body, typeName, schemeName);
  if (!typed.ok) return typed;
  const { type, scheme } = typed.value;
  const sameScheme = scheme.scheme.toLowerCase() === existing.authorization.scheme.toLowerCase();
  const given = authorization ? typed.value.sent : { ...existing.authorization.parameters };
  const sent = sameScheme ? given : withoutInputsOf(findScheme(type, existing.authorization.scheme), scheme, given);
  const data = body["data"] !== undefined ? typed.value.data : { ...existing.data };

  const stored = storeAuthorization(scheme, sent);
  const kept = sameScheme ? keepUnsentSecrets(existing, scheme, sent, stored) : new Set<string>();
  const invalid = checkInputs(type.inputs, data, "data") ?? checkInputs(scheme.inputs, sent, "authorization", kept);
  if (invalid) return rejected(invalid);
  const url = checkUrl(body["url"], existing.url);
  if (!url.ok) return url;

  const refInputs = projectReferencesOf(body["serviceEndpointProjectReferences"]);
  if (refInputs === "invalid") return rejected(badRequest("serviceEndpointProjectReferences must be an array of project references."));
  const description = asString(body["description"]) ?? existing.description;
  const refs = updatedReferences(existing, refInputs, state, { name: name.value, description });
  if (!refs.ok) return refs;
  const taken = checkNamesFree(state, refs.value, existing.id);
  if (taken) return rejected(taken);

  const { secretHash: _oldSecret, confidentialParameterHashes: _oldHashes, ...unchanged } = existing;
  const moving = sameScheme && !!operation && scheme.scheme.toLowerCase() === WIF.toLowerCase();
  const moveTo = moving ? requestedIssuerKind(sent) : undefined;
  const updated = finish(
    world,
    {
      ...unchanged,
      name: name.value,
      url: url.value,
      description,
      owner: asString(body["owner"]) ?? existing.owner,
      isShared: refs.value.length > 1,
      data,
      authorization: { scheme: scheme.scheme, parameters: stored.parameters },
      serviceEndpointProjectReferences: refs.value,
    },
    stored,
    existing,
    moveTo,
  );
  if (moveTo) {
    const refused = checkIssuerMove(world, existing, updated, moveTo);
    if (refused) return rejected(refused);
  }
  const converts = !sameScheme && scheme.scheme.toLowerCase() === WIF.toLowerCase();
  if (converts) {
    // The connection's own data decides (the body's may claim otherwise).
    const refused = checkConversion(world, { ...updated, data: { ...existing.data } });
    if (refused) return rejected(refused);
  }
  return ok(updated);
}
