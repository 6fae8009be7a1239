import type { ServiceConnection, ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import { isServiceError } from "../../platform/http/serviceError";
import { ProblemError } from "../../platform/problem";
import { NOT_OURS, removing, type RemoveOutcome } from "./resourceKit";

/**
 * The Azure Resource Manager service connection. Found again by name and app (client id) after a create whose answer
 * was lost; removed only after reading it and finding this run's app in it.
 */
export type ConnectionsPort = Pick<ServiceConnectionsClient, "findByName" | "get" | "create" | "update" | "delete" | "verify">;

export const parameterOf = (connection: ServiceConnection, key: string): string | undefined => {
  const found = Object.keys(connection.authorization.parameters).find((k) => k.toLowerCase() === key.toLowerCase());
  return found ? (connection.authorization.parameters[found] ?? undefined) : undefined;
};

export const FEDERATION_SCHEME = "WorkloadIdentityFederation";

/** The issuer and subject Azure DevOps reports for a federated connection (CONTRACTS.md §2.5: read, never built). */
export function reportedFederation(connection: ServiceConnection): { issuer: string; subject: string } | undefined {
  const issuer = parameterOf(connection, "workloadIdentityFederationIssuer");
  const subject = parameterOf(connection, "workloadIdentityFederationSubject");
  return issuer && subject ? { issuer, subject } : undefined;
}

const usesApp = (connection: ServiceConnection, appId: string) =>
  parameterOf(connection, "serviceprincipalid")?.toLowerCase() === appId.toLowerCase();

/** A connection of this project with this name that uses this app: one we created, whose answer was lost. */
export async function findOwnConnection(
  connections: Pick<ConnectionsPort, "findByName">,
  projectId: string,
  name: string,
  appId: string,
): Promise<ServiceConnection | undefined> {
  const existing = await connections.findByName(projectId, name);
  return existing?.id && usesApp(existing, appId) ? existing : undefined;
}

/**
 * The connection: created, or (when an earlier attempt may have made it) found by name and app and given this body's
 * credential, since it holds the credential of the attempt that created it.
 */
export async function ensureConnection(
  connections: ConnectionsPort,
  projectId: string,
  body: ServiceConnection,
  appId: string,
  mayExist: boolean,
): Promise<string> {
  const existing = mayExist ? await findOwnConnection(connections, projectId, body.name, appId) : undefined;
  if (existing?.id) {
    await connections.update({ ...existing, authorization: body.authorization });
    return existing.id;
  }
  return (await connections.create(body)).id!;
}

/** The connection as saved now; a ProblemError when it is gone. */
export async function readConnection(
  connections: Pick<ConnectionsPort, "get">,
  projectId: string,
  endpointId: string,
  name: string,
): Promise<ServiceConnection> {
  const connection = await connections.get(projectId, endpointId);
  if (!connection) {
    throw new ProblemError({
      title: "The service connection is gone.",
      detail: `"${name}" no longer exists in this project, or you may no longer see it.`,
      action: "Close this and reload the list.",
    });
  }
  return connection;
}

export function connectionLink(organization: string, projectName: string, endpointId?: string): string {
  const root = `https://dev.azure.com/${encodeURIComponent(organization)}/${encodeURIComponent(projectName)}/_settings/adminservices`;
  return endpointId ? `${root}?resourceId=${encodeURIComponent(endpointId)}` : root;
}

/**
 * Removes a connection this run created. Ownership is proved first: read by id (or, when the create's answer was lost,
 * by name) and it must hold this run's app; any other connection is left alone.
 */
export async function removeOwnConnection(
  connections: ConnectionsPort,
  target: { projectId: string; endpointId?: string; name: string; appId: string },
  link: string,
): Promise<RemoveOutcome> {
  const found = target.endpointId
    ? await connections.get(target.projectId, target.endpointId)
    : await connections.findByName(target.projectId, target.name);
  if (!found?.id) return { kind: "absent" };
  if (!usesApp(found, target.appId)) return { kind: "leftAlone", reason: NOT_OURS };
  await removing(`The service connection "${found.name}"`, link, () => deleteFromProject(connections, found.id!, target.projectId));
  return { kind: "removed" };
}

/** Deletes the connection from a project (from this project only, while others share it); already gone counts as deleted. */
export async function deleteFromProject(
  connections: Pick<ConnectionsPort, "delete">,
  endpointId: string,
  projectId: string,
): Promise<void> {
  try {
    await connections.delete(endpointId, [projectId]);
  } catch (error) {
    if (!(isServiceError(error) && error.status === 404)) throw error;
  }
}

/** Saves the whole connection (CONTRACTS.md §2.1: the object is resent on update), with an operation when one applies. */
export function updateConnection(
  connections: Pick<ConnectionsPort, "update">,
  connection: ServiceConnection,
  operation?: string,
): Promise<ServiceConnection> {
  return operation ? connections.update(connection, operation) : connections.update(connection);
}
