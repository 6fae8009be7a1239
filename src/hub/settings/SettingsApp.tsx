import { Header, TitleSize } from "azure-devops-ui/Header";
import { Page } from "azure-devops-ui/Page";
import { Tab, TabBar, TabSize } from "azure-devops-ui/Tabs";
import { useCallback, useState, type ReactNode } from "react";
import type { HostClient, HostIdentity } from "../../workflows/hub/hubTypes";
import { openSettingsPage } from "../../workflows/settings/settingsPage";
import type { SettingsServices } from "../../workflows/settings/settingsService";
import type { OrganizationServices } from "../../workflows/organization/organizationServices";
import { HostedStart } from "../common/HostedStart";
import { OrganizationTab } from "../organization/OrganizationTab";
import { RequestsTab } from "../requests/RequestsTab";
import { useLinkedRequest } from "../requests/useLinkedRequest";
import { SettingsPage } from "./SettingsPage";

export const SETTINGS_TITLE = "Azure connections";

/** The page's services: the settings, and (where the composition root offers it) the organization's connections. */
export type SettingsAppServices = SettingsServices & { organizationServices?: () => Promise<OrganizationServices> };

export type CreateSettingsServices = (identity: HostIdentity) => Promise<SettingsAppServices>;

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
      {(services) => <SettingsTabs services={services} />}
    </HostedStart>
  );
}

/**
 * The page's tabs, in order; a tab's content stays mounted once shown, so coming back does not read it all again. A link
 * to one request (?request=…) opens the Requests tab on it.
 */
function SettingsTabs({ services }: { services: SettingsAppServices }) {
  const reviews = services.requests;
  const tabs: Array<{ id: string; name: string; content: () => ReactNode }> = [
    ...(services.organizationServices
      ? [
          {
            id: "connections",
            name: "Connections across projects",
            content: () => <OrganizationTab load={services.organizationServices!} />,
          },
        ]
      : []),
    ...(reviews
      ? [
          {
            id: "requests",
            name: "Requests",
            content: () => (
              <main className="page-content page-content-top">
                <RequestsTab key={linked ?? ""} reviews={reviews} {...(linked ? { linkedId: linked } : {})} />
              </main>
            ),
          },
        ]
      : []),
    { id: "settings", name: "Settings", content: () => <SettingsPage services={services} /> },
  ];
  const [selected, setSelected] = useState(tabs[0]!.id);
  const [shown, setShown] = useState(() => new Set([selected]));
  const select = (id: string) => {
    setSelected(id);
    setShown((s) => new Set(s).add(id));
  };
  const linked = useLinkedRequest(reviews, () => select("requests"));
  if (tabs.length === 1) return <>{tabs[0]!.content()}</>;
  return (
    <>
      <TabBar selectedTabId={selected} onSelectedTabChanged={select} tabSize={TabSize.Tall} ariaLabel="Azure connections">
        {tabs.map((t) => (
          <Tab key={t.id} id={t.id} name={t.name} />
        ))}
      </TabBar>
      {tabs
        .filter((t) => shown.has(t.id))
        .map((t) => (
          <div key={t.id} role="tabpanel" aria-label={t.name} hidden={t.id !== selected}>
            {t.content()}
          </div>
        ))}
    </>
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
