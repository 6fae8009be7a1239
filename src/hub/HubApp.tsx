import { useCallback } from "react";
import type { HostClient } from "../workflows/hub/hubTypes";
import type { HubServices } from "../workflows/hub/hubServices";
import { openHub, type HubSession } from "../workflows/hub/openHub";
import type { HubSettings } from "../workflows/settings/settings";
import { HostedStart } from "./common/HostedStart";
import { HubHome } from "./HubHome";
import { HubPage } from "./pages/HubPage";

/** Builds everything the pages use, once the host said which organization and project this is. */
export type CreateServices = (session: HubSession) => Promise<{ services: HubServices; settings: HubSettings }>;

/** The project hub: connects to Azure DevOps, builds its services, then shows the home page. */
export function HubApp({
  host,
  createServices,
  onConnected,
  handshakeTimeoutMs,
}: {
  host: HostClient;
  createServices: CreateServices;
  onConnected?: () => void;
  handshakeTimeoutMs?: number;
}) {
  const start = useCallback(async () => {
    const session = await openHub(host, handshakeTimeoutMs, onConnected);
    return { session, ...(await createServices(session)) };
  }, [host, createServices, onConnected, handshakeTimeoutMs]);

  return (
    <HostedStart
      start={start}
      step="Starting the hub"
      frame={(ready, children) => <HubPage {...(ready ? { projectName: ready.session.project.name } : {})}>{children}</HubPage>}
    >
      {({ services, settings }) => <HubHome services={services} settings={settings} />}
    </HostedStart>
  );
}
