import type { ArmClient } from "../../clients/arm/armClient";
import type { DocumentStore, PipelinePermissionsClient, ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import type { GraphClient } from "../../clients/graph/graphClient";
import type { Clock } from "../../platform/clock";

/** The calls provisioning makes, as interfaces: the real clients in the hub, fakes in unit tests. */
export type GraphPort = Pick<
  GraphClient,
  | "createApplication"
  | "findApplicationsByTag"
  | "readApplication"
  | "updateApplication"
  | "deleteApplication"
  | "addOwner"
  | "addPassword"
  | "removePassword"
  | "createServicePrincipal"
  | "findServicePrincipal"
  | "listFederatedCredentials"
  | "addFederatedCredential"
  | "deleteFederatedCredential"
>;
export type ArmPort = Pick<ArmClient, "putRoleAssignment" | "deleteRoleAssignment">;

export interface ProvisioningPorts {
  graph: GraphPort;
  arm: ArmPort;
  connections: ServiceConnectionsClient;
  pipelinePermissions: PipelinePermissionsClient;
  /** The user's own journal (extension data, User scope). */
  journal: DocumentStore;
  clock: Clock;
}
