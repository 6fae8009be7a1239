import type { ArmClient } from "../../clients/arm/armClient";
import type { DocumentStore, ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import type { GraphClient } from "../../clients/graph/graphClient";
import type { Clock } from "../../platform/clock";
import type { Cloud } from "../../platform/clouds";

/** The calls the Connections tab's workflows make, as interfaces: the real clients in the hub, fakes or the emulator in tests. */
export type ConnectionGraphPort = Pick<
  GraphClient,
  | "readApplication"
  | "addPassword"
  | "removePassword"
  | "deleteApplication"
  | "permanentlyDeleteApplication"
  | "findServicePrincipal"
  | "listFederatedCredentials"
  | "addFederatedCredential"
  | "deleteFederatedCredential"
>;
export type ConnectionArmPort = Pick<
  ArmClient,
  "listRoleAssignments" | "listRoleDefinitions" | "deleteRoleAssignment" | "listSubscriptions" | "listManagementGroups"
>;

/** What an action on one connection needs: Azure DevOps always, Graph and ARM of the connection's directory. */
export interface ConnectionActionPorts {
  connections: ServiceConnectionsClient;
  graph: ConnectionGraphPort;
  arm: ConnectionArmPort;
  clock: Clock;
  /** The person's own journal (extension data, User scope): ids only, never a secret. */
  journal: DocumentStore;
  /** The signed-in cloud, for links to what a failed undo left (the Azure cloud when absent). */
  cloud?: Pick<Cloud, "id" | "entraAdminCenter">;
}

/** The connection an action works on, as the inventory found it. */
export interface ActionTarget {
  projectId: string;
  endpointId: string;
  connectionName: string;
  /** The app registration's client id and directory. */
  appId: string;
  tenantId: string;
}
