import { ArmClient } from "../clients/arm/armClient";
import type { SignInClient } from "../clients/auth/signInTypes";
import { GraphClient } from "../clients/graph/graphClient";
import type { Cloud } from "../platform/clouds";
import type { Clock } from "../platform/clock";
import { HttpClient } from "../platform/http/httpClient";
import type { WaitInfo } from "../platform/retry";
import { ARM_SCOPES, GRAPH_SCOPES, type AzureClients } from "../workflows/session/azureSession";

export interface AzureClientOptions {
  fetch?: typeof fetch;
  clock?: Clock;
  /** Each HTTP-level wait (throttling, an outage) with the service that made the client wait. */
  onWait?: (info: WaitInfo, service: "graph" | "arm") => void;
}

/**
 * Graph and ARM clients for one tenant, each with tokens for its own resource (Entra issues one resource per token).
 * Built here, in the composition root, and handed to the workflows as a factory.
 */
export function azureClients(signIn: SignInClient, cloud: Cloud, tenantId: string, options: AzureClientOptions = {}): AzureClients {
  const common = {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  };
  const onWait = (service: "graph" | "arm") => (options.onWait ? { onWait: (info: WaitInfo) => options.onWait!(info, service) } : {});
  const graphHttp = new HttpClient({
    service: "graph",
    baseUrl: cloud.graph.endpoint,
    token: (o) =>
      signIn.getToken({ resource: cloud.graph.resource, scopes: GRAPH_SCOPES, tenantId, ...(o?.claims ? { claims: o.claims } : {}) }),
    ...common,
    ...onWait("graph"),
  });
  const armHttp = new HttpClient({
    service: "arm",
    baseUrl: cloud.arm.endpoint,
    token: (o) =>
      signIn.getToken({ resource: cloud.arm.resource, scopes: ARM_SCOPES, tenantId, ...(o?.claims ? { claims: o.claims } : {}) }),
    ...common,
    ...onWait("arm"),
  });
  return { graph: new GraphClient(graphHttp), arm: new ArmClient(armHttp) };
}
