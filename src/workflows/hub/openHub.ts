import type { HostClient } from "../../clients/devops/hostClient";
import { ProblemError } from "../../platform/problem";
import { withTimeout } from "../../platform/timeout";
import { linkedConnection, type LinkedConnection } from "./hubLink";

export interface HubSession {
  organization: string;
  userDisplayName: string;
  extensionId: string;
  project: { id: string; name: string };
  /** The connection a link (`?connection=`) asked to open: the widget's, or the organization view's "Open in project". */
  linkedConnection?: LinkedConnection;
}

/** How long the hub waits for the host's query parameters; a link is a convenience, never worth a stuck page. */
const QUERY_TIMEOUT_MS = 2000;

/** How long the hub waits for Azure DevOps to answer the handshake; the SDK itself would wait forever. */
export const HOST_HANDSHAKE_TIMEOUT_MS = 5000;

const NOT_IN_AZURE_DEVOPS = {
  title: "This page only works inside Azure DevOps.",
  detail: "It was opened on its own, so there is no Azure DevOps organization or project to work with.",
  action: "Open your project in Azure DevOps, then go to Project settings and choose Azure connections.",
};

/**
 * Connects the hub to its host and reads the current project. Fails with a person-readable problem when the page
 * is opened outside Azure DevOps, when the host does not answer in time, or when there is no current project.
 */
export async function openHub(host: HostClient, timeoutMs = HOST_HANDSHAKE_TIMEOUT_MS, onConnected?: () => void): Promise<HubSession> {
  if (!host.isFramed()) throw new ProblemError(NOT_IN_AZURE_DEVOPS);
  const identity = await withTimeout(
    host.connect(),
    timeoutMs,
    () =>
      new ProblemError({
        title: "Azure DevOps did not answer.",
        detail:
          `The page waited ${Math.round(timeoutMs / 1000)} seconds for Azure DevOps to connect and heard nothing. This ` +
          `happens when the page is opened outside Azure DevOps or the connection was blocked.`,
        action: "Reload the page. If it keeps happening, open the hub again from Project settings.",
      }),
  );
  // Whatever needs only the handshake (settings, locations) can start now, alongside reading the project.
  onConnected?.();
  // Read alongside the project: a link costs the hub's start no extra round trip.
  const link = readLink(host);
  const project = await host.getProject();
  if (!project) {
    const problem = {
      title: "No project is selected.",
      detail: "This hub works on the service connections of one project, and Azure DevOps did not say which one.",
      action: "Open a project, then go to Project settings and choose Azure connections.",
    };
    await host.notifyLoadFailed(problem.title);
    throw new ProblemError(problem);
  }
  // Not awaited: the host only hides its loading indicator; the hub need not wait for that round trip.
  void host.notifyLoadSucceeded();
  const linked = await link;
  return { ...identity, project, ...(linked ? { linkedConnection: linked } : {}) };
}

/** The connection the host page's link names, if any; a host that cannot say means no link. */
async function readLink(host: HostClient): Promise<LinkedConnection | undefined> {
  if (!host.getQueryParams) return undefined;
  try {
    const query = await withTimeout(host.getQueryParams(), QUERY_TIMEOUT_MS, () => new Error("The host did not answer."));
    return linkedConnection(query);
  } catch {
    return undefined;
  }
}
