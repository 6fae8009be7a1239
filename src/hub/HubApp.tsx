import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { useEffect, useState } from "react";
import type { HostClient } from "../clients/devops/hostClient";
import { isProblemError, type Problem } from "../platform/problem";
import { openHub, type HubSession } from "../workflows/openHub";
import { ProblemScreen } from "./components/ProblemScreen";
import { HubPage } from "./pages/HubPage";

type HubState = { kind: "connecting" } | { kind: "ready"; session: HubSession } | { kind: "failed"; problem: Problem };

const UNEXPECTED: Problem = {
  title: "The hub could not start.",
  detail: "Something unexpected went wrong while connecting to Azure DevOps.",
  action: "Reload the page. If it keeps happening, report it with the time it happened.",
};

export function HubApp({ host, handshakeTimeoutMs }: { host: HostClient; handshakeTimeoutMs?: number }) {
  const [state, setState] = useState<HubState>({ kind: "connecting" });

  useEffect(() => {
    let active = true;
    openHub(host, handshakeTimeoutMs).then(
      (session) => active && setState({ kind: "ready", session }),
      (error: unknown) => active && setState({ kind: "failed", problem: isProblemError(error) ? error.problem : UNEXPECTED }),
    );
    return () => {
      active = false;
    };
  }, [host, handshakeTimeoutMs]);

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
          <div className="page-content page-content-top">
            <p className="body-m" data-testid="project-name">
              Project: <strong>{state.session.project.name}</strong>
            </p>
          </div>
        </HubPage>
      );
  }
}
