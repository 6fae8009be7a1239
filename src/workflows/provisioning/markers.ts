/**
 * Durable markers that tie an app registration to the organization, project and connection it serves, so that every
 * colleague's inventory (not only the creator's journal) can tell what this extension created and which secret a
 * connection uses. Tags are searchable with Graph's $filter; notes are for people reading the app in the portal.
 */
export const MANAGED_TAG = "azconn:managed";
const RUN = "azconn:run:";
const CONNECTION = "azconn:connection:";
const ORGANIZATION = "azconn:org:";
const PROJECT = "azconn:project:";

export function runTag(runId: string): string {
  return `${RUN}${runId}`;
}

export function appTags(runId: string, organization: string, projectId: string): string[] {
  return [MANAGED_TAG, runTag(runId), `${ORGANIZATION}${organization}`, `${PROJECT}${projectId}`];
}

export function withConnectionTag(tags: string[], endpointId: string): string[] {
  const tag = `${CONNECTION}${endpointId}`;
  return tags.includes(tag) ? tags : [...tags, tag];
}

export interface AppMarker {
  managed: boolean;
  runId?: string;
  organization?: string;
  projectId?: string;
  connectionIds: string[];
}

export function readAppMarker(tags: readonly string[] | undefined): AppMarker {
  const list = tags ?? [];
  const value = (prefix: string) => list.find((t) => t.startsWith(prefix))?.slice(prefix.length);
  return {
    managed: list.includes(MANAGED_TAG),
    ...(value(RUN) ? { runId: value(RUN)! } : {}),
    ...(value(ORGANIZATION) ? { organization: value(ORGANIZATION)! } : {}),
    ...(value(PROJECT) ? { projectId: value(PROJECT)! } : {}),
    connectionIds: list.filter((t) => t.startsWith(CONNECTION)).map((t) => t.slice(CONNECTION.length)),
  };
}

export function appNotes(organization: string, projectName: string, connectionName: string): string {
  return (
    `Created by the Azure Connection Builder extension for the Azure Resource Manager service connection "${connectionName}" ` +
    `of project "${projectName}" in the Azure DevOps organization "${organization}". Its client secret is used by that connection: ` +
    `rotate or delete it from Project settings > Azure connections, not here.`
  ).slice(0, 1024);
}

/** The notes of an app several connections share (a bulk run with one app registration for every scope). */
export function sharedAppNotes(organization: string, projectName: string, connectionNames: readonly string[]): string {
  return (
    `Created by the Azure Connection Builder extension for ${connectionNames.length} Azure Resource Manager service ` +
    `connections of project "${projectName}" in the Azure DevOps organization "${organization}": ` +
    `${connectionNames.map((name) => `"${name}"`).join(", ")}. Its client secret is used by each of them: rotate or delete ` +
    `it from Project settings > Azure connections, not here.`
  ).slice(0, 1024);
}

/** A secret's display name: the person's description, then a marker naming the run (or, after rotation, the connection) it belongs to. */
export function secretDisplayName(description: string, ownerId: string): string {
  const marker = ` [azconn:${ownerId}]`;
  return `${description.trim().slice(0, 100 - marker.length)}${marker}`;
}

/** The run or connection id a secret's display name was marked with, if any. */
export function readSecretMarker(displayName: string | null | undefined): string | undefined {
  return /\[azconn:([0-9a-fA-F-]{36})\]\s*$/.exec(displayName ?? "")?.[1];
}
