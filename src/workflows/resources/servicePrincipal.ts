import type { GraphClient } from "../../clients/graph/graphClient";
import type { GraphServicePrincipal } from "../../clients/graph/graphTypes";
import { isServiceError } from "../../platform/http/serviceError";
import { waitOut, type Wait } from "./resourceKit";

/**
 * The service principal (enterprise application) of an app. It has no remove of its own: Entra deletes it with its
 * app, so the app registration's remove takes it along.
 */
export type PrincipalGraph = Pick<GraphClient, "createServicePrincipal" | "findServicePrincipal">;

/**
 * Graph's replication rule for the principal: right after the app is created, POST /servicePrincipals answers 400
 * "does not reference a valid application" for a while.
 */
export function isAppNotYetReplicated(error: unknown): boolean {
  return isServiceError(error) && error.status === 400 && /valid application/i.test(error.message);
}

/** The app's principal: found when an earlier attempt may have made it, else created (waiting out replication). */
export async function ensureServicePrincipal(
  graph: PrincipalGraph,
  wait: Wait,
  appId: string,
  mayExist: boolean,
): Promise<GraphServicePrincipal> {
  const existing = mayExist ? await graph.findServicePrincipal(appId) : undefined;
  return (
    existing ??
    waitOut(
      wait,
      () => graph.createServicePrincipal(appId),
      (error) => (isAppNotYetReplicated(error) ? "Entra ID is still replicating the new app registration" : undefined),
    )
  );
}

export function readServicePrincipal(
  graph: Pick<PrincipalGraph, "findServicePrincipal">,
  appId: string,
): Promise<GraphServicePrincipal | undefined> {
  return graph.findServicePrincipal(appId);
}
