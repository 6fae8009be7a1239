/**
 * The Connections tab's services over Azure in a box: the product's real clients (through createWorld), the person
 * signed in, and helpers to make connections the way the extension and other people do. Import only from jsdom tests.
 */
import { organizationIdOf } from "../../../../emulator/model/devops/workloadIdentity";
import { SEED } from "../../../../emulator/model/seed";
import type { State } from "../../../../emulator/model/state";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { createConnectionServices, type ConnectionServices } from "../../../../src/workflows/connections/connectionServices";
import type { Inventory, InventoryRow } from "../../../../src/workflows/connections/inventory";
import type { RunSnapshot } from "../../../../src/workflows/engine/workflowTypes";
import { azureClients } from "../../../../src/entries/azureClients";
import type { AzureClients } from "../../../../src/workflows/session/azureSession";
import { createWorld, formFor, MemoryDocumentStore, type World, type WorldOptions } from "../../../support/inProcessAzure";

export interface ConnectionWorld {
  world: World;
  /** Organization-wide extension data (Default scope): where the widget's expiry index is written. */
  organizationData: MemoryDocumentStore;
  services: ConnectionServices;
  /** Every snapshot any action reported, in order. */
  snapshots: RunSnapshot[];
  onChange: (snapshot: RunSnapshot) => void;
  /** Signs the person in (the Graph token's account); the inventory reads Graph only after this. */
  signIn(): Promise<void>;
  signOut(): void;
  isSignedIn(): boolean;
  /** The inventory with Graph read, as the tab shows it once signed in. */
  inventory(): Promise<Inventory>;
  row(endpointId: string): Promise<InventoryRow>;
  /** A connection made by a provisioning run of the extension; its id. */
  provision(name: string): Promise<string>;
  state(): State;
  /** Graph requests sent so far ($batch included). */
  graphRequests(): World["requests"];
}

export function connectionWorld(options: WorldOptions = {}): ConnectionWorld {
  const world = createWorld(options);
  const snapshots: RunSnapshot[] = [];
  let signedIn = false;
  const clients = new Map<string, AzureClients>();
  const azure = (tenantId: string): AzureClients => {
    if (tenantId.toLowerCase() === SEED.tenantId.toLowerCase()) return world.clients;
    let found = clients.get(tenantId);
    if (!found)
      clients.set(tenantId, (found = azureClients(world.signIn, AZURE_CLOUD, tenantId, { fetch: world.fetch, clock: world.clock })));
    return found;
  };
  const organizationData = new MemoryDocumentStore();
  const services = createConnectionServices({
    projectId: SEED.project.id,
    connections: world.connections,
    projects: world.projects,
    journal: world.journal,
    clock: world.clock,
    newRunId: () => world.newRunId(),
    signedIn: () =>
      signedIn && world.signIn.account() ? { environment: "AzureCloud", userObjectId: world.signIn.account()!.objectId } : undefined,
    azure,
    // As the hub passes the host's organization id: a conversion first lets the app trust each issuer Azure DevOps may use.
    expiryIndex: { store: organizationData, reader: { id: SEED.users.admin, displayName: "Megan Bowen" } },
    federationTrust: {
      organization: SEED.devopsOrganization,
      organizationId: organizationIdOf(world.model.state),
      projectName: SEED.project.name,
    },
  });
  const inventory = async () => services.readConnectionCredentials(await services.connectionInventory());
  return {
    world,
    organizationData,
    services,
    snapshots,
    onChange: (snapshot) => snapshots.push(snapshot),
    async signIn() {
      await world.signIn.signIn();
      signedIn = true;
    },
    signOut() {
      signedIn = false;
    },
    isSignedIn: () => signedIn,
    inventory,
    async row(endpointId) {
      const found = (await inventory()).rows.find((r) => r.facts.id === endpointId);
      if (!found) throw new Error(`No connection ${endpointId} in the inventory.`);
      return found;
    },
    async provision(name) {
      const run = world.provisioningRun(formFor("Subscription", { connection: { name, pipelineIds: [11] } }));
      const snapshot = await run.start();
      if (snapshot.status !== "succeeded")
        throw new Error(`Provisioning ${name} ended ${snapshot.status}: ${snapshot.problem?.detail ?? ""}`);
      return run.created.endpointId!;
    },
    state: () => world.state(),
    graphRequests: () => world.requests.filter((r) => r.url.startsWith("https://graph.microsoft.com/")),
  };
}

/** The connection as the emulator holds it. */
export function endpointIn(state: State, endpointId: string) {
  return state.devops.serviceEndpoints.find((e) => e.id === endpointId);
}

/** The app a connection uses, as the emulator holds it. */
export function appOf(state: State, endpointId: string) {
  const endpoint = endpointIn(state, endpointId);
  return state.applications.find((a) => a.appId === endpoint?.authorization.parameters["serviceprincipalid"]);
}

/** Step ids with a status, in the run's order. */
export function stepsWith(snapshot: RunSnapshot, status: string): string[] {
  return snapshot.steps.filter((s) => s.status === status).map((s) => s.id);
}
