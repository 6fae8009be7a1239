import type { GraphClient } from "../../clients/graph/graphClient";
import type { NewPassword } from "../../clients/graph/graphTypes";
import { readSecretMarker, secretDisplayName } from "../provisioning/markers";
import { awaitAppReplicated } from "./appRegistration";
import { NOT_OURS, type RemoveOutcome, type Wait } from "./resourceKit";

/**
 * A client secret. Its display name carries a marker (the run's id, or the connection's after a rotation), so a secret
 * added by an attempt whose answer was lost is found by that marker and removed: nobody holds its text.
 */
export type SecretGraph = Pick<GraphClient, "addPassword" | "removePassword" | "readApplication">;

export interface SecretSpec {
  appObjectId: string;
  appId: string;
  description: string;
  /** The run or connection id the display name is marked with. */
  marker: string;
  endDateTime: string;
}

const sameId = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

/**
 * Adds a secret. When an earlier attempt may have added one (`sweep`), the app's secrets carrying the same marker
 * (other than this one and those in `keep`) are removed: a secret whose text is not in memory can never be used.
 */
export async function ensureSecret(
  graph: SecretGraph,
  wait: Wait,
  spec: SecretSpec,
  sweep?: { keep: ReadonlySet<string> },
): Promise<NewPassword> {
  const password = await awaitAppReplicated(wait, () =>
    graph.addPassword(spec.appObjectId, secretDisplayName(spec.description, spec.marker), spec.endDateTime),
  );
  if (sweep) await removeStraySecrets(graph, spec, new Set([...sweep.keep, password.keyId]));
  return password;
}

/** Removes the secrets marked for `spec.marker` other than those kept. */
export async function removeStraySecrets(
  graph: SecretGraph,
  spec: Pick<SecretSpec, "appObjectId" | "appId" | "marker">,
  keep: ReadonlySet<string>,
): Promise<void> {
  const app = await graph.readApplication(spec.appId);
  for (const credential of app?.passwordCredentials ?? []) {
    if (keep.has(credential.keyId) || !sameId(readSecretMarker(credential.displayName), spec.marker)) continue;
    await graph.removePassword(spec.appObjectId, credential.keyId);
  }
}

/** Key ids of an app's secrets now (before a rotation adds one, so strays can be told from what was there). */
export async function readSecretKeyIds(graph: SecretGraph, appId: string): Promise<Set<string> | undefined> {
  const app = await graph.readApplication(appId);
  return app ? new Set((app.passwordCredentials ?? []).map((p) => p.keyId)) : undefined;
}

/** Removes a secret this run added: read first, and left alone unless it carries the run's marker. */
export async function removeOwnSecret(
  graph: SecretGraph,
  spec: Pick<SecretSpec, "appObjectId" | "appId" | "marker">,
  keyId: string,
): Promise<RemoveOutcome> {
  const app = await graph.readApplication(spec.appId);
  const credential = app?.passwordCredentials?.find((p) => p.keyId === keyId);
  if (!credential) return { kind: "absent" };
  if (!sameId(readSecretMarker(credential.displayName), spec.marker)) return { kind: "leftAlone", reason: NOT_OURS };
  await graph.removePassword(spec.appObjectId, keyId);
  return { kind: "removed" };
}

/** Removes the secrets a person chose (old ones after a rotation); each removal is idempotent. */
export async function removeChosenSecrets(
  graph: SecretGraph,
  appObjectId: string,
  keyIds: readonly string[],
  removed: string[],
): Promise<void> {
  for (const keyId of keyIds) {
    if (removed.includes(keyId)) continue;
    await graph.removePassword(appObjectId, keyId);
    removed.push(keyId);
  }
}
