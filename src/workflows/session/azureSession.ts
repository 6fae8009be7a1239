import type { ArmClient } from "../../clients/arm/armClient";
import type { SignInClient } from "../../clients/auth/signInTypes";
import type { GraphClient } from "../../clients/graph/graphClient";
import type { Cloud } from "../../platform/clouds";

/**
 * Delegated scopes the hub asks for: app registrations in Graph (and reading colleagues' basic profiles, to look up
 * co-owners: User.Read reaches only the signed-in user), acting as the user in ARM.
 */
export const GRAPH_SCOPES = ["Application.ReadWrite.All", "User.Read", "User.ReadBasic.All"];
export const ARM_SCOPES = ["user_impersonation"];

/** Graph and ARM for one tenant of the signed-in cloud, as the workflows use them. */
export interface AzureClients {
  graph: GraphClient;
  arm: ArmClient;
}

/**
 * Builds the Graph and ARM clients of a tenant. The workflows never construct clients: the composition root hands
 * them this factory (src/entries/azureClients.ts in the hub, the in-process world in tests).
 */
export type AzureClientFactory = (signIn: SignInClient, cloud: Cloud, tenantId: string) => AzureClients;
