import { ArmClient } from "../../clients/arm/armClient";
import type { SignInClient } from "../../clients/auth/signInTypes";
import { GraphClient } from "../../clients/graph/graphClient";
import type { Cloud } from "../../platform/clouds";
import type { Clock } from "../../platform/clock";
import { HttpClient } from "../../platform/http/httpClient";
import type { WaitInfo } from "../../platform/retry";

/**
 * Delegated scopes the hub asks for: app registrations in Graph (and reading colleagues' basic profiles, to look up
 * co-owners: User.Read reaches only the signed-in user), acting as the user in ARM.
 */
export const GRAPH_SCOPES = ["Application.ReadWrite.All", "User.Read", "User.ReadBasic.All"];
export const ARM_SCOPES = ["user_impersonation"];

export interface AzureClients {
  graph: GraphClient;
  arm: ArmClient;
}

export interface AzureSessionOptions {
  fetch?: typeof fetch;
  clock?: Clock;
  onWait?: (info: WaitInfo) => void;
}

/** Graph and ARM clients for one tenant, each with tokens for its own resource (Entra issues one resource per token). */
export function azureClients(signIn: SignInClient, cloud: Cloud, tenantId: string, options: AzureSessionOptions = {}): AzureClients {
  const common = {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onWait ? { onWait: options.onWait } : {}),
  };
  const graphHttp = new HttpClient({
    service: "graph",
    baseUrl: cloud.graph.endpoint,
    token: (o) => signIn.getToken({ resource: cloud.graph.resource, scopes: GRAPH_SCOPES, tenantId, ...(o?.claims ? { claims: o.claims } : {}) }),
    ...common,
  });
  const armHttp = new HttpClient({
    service: "arm",
    baseUrl: cloud.arm.endpoint,
    token: (o) => signIn.getToken({ resource: cloud.arm.resource, scopes: ARM_SCOPES, tenantId, ...(o?.claims ? { claims: o.claims } : {}) }),
    ...common,
  });
  return { graph: new GraphClient(graphHttp), arm: new ArmClient(armHttp) };
}
