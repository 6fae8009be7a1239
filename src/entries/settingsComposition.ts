import * as SDK from "azure-devops-extension-sdk";
import type { IHostNavigationService } from "azure-devops-extension-api";
import type { HostIdentity } from "../clients/devops/hostClient";
import { extensionDataStore } from "../clients/devops/extensionDataStore";
import { RestProjectsClient } from "../clients/devops/projectsClient";
import { RestOrganizationPermissions } from "../clients/devops/securityClient";
import { CLOUDS } from "../platform/clouds";
import { realClock } from "../platform/clock";
import type { SettingsAppServices } from "../hub/settings/SettingsApp";
import { createRequestReviewServices } from "../workflows/requests/requestServices";
import { createSettingsServices } from "../workflows/settings/settingsService";
import { createRealServices } from "./hubComposition";

const HOST_NAVIGATION_SERVICE = "ms.vss-features.host-navigation-service";

/**
 * The settings page's composition root: organization-wide extension data, the Azure DevOps security check, the
 * requests to administrators (approving one runs the project hub's own provisioning services, built for the request's
 * project: the organization page has none of its own), and the "Connections across projects" tab's services, which
 * load (a chunk of their own) when it first shows.
 */
export async function createRealSettingsServices(identity: HostIdentity): Promise<SettingsAppServices> {
  const store = extensionDataStore("Default");
  const settings = createSettingsServices({
    session: { organization: identity.organization, userDisplayName: identity.userDisplayName },
    clouds: CLOUDS,
    store,
    permissions: new RestOrganizationPermissions(),
  });
  const requests = createRequestReviewServices({
    store,
    projects: new RestProjectsClient(),
    admin: { id: SDK.getUser().id, displayName: SDK.getUser().displayName },
    clock: realClock,
    linkedRequestId: async () => {
      const navigation = await SDK.getService<IHostNavigationService>(HOST_NAVIGATION_SERVICE);
      const id = (await navigation.getQueryParams())["request"];
      return typeof id === "string" && id ? id : undefined;
    },
    provisioningFor: async (project) => (await createRealServices({ ...identity, project })).services,
  });
  return {
    ...settings,
    requests,
    organizationServices: () =>
      import(/* webpackChunkName: "organization" */ "./organizationComposition").then((m) => m.createRealOrganizationServices(identity)),
  };
}
