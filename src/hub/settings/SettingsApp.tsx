import { Header, TitleSize } from "azure-devops-ui/Header";
import { Page } from "azure-devops-ui/Page";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { useEffect, useState, type ReactNode } from "react";
import type { HostClient, HostIdentity } from "../../clients/devops/hostClient";
import { describeError } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";
import { openSettingsPage } from "../../workflows/settingsPage";
import type { SettingsServices } from "../../workflows/settingsService";
import { ProblemScreen } from "../components/ProblemScreen";
import { SettingsPage } from "./SettingsPage";

export const SETTINGS_TITLE = "Azure connections";

export type CreateSettingsServices = (identity: HostIdentity) => Promise<SettingsServices>;

type State = { kind: "connecting" } | { kind: "ready"; services: SettingsServices } | { kind: "failed"; problem: Problem };

/** The organization settings page: connects to Azure DevOps, then shows the settings. */
export function SettingsApp({ host, createServices, handshakeTimeoutMs }: { host: HostClient; createServices: CreateSettingsServices; handshakeTimeoutMs?: number }) {
  const [state, setState] = useState<State>({ kind: "connecting" });

  useEffect(() => {
    let active = true;
    openSettingsPage(host, handshakeTimeoutMs)
      .then(createServices)
      .then((services) => active && setState({ kind: "ready", services }))
      .catch((error: unknown) => active && setState({ kind: "failed", problem: describeError(error, { step: "Opening the settings" }) }));
    return () => {
      active = false;
    };
  }, [host, createServices, handshakeTimeoutMs]);

  switch (state.kind) {
    case "connecting":
      return (
        <SettingsFrame>
          <div className="page-content page-content-top">
            <Spinner size={SpinnerSize.large} label="Connecting to Azure DevOps…" />
          </div>
        </SettingsFrame>
      );
    case "failed":
      return (
        <SettingsFrame>
          <ProblemScreen problem={state.problem} />
        </SettingsFrame>
      );
    case "ready":
      return (
        <SettingsFrame organization={state.services.session.organization}>
          <SettingsPage services={state.services} />
        </SettingsFrame>
      );
  }
}

function SettingsFrame({ organization, children }: { organization?: string; children: ReactNode }) {
  return (
    <Page className="hub-page flex-grow">
      <Header
        title={SETTINGS_TITLE}
        titleSize={TitleSize.Large}
        description={organization ? `Organization-wide settings of the Azure connections hub in ${organization}` : undefined}
      />
      {children}
    </Page>
  );
}
