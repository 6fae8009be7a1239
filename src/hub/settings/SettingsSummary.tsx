import "./settings.css";
import { Card } from "azure-devops-ui/Card";
import type { Cloud } from "../../platform/clouds";
import { CLOUDS } from "../../platform/clouds";
import { DEFAULT_NAME_TEMPLATE } from "../../workflows/provisioning/naming";
import type { HubSettings } from "../../workflows/settings/settings";
import { wellKnownRoleName } from "../../workflows/settings/settingsForm";

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
      <SummaryRow term="Default role" value={describeDefaultRole(settings.defaultRole)} />
      <SummaryRow term="Default secret lifetime" value={`${settings.defaultSecretDays} days`} />
      <SummaryRow
        term="Granting all pipelines"
        value={settings.allowAllPipelines ? "Allowed, with a warning" : "Not allowed: pipelines are authorized one by one"}
      />
    </dl>
  );
}

/**
 * The saved name is a label anyone could have written: a built-in role is shown by its real name, any other role by
 * its id, with the saved label quoted as such. The wizard names it from ARM when it is used.
 */
function describeDefaultRole(role: HubSettings["defaultRole"]): string {
  const builtIn = wellKnownRoleName(role.id);
  return builtIn ? `${builtIn} (${role.id})` : `Role ${role.id}, saved as "${role.roleName}" (Azure names it when the hub uses it)`;
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
