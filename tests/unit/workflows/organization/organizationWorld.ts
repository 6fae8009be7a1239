/**
 * The organization page's services over Azure in a box: the product's real clients (through connectionWorld), the
 * project tab's services built for each row's own project, and the hub's sign-in. Import only from jsdom tests.
 */
import { SEED } from "../../../../emulator/model/seed";
import { azureClients } from "../../../../src/entries/azureClients";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import type { AzureClients } from "../../../../src/workflows/session/azureSession";
import { createConnectionServices, type ConnectionServices } from "../../../../src/workflows/connections/connectionServices";
import type { HubServices } from "../../../../src/workflows/hub/hubServices";
import { createOrganizationServices, type OrganizationServices } from "../../../../src/workflows/organization/organizationServices";
import { fakeHubServices } from "../../fakes/fakeHubServices";
import { connectionWorld, type ConnectionWorld } from "../connections/connectionWorld";
import type { WorldOptions } from "../../../support/inProcessAzure";

export const EXTENSION_ID = "arm-connection-tools.arm-connection-hub";
export const ORGANIZATION_URL = `https://dev.azure.com/${SEED.devopsOrganization}/`;

export interface OrganizationWorld extends ConnectionWorld {
  organization: OrganizationServices;
  hub: HubServices;
  /** Azure DevOps requests sent so far. */
  devopsRequests(): ConnectionWorld["world"]["requests"];
}

export function organizationWorld(options: WorldOptions = {}, concurrency?: number): OrganizationWorld {
  const c = connectionWorld(options);
  // Graph and ARM per directory, as the hub builds them: a directory the account is not in fails at its token.
  const clients = new Map<string, AzureClients>();
  const azure = (tenantId: string): AzureClients => {
    if (tenantId.toLowerCase() === SEED.tenantId.toLowerCase()) return c.world.clients;
    let found = clients.get(tenantId);
    if (!found)
      clients.set(tenantId, (found = azureClients(c.world.signIn, AZURE_CLOUD, tenantId, { fetch: c.world.fetch, clock: c.world.clock })));
    return found;
  };
  const perProject = new Map<string, ConnectionServices>();
  const servicesFor = (project: { id: string; name: string }): ConnectionServices => {
    let found = perProject.get(project.id);
    if (!found) {
      found = createConnectionServices({
        projectId: project.id,
        connections: c.world.connections,
        projects: c.world.projects,
        journal: c.world.journal,
        clock: c.world.clock,
        newRunId: () => c.world.newRunId(),
        signedIn: () =>
          c.isSignedIn() && c.world.signIn.account()
            ? { environment: "AzureCloud", userObjectId: c.world.signIn.account()!.objectId }
            : undefined,
        azure,
      });
      perProject.set(project.id, found);
    }
    return found;
  };
  const hub = fakeHubServices(
    { organization: SEED.devopsOrganization, userDisplayName: "Ada Admin", extensionId: EXTENSION_ID, project: { id: "", name: "" } },
    {
      now: () => new Date(c.world.clock.now()),
      account: () => (c.isSignedIn() ? c.world.signIn.account() : undefined),
      signIn: async () => {
        await c.signIn();
        return c.world.signIn.account()!;
      },
      connectionServicesFor: async (project) => servicesFor(project),
    },
  );
  const organization = createOrganizationServices({
    organization: SEED.devopsOrganization,
    extensionId: EXTENSION_ID,
    organizationUrl: ORGANIZATION_URL,
    hub,
    projects: c.world.projects,
    connections: c.world.connections,
    journal: c.world.journal,
    ...(concurrency ? { concurrency } : {}),
  });
  return {
    ...c,
    organization,
    hub,
    devopsRequests: () => c.world.requests.filter((r) => r.url.startsWith("https://dev.azure.com/")),
  };
}
