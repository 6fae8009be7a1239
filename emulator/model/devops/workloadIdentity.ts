import { guidFrom } from "../core/ids";
import type { FederationIssuerKind } from "../core/knobs";
import type { Application, ServiceEndpoint, State } from "../state";
import type { World } from "../world";
import { lookup } from "./endpointValidation";

/**
 * The issuer and subject Azure DevOps presents for a workload identity federation connection, kept here alone.
 *
 * Two formats exist (CONTRACTS.md §2.5; Learn "convert-service-connections", "workload identity federation"):
 * - Entra issuer, the default for new connections: `https://login.microsoftonline.com/{tenantId}/v2.0` with subject
 *   `/eid1/c/pub/t/{T}/a/{A}/sc/{organizationId}/{connectionId}`, where T and A are base64url (no padding) of the
 *   .NET byte order (`uuid.UUID(x).bytes_le`) of the tenant id and of Azure DevOps' app id.
 * - the older Azure DevOps issuer `https://vstoken.dev.azure.com/{organizationId}` with `sc://{org}/{project}/{name}`.
 * Which one the emulated organization uses is the scenario knob `knobs.federationIssuer` (default "entra").
 * Clients must read both values from the connection and never build them.
 */
export const ISSUER_PARAMETER = "workloadIdentityFederationIssuer";
export const SUBJECT_PARAMETER = "workloadIdentityFederationSubject";
export const FEDERATION_AUDIENCE = "api://AzureADTokenExchange";
/** Azure DevOps' first-party application id (the "a" segment of an Entra-issued subject). */
export const AZURE_DEVOPS_APP_ID = "499b84ac-1321-427f-aa17-267ca6975798";

/** The organization id the emulated host reports too (see emulator/server: guidFrom("organization:{name}")). */
export function organizationIdOf(state: State): string {
  return guidFrom(`organization:${state.devops.organization}`);
}

/** A GUID's bytes in .NET order (Guid.ToByteArray, Python bytes_le), base64url without padding. */
export function guidBytesLeBase64Url(guid: string): string {
  const hex = guid.replace(/[{}-]/g, "");
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`Not a GUID: ${guid}`);
  const bytes = Buffer.from(hex, "hex");
  const le = Buffer.concat([
    Buffer.from(bytes.subarray(0, 4)).reverse(),
    Buffer.from(bytes.subarray(4, 6)).reverse(),
    Buffer.from(bytes.subarray(6, 8)).reverse(),
    bytes.subarray(8),
  ]);
  return le.toString("base64url");
}

/** The older Azure DevOps issuer. */
export function federationIssuer(state: State): string {
  return `https://vstoken.dev.azure.com/${organizationIdOf(state)}`;
}

/** The older subject: follows the connection's current name and its first project, so renaming either changes it. */
export function federationSubject(state: State, projectName: string, connectionName: string): string {
  return `sc://${state.devops.organization}/${projectName}/${connectionName}`;
}

/** The Entra issuer of a tenant. */
export function entraFederationIssuer(tenantId: string): string {
  return `https://login.microsoftonline.com/${tenantId}/v2.0`;
}

/** The Entra-issued subject: stable under renames (it names the connection by id). */
export function entraFederationSubject(state: State, tenantId: string, connectionId: string): string {
  return `/eid1/c/pub/t/${guidBytesLeBase64Url(tenantId)}/a/${guidBytesLeBase64Url(AZURE_DEVOPS_APP_ID)}/sc/${organizationIdOf(state)}/${connectionId}`;
}

export interface FederationIdentity {
  issuer: string;
  subject: string;
}

/** The tenant id a connection names: its `tenantid` parameter, resolved by default domain when it is not a GUID. */
function tenantIdOf(state: State, endpoint: ServiceEndpoint): string {
  const key = lookup(endpoint.authorization.parameters, "tenantid") ?? "";
  const tenant = state.tenants.find((t) => t.id.toLowerCase() === key.toLowerCase() || t.defaultDomain.toLowerCase() === key.toLowerCase());
  return tenant?.id ?? key;
}

/** What the connection presents under the issuer the organization uses (`knobs.federationIssuer`). */
export function federationIdentityOf(
  world: World,
  endpoint: ServiceEndpoint,
  kind: FederationIssuerKind = world.knobs.federationIssuer ?? "entra",
): FederationIdentity {
  const state = world.state;
  if (kind === "azureDevOps") {
    const projectName = endpoint.serviceEndpointProjectReferences[0]?.projectReference.name ?? "";
    return { issuer: federationIssuer(state), subject: federationSubject(state, projectName, endpoint.name) };
  }
  const tenantId = tenantIdOf(state, endpoint);
  return { issuer: entraFederationIssuer(tenantId), subject: entraFederationSubject(state, tenantId, endpoint.id) };
}

/** Whether the app already trusts this issuer and subject (exact, case-sensitive, as Entra compares them). */
export function appTrusts(application: Application | undefined, identity: FederationIdentity): boolean {
  return !!application?.federatedIdentityCredentials.some((f) => f.issuer === identity.issuer && f.subject === identity.subject);
}
