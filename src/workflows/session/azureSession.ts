import type { ArmClient } from "../../clients/arm/armClient";
import type { SignInClient } from "../../clients/auth/signInTypes";
import type { GraphClient } from "../../clients/graph/graphClient";
import type { Cloud } from "../../platform/clouds";

import { ARM_SCOPES, GRAPH_SCOPES } from "../../clients/auth/tokenScopes";

/** The scopes live with sign-in (clients/auth/tokenScopes); re-exported for callers that still import them here. */
export { ARM_SCOPES, GRAPH_SCOPES };

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
