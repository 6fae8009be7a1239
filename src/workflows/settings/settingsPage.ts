import type { HostClient, HostIdentity } from "../../clients/devops/hostClient";
import { ProblemError } from "../../platform/problem";
import { withTimeout } from "../../platform/timeout";
import { HOST_HANDSHAKE_TIMEOUT_MS } from "../hub/openHub";

/**
 * Connects the organization settings page to Azure DevOps. Unlike the project hub it needs no project: the settings
 * belong to the organization.
 */
export async function openSettingsPage(host: HostClient, timeoutMs = HOST_HANDSHAKE_TIMEOUT_MS): Promise<HostIdentity> {
  if (!host.isFramed()) {
    throw new ProblemError({
      title: "This page only works inside Azure DevOps.",
      detail: "It was opened on its own, so there is no Azure DevOps organization whose settings it could show.",
      action: "Open Azure DevOps, go to Organization settings and choose Azure connections under Extensions.",
    });
  }
  const identity = await withTimeout(
    host.connect(),
    timeoutMs,
    () =>
      new ProblemError({
        title: "Azure DevOps did not answer.",
        detail: `The page waited ${Math.round(timeoutMs / 1000)} seconds for Azure DevOps to connect and heard nothing.`,
        action: "Reload the page. If it keeps happening, open it again from Organization settings.",
      }),
  );
  await host.notifyLoadSucceeded();
  return identity;
}
