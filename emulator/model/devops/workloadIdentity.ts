import { guidFrom } from "../core/ids";
import type { State } from "../state";

/**
 * GUESS, kept here alone: the issuer and subject Azure DevOps reports for a workload identity federation
 * connection. This is the format Azure DevOps used until 2025 (`https://vstoken.dev.azure.com/{organizationId}`,
 * `sc://{organization}/{project}/{connection}`); newer organizations report an Entra issuer
 * (`https://login.microsoftonline.com/{tenant}/v2.0`) with an `/eid1/…` subject. Clients must read both values
 * from the connection and never build them (CONTRACTS.md §2.5), so either format serves the same test.
 */
export const ISSUER_PARAMETER = "workloadIdentityFederationIssuer";
export const SUBJECT_PARAMETER = "workloadIdentityFederationSubject";
export const FEDERATION_AUDIENCE = "api://AzureADTokenExchange";

/** The organization id the emulated host reports too (see emulator/server: guidFrom("organization:{name}")). */
export function organizationIdOf(state: State): string {
  return guidFrom(`organization:${state.devops.organization}`);
}

export function federationIssuer(state: State): string {
  return `https://vstoken.dev.azure.com/${organizationIdOf(state)}`;
}

/** Follows the connection's current name and its first project, so renaming either changes the subject. */
export function federationSubject(state: State, projectName: string, connectionName: string): string {
  return `sc://${state.devops.organization}/${projectName}/${connectionName}`;
}
