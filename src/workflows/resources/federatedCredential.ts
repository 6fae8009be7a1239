import type { GraphClient } from "../../clients/graph/graphClient";
import type { FederatedCredentialInfo } from "../../clients/graph/graphTypes";
import { isServiceError } from "../../platform/http/serviceError";
import { awaitAppReplicated } from "./appRegistration";
import { NOT_OURS, type RemoveOutcome, type Wait } from "./resourceKit";

/**
 * A federated identity credential on an app: which issuer and subject Entra trusts. Found again by issuer and subject
 * (a create whose answer was lost answers 409 next time); removed only when its name carries the extension's prefix.
 */
export type FederationGraph = Pick<GraphClient, "listFederatedCredentials" | "addFederatedCredential" | "deleteFederatedCredential">;

export const FEDERATION_AUDIENCE = "api://AzureADTokenExchange";
const PREFIX = "azconn-";

/** A federated credential's name: letters, digits, - and _ only (≤ 120). */
export function federatedCredentialName(key: string): string {
  return `${PREFIX}${key}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 120);
}

export interface FederationSpec {
  name: string;
  issuer: string;
  subject: string;
  /** Who asked for it, for whoever reads the app later (≤ 600 characters). */
  description?: string;
}

/** A credential's description naming the organization, project and connection it lets in. */
export function federatedCredentialDescription(organization: string, project: string, connection: string): string {
  return `Azure DevOps service connection "${connection}" in ${organization}/${project}, added by the service connection hub`.slice(0, 600);
}

/**
 * This extension's credential with this issuer and subject, found after an add whose answer was lost; one without the
 * extension's prefix is not ours to remove.
 */
export async function findOwnFederatedCredential(
  graph: Pick<FederationGraph, "listFederatedCredentials">,
  appObjectId: string,
  identity: { issuer: string; subject: string },
): Promise<string | undefined> {
  const all = await graph.listFederatedCredentials(appObjectId);
  return all.find((f) => f.issuer === identity.issuer && f.subject === identity.subject && f.name.startsWith(PREFIX))?.id;
}

/** The credential with this issuer and subject; `existed` when someone else had put it there (a rollback leaves it). */
export async function ensureFederatedCredential(
  graph: FederationGraph,
  wait: Wait,
  appObjectId: string,
  spec: FederationSpec,
): Promise<{ id: string; existed: boolean }> {
  const same = (f: FederatedCredentialInfo) => f.issuer === spec.issuer && f.subject === spec.subject;
  const existing = (await readFederatedCredentials(graph, wait, appObjectId)).find(same);
  // One under this very name is an earlier attempt's whose answer was lost (the name is derived from the connection).
  if (existing) return { id: existing.id, existed: existing.name !== spec.name };
  try {
    const created = await awaitAppReplicated(wait, () =>
      graph.addFederatedCredential(appObjectId, { ...spec, audiences: [FEDERATION_AUDIENCE] }),
    );
    return { id: created.id, existed: false };
  } catch (error) {
    // A create whose answer was lost: it is there now, with our issuer and subject.
    if (!(isServiceError(error) && error.status === 409)) throw error;
    const found = (await graph.listFederatedCredentials(appObjectId)).find(same);
    if (!found) throw error;
    return { id: found.id, existed: false };
  }
}

/** Removes a credential this extension added: read first, left alone unless its name carries the prefix. */
export async function removeFederatedCredential(graph: FederationGraph, appObjectId: string, id: string): Promise<RemoveOutcome> {
  const credential = (await graph.listFederatedCredentials(appObjectId)).find((f) => f.id === id);
  if (!credential) return { kind: "absent" };
  if (!credential.name.startsWith(PREFIX)) return { kind: "leftAlone", reason: NOT_OURS };
  await graph.deleteFederatedCredential(appObjectId, id);
  return { kind: "removed" };
}

/** The app's federated credentials now (a read that may meet Graph's 404 right after the app was created). */
export function readFederatedCredentials(graph: Pick<FederationGraph, "listFederatedCredentials">, wait: Wait, appObjectId: string) {
  return awaitAppReplicated(wait, () => graph.listFederatedCredentials(appObjectId));
}

/**
 * Removes the credential a connection no longer presents, found by exactly its old issuer and subject (which the
 * connection reported before it moved: that match is the proof it served this connection). Already gone is fine.
 */
export async function removeSupersededCredential(
  graph: FederationGraph,
  appObjectId: string,
  old: { issuer: string; subject: string },
): Promise<RemoveOutcome> {
  const credential = (await graph.listFederatedCredentials(appObjectId)).find((f) => f.issuer === old.issuer && f.subject === old.subject);
  if (!credential) return { kind: "absent" };
  try {
    await graph.deleteFederatedCredential(appObjectId, credential.id);
  } catch (error) {
    if (!(isServiceError(error) && error.status === 404)) throw error;
  }
  return { kind: "removed" };
}
