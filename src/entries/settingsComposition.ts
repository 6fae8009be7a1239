import type { HostIdentity } from "../clients/devops/hostClient";
import { extensionDataStore } from "../clients/devops/extensionDataStore";
import { RestOrganizationPermissions } from "../clients/devops/securityClient";
import { CLOUDS } from "../platform/clouds";
import { createSettingsServices, type SettingsServices } from "../workflows/settings/settingsService";

/** The settings page's composition root: organization-wide extension data and the Azure DevOps security check. */
export async function createRealSettingsServices(identity: HostIdentity): Promise<SettingsServices> {
  return createSettingsServices({
    session: { organization: identity.organization, userDisplayName: identity.userDisplayName },
    clouds: CLOUDS,
    store: extensionDataStore("Default"),
    permissions: new RestOrganizationPermissions(),
  });
}
