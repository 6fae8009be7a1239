import { Header, TitleSize } from "azure-devops-ui/Header";
import { Page } from "azure-devops-ui/Page";
import { useCallback, type ReactNode } from "react";
import type { HostClient, HostIdentity } from "../../workflows/hub/hubTypes";
import { openSettingsPage } from "../../workflows/settings/settingsPage";
import type { SettingsServices } from "../../workflows/settings/settingsService";
import { HostedStart } from "../common/HostedStart";
import { SettingsPage } from "./SettingsPage";
import { SettingsTabs } from "../requests/SettingsTabs";

export const SETTINGS_TITLE = "Azure connections";

export type CreateSettingsServices = (identity: HostIdentity) => Promise<SettingsServices>;

/** The organization settings page: connects to Azure DevOps, then shows the settings. */
export function SettingsApp({
  host,
  createServices,
  handshakeTimeoutMs,
}: {
  host: HostClient;
  createServices: CreateSettingsServices;
  handshakeTimeoutMs?: number;
}) {
  const start = useCallback(
    () => openSettingsPage(host, handshakeTimeoutMs).then(createServices),
    [host, createServices, handshakeTimeoutMs],
  );
  return (
    <HostedStart
      start={start}
      step="Opening the settings"
      frame={(services, children) => (
        <SettingsFrame {...(services ? { organization: services.session.organization } : {})}>{children}</SettingsFrame>
      )}
    >
      {(services) => <SettingsTabs reviews={services.requests} settings={<SettingsPage services={services} />} />}
    </HostedStart>
  );
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
