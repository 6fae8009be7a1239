import type { ServiceResponse } from "../core/http";
import type { FederationIssuerKind } from "../core/knobs";
import type { ServiceEndpoint } from "../state";
import type { World } from "../world";
import { lookup } from "./endpointValidation";
import { badRequest } from "./errors";
import { appTrusts, federationIdentityOf, ISSUER_PARAMETER } from "./workloadIdentity";

/**
 * Moving a federated connection from the Azure DevOps issuer to the Entra issuer (Learn "convert-service-connections":
 * the portal's Update; the REST call is not published). Modelled as `PUT …/endpoints/{id}?operation=
 * ConvertAuthenticationScheme` with the scheme unchanged (WorkloadIdentityFederation) and
 * `authorization.parameters.workloadIdentityFederationIssuerType` "EntraID" — GUESS: the parameter is the endpoint
 * type's input "Issuer type" and "EntraID" is its value in Learn's create examples; the operation is the one
 * Microsoft's converter uses. The checks mirror the conversion's (CONTRACTS.md §2.5): a connection Azure DevOps did
 * not create (creationMode not "Automatic") moves only when its app already trusts the Entra issuer and subject.
 */
export const ISSUER_TYPE_PARAMETER = "workloadIdentityFederationIssuerType";
const TYPES: Record<string, FederationIssuerKind> = { entraid: "entra", azuredevops: "azureDevOps" };
export const ISSUER_TYPE_OF: Record<FederationIssuerKind, string> = { entra: "EntraID", azureDevOps: "AzureDevOps" };

/** The issuer kind a connection presents now, from its reported issuer. */
export function currentIssuerKind(endpoint: ServiceEndpoint): FederationIssuerKind | undefined {
  const issuer = lookup(endpoint.authorization.parameters, ISSUER_PARAMETER);
  return issuer === undefined ? undefined : issuer.startsWith("https://vstoken.") ? "azureDevOps" : "entra";
}

/** The issuer kind an update asks for (an unknown value asks for nothing: the connection keeps its issuer). */
export function requestedIssuerKind(sent: Record<string, string>): FederationIssuerKind | undefined {
  const value = lookup(sent, ISSUER_TYPE_PARAMETER);
  return value === undefined ? undefined : TYPES[value.toLowerCase()];
}

/** GUESS text, in the words of the conversion's refusal (public reports); the status 400 follows the conversion's. */
export function cannotMoveMessage(name: string): string {
  return `Service connection ${name} could not be upgraded to use the Microsoft Entra issuer because the service principal could not be configured automatically, and no valid configuration exists.`;
}

/** Why Azure DevOps refuses the move, or undefined when it goes ahead. */
export function checkIssuerMove(
  world: World,
  existing: ServiceEndpoint,
  moved: ServiceEndpoint,
  to: FederationIssuerKind,
): ServiceResponse | undefined {
  const from = currentIssuerKind(existing);
  if (from === to) return undefined;
  // GUESS: Learn offers no way back to the retiring issuer; the model refuses it.
  if (to === "azureDevOps") return badRequest(`Service connection ${existing.name} cannot be moved back to the Azure DevOps issuer.`);
  const automatic = (lookup(existing.data, "creationMode") ?? "").toLowerCase() === "automatic";
  if (automatic) return undefined;
  const appId = (lookup(moved.authorization.parameters, "serviceprincipalid") ?? "").toLowerCase();
  const application = world.state.applications.find((a) => a.appId.toLowerCase() === appId);
  return appTrusts(application, federationIdentityOf(world, moved, to)) ? undefined : badRequest(cannotMoveMessage(existing.name));
}
