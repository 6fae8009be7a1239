import type { GraphClient } from "../../clients/graph/graphClient";
import type { GraphApplication } from "../../clients/graph/graphTypes";
import type { Cloud } from "../../platform/clouds";
import { isServiceError } from "../../platform/http/serviceError";
import { runTag, withConnectionTag } from "../provisioning/markers";
import { NOT_OURS, removing, waitOut, type RemoveOutcome, type Wait } from "./resourceKit";

/**
 * The app registration. Created tagged with the run id, so a create whose answer was lost is found again by that tag
 * and never made twice; removed only after reading it and finding this run's tag.
 */
export type AppGraph = Pick<
  GraphClient,
  "createApplication" | "findApplicationsByTag" | "readApplication" | "updateApplication" | "deleteApplication" | "addOwner"
>;

export interface AppSpec {
  runId: string;
  displayName: string;
  signInAudience: "AzureADMyOrg" | "AzureADMultipleOrgs";
  notes: string;
  tags: string[];
}

export interface AppRef {
  id: string;
  appId: string;
  tags: string[];
}

const ref = (app: GraphApplication, tags: string[]): AppRef => ({ id: app.id, appId: app.appId, tags: app.tags ?? tags });

/** The app this run created: by its tag when an earlier attempt may have made it, else a new one. */
export async function ensureApp(graph: AppGraph, spec: AppSpec, mayExist: boolean): Promise<AppRef> {
  if (mayExist) {
    const [found] = await graph.findApplicationsByTag(runTag(spec.runId));
    if (found) return ref(found, spec.tags);
  }
  const { runId: _runId, ...body } = spec;
  return ref(await graph.createApplication(body), spec.tags);
}

/**
 * Graph's replication rule for a new app: writes to it (addPassword, owners, PATCH, federated credentials) can answer
 * 404 Request_ResourceNotFound for several seconds after the create. Waited out visibly and bounded; the write is
 * tried again on the same app, never on a second one.
 */
export function awaitAppReplicated<T>(wait: Wait, write: () => Promise<T>): Promise<T> {
  return waitOut(wait, write, (error) =>
    isServiceError(error) && error.status === 404 && /Request_ResourceNotFound|does not exist/i.test(`${error.code} ${error.message}`)
      ? "Entra ID is still replicating the new app registration"
      : undefined,
  );
}

/** Adds co-owners (each add is idempotent). */
export async function addAppOwners(graph: AppGraph, wait: Wait, appObjectId: string, userIds: readonly string[]): Promise<void> {
  await Promise.all(userIds.map((userId) => awaitAppReplicated(wait, () => graph.addOwner(appObjectId, userId))));
}

/** Writes the connection's marker (and fresh notes) on the app; the tags it now carries. */
export async function recordConnectionOnApp(
  graph: AppGraph,
  wait: Wait,
  app: AppRef,
  endpointId: string,
  notes: string,
): Promise<string[]> {
  return recordConnectionsOnApp(graph, wait, app, [endpointId], notes);
}

/** The same for an app several connections share: one write for all of them. */
export async function recordConnectionsOnApp(
  graph: AppGraph,
  wait: Wait,
  app: AppRef,
  endpointIds: readonly string[],
  notes: string,
): Promise<string[]> {
  const tags = endpointIds.reduce((all, id) => withConnectionTag(all, id), app.tags);
  if (tags.length !== app.tags.length) await awaitAppReplicated(wait, () => graph.updateApplication(app.id, { tags, notes }));
  return tags;
}

export function appRegistrationLink(cloud: Pick<Cloud, "entraAdminCenter">, appId: string): string {
  return `${cloud.entraAdminCenter}/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${encodeURIComponent(appId)}`;
}

/**
 * Removes the app this run created (its service principal and secrets go with it). Ownership is proved first: the
 * app is read and must carry this run's tag; one without it is left alone. With no app id known (the create's answer
 * was lost), the apps carrying the tag are the run's.
 */
export async function removeApp(
  graph: AppGraph,
  runId: string,
  appId: string | undefined,
  cloud: Pick<Cloud, "entraAdminCenter">,
): Promise<RemoveOutcome> {
  const tag = runTag(runId);
  const apps = appId
    ? [await graph.readApplication(appId)].filter((a): a is GraphApplication => a !== undefined)
    : await graph.findApplicationsByTag(tag);
  if (apps.length === 0) return { kind: "absent" };
  const ours = apps.filter((app) => (app.tags ?? []).includes(tag));
  if (ours.length === 0) return { kind: "leftAlone", reason: NOT_OURS };
  for (const app of ours) {
    await removing(`The app registration "${app.displayName}" (client ID ${app.appId})`, appRegistrationLink(cloud, app.appId), () =>
      graph.deleteApplication(app.id),
    );
  }
  return { kind: "removed" };
}

/** The app with this client id, its secrets, markers and owners; undefined when the directory has none (or hides it). */
export function readApp(graph: Pick<AppGraph, "readApplication">, appId: string) {
  return graph.readApplication(appId);
}

/** Deletes an app the person chose to delete (a connection's, listed by the inventory); one already gone counts as deleted. */
export function removeChosenApp(graph: Pick<AppGraph, "deleteApplication">, appObjectId: string): Promise<void> {
  return graph.deleteApplication(appObjectId);
}
