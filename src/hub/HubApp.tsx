import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { useEffect, useState } from "react";
import type { HostClient } from "../clients/devops/hostClient";
import type { Problem } from "../platform/problem";
import type { HubServices } from "../workflows/hubServices";
import { openHub, type HubSession } from "../workflows/openHub";
import type { HubSettings } from "../workflows/settings";
import { describeError } from "../platform/describeError";
import { HubHome } from "./HubHome";
import { ProblemScreen } from "./components/ProblemScreen";
import { HubPage } from "./pages/HubPage";

type HubState = { kind: "connecting" } | { kind: "ready"; session: HubSession; services: HubServices; settings: HubSettings } | { kind: "failed"; problem: Problem };

/** Builds everything the pages use, once the host said which organization and project this is. */
export type CreateServices = (session: HubSession) => Promise<{ services: HubServices; settings: HubSettings }>;

export function HubApp({ host, createServices, handshakeTimeoutMs }: { host: HostClient; createServices: CreateServices; handshakeTimeoutMs?: number }) {
  const [state, setState] = useState<HubState>({ kind: "connecting" });

  useEffect(() => {
    let active = true;
    openHub(host, handshakeTimeoutMs)
      .then(async (session) => {
        const built = await createServices(session);
        if (active) setState({ kind: "ready", session, ...built });
      })
      .catch((error: unknown) => {
        if (active) setState({ kind: "failed", problem: describeError(error, { step: "Starting the hub" }) });
      });
    return () => {
      active = false;
    };
  }, [host, createServices, handshakeTimeoutMs]);

  switch (state.kind) {
    case "connecting":
      return (
        <HubPage>
          <div className="page-content page-content-top">
            <Spinner size={SpinnerSize.large} label="Connecting to Azure DevOps…" />
          </div>
        </HubPage>
      );
    case "failed":
      return (
        <HubPage>
          <ProblemScreen problem={state.problem} />
        </HubPage>
      );
    case "ready":
      return (
        <HubPage projectName={state.session.project.name}>
          <HubHome services={state.services} settings={state.settings} />
        </HubPage>
      );
  }
}
