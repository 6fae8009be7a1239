import * as SDK from "azure-devops-extension-sdk";
import type { ILocationService } from "azure-devops-extension-api";
import type { HostIdentity } from "../clients/devops/hostClient";
import { extensionDataStore } from "../clients/devops/extensionDataStore";
import { createOrganizationServices, type OrganizationServices } from "../workflows/organization/organizationServices";
import { createRealServices } from "./hubComposition";

const LOCATION_SERVICE = "ms.vss-features.location-service";
/** The Core area: its location is the organization's root URL. */
const CORE_AREA = "79134c72-4a58-4b42-976c-04e7115f32bf";
/** The organization page has no current project: the hub's services are asked for each row's project instead. */
const NO_PROJECT = { id: "", name: "" };

/**
 * The "Connections across projects" tab's composition root: the project hub's services for sign-in (the same sign-in
 * app, clouds and directories), the projects and service connections clients, and the person's own journal.
 */
export async function createRealOrganizationServices(identity: HostIdentity): Promise<OrganizationServices> {
  const [{ services: hub }, organizationUrl, { RestProjectsClient }, endpoints] = await Promise.all([
    createRealServices({ ...identity, project: NO_PROJECT }),
    SDK.getService<ILocationService>(LOCATION_SERVICE).then((location) => location.getResourceAreaLocation(CORE_AREA)),
    import(/* webpackChunkName: "devops-clients" */ "../clients/devops/projectsClient"),
    import(/* webpackChunkName: "devops-clients" */ "../clients/devops/serviceConnectionsClient"),
  ]);
  return createOrganizationServices({
    organization: identity.organization,
    extensionId: identity.extensionId,
    organizationUrl,
    hub,
    projects: new RestProjectsClient(),
    connections: new endpoints.RestServiceConnectionsClient(endpoints.httpHelperServiceEndpointClient({})),
    journal: extensionDataStore("User"),
  });
}
