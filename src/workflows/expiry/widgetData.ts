import type { DocumentStore, ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import { joinExpiringConnections, type ExpiringSummary } from "./expiringConnections";
import { readExpiryIndex } from "./expiryIndex";

export interface WidgetDataPorts {
  /** The viewer's own Azure DevOps call: only what it returns may be shown. */
  connections: Pick<ServiceConnectionsClient, "listAzureRm">;
  /** Default-scope extension data, where the hub keeps the expiry index. */
  index: Pick<DocumentStore, "list">;
}

/** The widget's one read: the project's azurerm connections and the index, in parallel, then the join. */
export async function readExpiringConnections(
  ports: WidgetDataPorts,
  projectId: string,
  thresholdDays: number,
  now: number,
): Promise<ExpiringSummary> {
  const [connections, index] = await Promise.all([ports.connections.listAzureRm(projectId), readExpiryIndex(ports.index, projectId, now)]);
  return joinExpiringConnections(Array.isArray(connections) ? connections : [], index, thresholdDays, now);
}
