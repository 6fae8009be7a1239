import type { HostIdentity } from "../clients/devops/hostClient";
import { extensionDataStore } from "../clients/devops/extensionDataStore";
import { RestOrganizationPermissions } from "../clients/devops/securityClient";
import { CLOUDS } from "../platform/clouds";
import type { SettingsAppServices } from "../hub/settings/SettingsApp";
import { createSettingsServices } from "../workflows/settings/settingsService";

/**
 * The settings page's composition root: organization-wide extension data and the Azure DevOps security check; the
 * "Connections across projects" tab's services load (a chunk of their own) when it first shows.
 */
export async function createRealSettingsServices(identity: HostIdentity): Promise<SettingsAppServices> {
  return {
    ...createSettingsServices({
      session: { organization: identity.organization, userDisplayName: identity.userDisplayName },
      clouds: CLOUDS,
      store: extensionDataStore("Default"),
      permissions: new RestOrganizationPermissions(),
    }),
    organizationServices: () =>
      import(/* webpackChunkName: "organization" */ "./organizationComposition").then((m) => m.createRealOrganizationServices(identity)),
  };
}
