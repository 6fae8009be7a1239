import "./settings.css";
import { Card } from "azure-devops-ui/Card";
import type { Cloud } from "../../platform/clouds";
import { CLOUDS } from "../../platform/clouds";
import { DEFAULT_NAME_TEMPLATE } from "../../workflows/provisioning/naming";
import type { HubSettings } from "../../workflows/settings/settings";

/** The organization's settings as read (and validated): what the hub will use, for anyone to see. */
export function SettingsSummary({ settings, clouds = CLOUDS }: { settings: HubSettings; clouds?: readonly Cloud[] }) {
  return (
    <dl className="settings-summary" data-testid="settings-summary">
      {clouds.map((cloud) => (
        <SummaryRow key={cloud.id} term={`Sign-in app (${cloud.displayName})`} value={settings.signInClientIds[cloud.id] ?? "Not set"} />
      ))}
      <SummaryRow
        term="Who can sign in with the app"
        value={
          settings.signInAudience === "AzureADMyOrg"
            ? "Accounts in the default directory only (single tenant)"
            : settings.signInAudience === "AzureADMultipleOrgs"
              ? "Accounts in any directory (multitenant)"
              : "Not said"
        }
      />
      <SummaryRow term="Default directory (tenant)" value={settings.defaultTenantId ?? "None: the directory you sign in to"} />
      <SummaryRow term="App registration name template" value={settings.nameTemplate ?? `${DEFAULT_NAME_TEMPLATE} (built in)`} />
      {/* The name is the settings' own label; the hub shows the role by ARM's name for this id. */}
      <SummaryRow term="Default role" value={`${settings.defaultRole.roleName} (${settings.defaultRole.id}; named by Azure when used)`} />
      <SummaryRow term="Default secret lifetime" value={`${settings.defaultSecretDays} days`} />
      <SummaryRow
        term="Granting all pipelines"
        value={settings.allowAllPipelines ? "Allowed, with a warning" : "Not allowed: pipelines are authorized one by one"}
      />
    </dl>
  );
}

function SummaryRow({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

/** The project hub's read-only view of the organization settings. */
export function OrganizationSettingsCard({ settings }: { settings: HubSettings }) {
  return (
    <Card className="organization-settings" titleProps={{ text: "Organization settings", ariaLevel: 2 }}>
      <div className="flex-column rhythm-vertical-16">
        <p className="body-m">
          The defaults this hub uses, set for the whole organization. Project Collection Administrators change them in Organization settings
          &gt; Azure connections.
        </p>
        <SettingsSummary settings={settings} />
      </div>
    </Card>
  );
}
