import type { DocumentStore, ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import type { ProjectsClient } from "../../clients/devops/projectsClient";
import type { ConnectionServices } from "../connections/connectionServices";
import type { HubServices } from "../hub/hubServices";
import {
  listOrganizationInventory,
  readOrganizationCredentials,
  type LoadProgress,
  type OrganizationInventory,
  type OrganizationRow,
  type ProjectRef,
} from "./organizationInventory";
import { hubConnectionUrl } from "../hub/hubLink";

/**
 * What the "Connections across projects" tab asks for. Sign-in is the project hub's own (`hub`: the same accounts,
 * clouds and directories); the connections load without it, expiry and owners once signed in; each row's actions run
 * on the project tab's engine in the row's own project.
 */
export interface OrganizationServices {
  readonly organization: string;
  readonly hub: HubServices;
  listInventory(onProgress?: (progress: LoadProgress) => void): Promise<OrganizationInventory>;
  /** Every app of every project read at once (Graph batches across projects); needs a sign-in. */
  readCredentials(inventory: OrganizationInventory): Promise<OrganizationInventory>;
  /** The project tab's services in the row's own project (Rotate, Delete). */
  actionsFor(row: OrganizationRow): Promise<HubServices & ConnectionServices>;
  /** The project hub opened on the connection; undefined when the address could not be built safely. */
  openInProjectUrl(project: ProjectRef, connectionId: string): string | undefined;
}

export interface OrganizationServiceDeps {
  organization: string;
  /** `publisher.extension`, for links to the project hub. */
  extensionId: string;
  /** Azure DevOps web root of the organization, e.g. https://dev.azure.com/contoso/ */
  organizationUrl: string;
  hub: HubServices;
  projects: Pick<ProjectsClient, "listProjects">;
  connections: Pick<ServiceConnectionsClient, "listAzureRm">;
  journal: DocumentStore;
  /** Projects listed at once (organizationInventory's default when absent). */
  concurrency?: number;
}

export function createOrganizationServices(deps: OrganizationServiceDeps): OrganizationServices {
  return {
    organization: deps.organization,
    hub: deps.hub,
    listInventory: (onProgress) =>
      listOrganizationInventory(
        { projects: deps.projects, connections: deps.connections, journal: deps.journal },
        onProgress,
        deps.concurrency,
      ),
    async readCredentials(inventory) {
      const any = inventory.rows[0]?.home;
      if (!any) return { ...inventory, credentialsRead: true };
      // The reader of any project reads every row: which project it was built for changes nothing but the expiry
      // index, which a read across projects leaves alone.
      const reader = await deps.hub.connectionServicesFor(any, { expiryIndex: false });
      return readOrganizationCredentials(inventory, (all) => reader.readConnectionCredentials(all));
    },
    async actionsFor(row) {
      return { ...deps.hub, ...(await deps.hub.connectionServicesFor(row.home)) };
    },
    openInProjectUrl: (project, connectionId) => hubConnectionUrl(deps.organizationUrl, project.name, deps.extensionId, connectionId),
  };
}
