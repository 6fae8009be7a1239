/**
 * The live journey: the hub's own workflows and real clients against a real tenant, subscription and organization,
 * as a Terraform provider's acceptance test runs against the real service. It creates a clearly marked connection,
 * verifies it, rotates its secret, converts it to workload identity federation, deletes it with its role assignment
 * and app, and proves nothing it made is left. What the real services answered where the emulator guesses is
 * returned as observations (the live test prints them; ROUTES.md records them).
 *
 * Everything outside is reached through `LiveTransport` (fetch and tokens), so a unit test runs the same journey
 * against Azure in a box (tests/unit/live/liveJourney.test.ts).
 */
import { HttpHelperServiceEndpointClient, RestServiceConnectionsClient } from "../../src/clients/devops/serviceConnectionsClient";
import { RestPipelinePermissionsClient } from "../../src/clients/devops/pipelinesClient";
import { sendOnHttpHelper, type DevOpsRest } from "../../src/clients/devops/devopsRest";
import type { DocumentStore } from "../../src/clients/devops/devopsTypes";
import type { SignInClient, TokenRequest } from "../../src/clients/auth/signInTypes";
import { azureClients } from "../../src/entries/azureClients";
import { realClock, type Clock } from "../../src/platform/clock";
import { AZURE_CLOUD } from "../../src/platform/clouds";
import { devopsAudience } from "../../src/platform/http/tokenAudience";
import { createConnectionServices } from "../../src/workflows/connections/connectionServices";
import { defaultSecretsToRemove } from "../../src/workflows/connections/secretRotation";
import type { RunSnapshot } from "../../src/workflows/engine/workflowTypes";
import { READER, type ProvisioningContext, type ProvisioningForm } from "../../src/workflows/provisioning/form";
import { MANAGED_TAG, runTag } from "../../src/workflows/provisioning/markers";
import { planSteps } from "../../src/workflows/provisioning/planSteps";
import { ProvisioningRun } from "../../src/workflows/provisioning/provisioningRun";

/** Every connection and app the journey makes starts with this, so an interrupted run is found and cleaned up. */
export const LIVE_PREFIX = "azconn-live-";
const DAY_MS = 86_400_000;

export interface LiveTransport {
  fetch: typeof fetch;
  /** A bearer token for Graph, ARM or Azure DevOps (by resource: the Graph or ARM root, or "devops"). */
  token(resource: string): Promise<string>;
  clock?: Clock;
}

export interface LiveTarget {
  tenantId: string;
  subscriptionId: string;
  /** https://dev.azure.com/{organization}/ */
  organizationUrl: string;
  organization: string;
  project: string;
}

/** One thing the real services answered, where the emulator makes a guess. */
export interface Observation {
  what: string;
  answer: string;
}

export interface LiveReport {
  connectionName: string;
  observations: Observation[];
  /** What an earlier, interrupted run had left and this one removed first. */
  cleanedUp: string[];
  /** What this run could not remove (empty when the journey proved nothing was left). */
  left: string[];
}

/** A sign-in that hands out the given tokens: the live run signs in outside the hub (az login, or tokens given). */
class TokenSignIn implements SignInClient {
  readonly method = "popup" as const;
  constructor(
    private readonly transport: LiveTransport,
    private readonly tenantId: string,
  ) {}
  async signIn() {
    return this.account();
  }
  async signOut(): Promise<void> {}
  account() {
    return { username: "live", name: "live", tenantId: this.tenantId, objectId: "" };
  }
  getToken(request: TokenRequest): Promise<string> {
    return this.transport.token(request.resource);
  }
}

async function devopsJson<T>(transport: LiveTransport, url: string): Promise<{ status: number; body: T | undefined }> {
  const response = await transport.fetch(url, {
    headers: { Authorization: `Bearer ${await transport.token("devops")}`, Accept: "application/json" },
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as T) : undefined };
}

function expectStatus(snapshot: RunSnapshot, status: RunSnapshot["status"], what: string): void {
  if (snapshot.status === status) return;
  const problem = snapshot.problem ? `${snapshot.problem.title} ${snapshot.problem.detail}` : "no problem reported";
  throw new Error(`${what} ended "${snapshot.status}", not "${status}": ${problem}`);
}

export async function runLiveJourney(target: LiveTarget, transport: LiveTransport): Promise<LiveReport> {
  const clock = transport.clock ?? realClock;
  const observations: Observation[] = [];
  const observe = (what: string, answer: string) => observations.push({ what, answer });

  // ---------------------------------------------------------------- wiring: the hub's real clients
  const signIn = new TokenSignIn(transport, target.tenantId);
  const clients = azureClients(signIn, AZURE_CLOUD, target.tenantId, { fetch: transport.fetch, clock });
  const connections = new RestServiceConnectionsClient(
    new HttpHelperServiceEndpointClient(
      { rootPath: target.organizationUrl },
      { fetch: transport.fetch, clock, token: () => transport.token("devops"), audience: devopsAudience(target.organization) },
    ),
  );
  const devops = { fetch: transport.fetch, clock, token: () => transport.token("devops"), audience: devopsAudience(target.organization) };
  // The hub finds an area's root through the SDK's location service; outside the browser it is the organization's URL.
  const devopsRest: DevOpsRest = {
    send: (_areaId, method, path, apiVersion, body) =>
      sendOnHttpHelper(devops, `${target.organizationUrl}${path}`, apiVersion, { method, ...(body !== undefined ? { body } : {}) }),
  };
  const pipelinePermissions = new RestPipelinePermissionsClient(devopsRest);
  const journal = memoryJournal();

  const project = await devopsJson<{ id: string; name: string }>(
    transport,
    `${target.organizationUrl}_apis/projects/${encodeURIComponent(target.project)}?api-version=7.1`,
  );
  if (!project.body?.id) throw new Error(`Project "${target.project}" was not found (${project.status}).`);
  const connectionData = await devopsJson<{ instanceId?: string }>(transport, `${target.organizationUrl}_apis/connectionData`);
  const organizationId = connectionData.body?.instanceId;
  if (!organizationId) throw new Error(`The organization's id could not be read from _apis/connectionData (${connectionData.status}).`);
  const me = await clients.graph.me();
  const context: ProvisioningContext = { organization: target.organization, project: project.body, userObjectId: me.id };
  const services = createConnectionServices({
    projectId: project.body.id,
    connections,
    journal,
    clock,
    newRunId: () => crypto.randomUUID(),
    signedIn: () => ({ environment: AZURE_CLOUD.id, userObjectId: me.id }),
    azure: () => clients,
    federationTrust: { organization: target.organization, organizationId, projectName: project.body.name },
  });

  // ---------------------------------------------------------------- an interrupted run's leftovers go first
  const cleanedUp = await removeLeftovers(services, clients.graph);

  // ---------------------------------------------------------------- create, verified
  const stamp = new Date(clock.now())
    .toISOString()
    .replace(/[-:T.Z]/g, "")
    .slice(0, 14);
  const connectionName = `${LIVE_PREFIX}${stamp}`;
  const runId = crypto.randomUUID();
  const subscription = (await clients.arm.listSubscriptions()).find((s) => s.subscriptionId === target.subscriptionId);
  if (!subscription) throw new Error(`Subscription ${target.subscriptionId} is not one you can see in ${target.tenantId}.`);
  const form: ProvisioningForm = {
    cloudId: AZURE_CLOUD.id,
    credential: "secret",
    tenantId: target.tenantId,
    scope: { level: "Subscription", subscriptionId: subscription.subscriptionId, subscriptionName: subscription.displayName },
    app: { displayName: connectionName, signInAudience: "AzureADMyOrg", coOwnerIds: [] },
    secret: { description: "azconn live test", endDateTime: new Date(clock.now() + 7 * DAY_MS).toISOString() },
    role: READER,
    connection: {
      name: connectionName,
      description: "Made by npm run test:live; safe to delete.",
      pipelineIds: [],
      allPipelines: false,
      verify: true,
    },
  };
  const run = new ProvisioningRun({ runId, form, context, steps: planSteps(form) }, AZURE_CLOUD, {
    graph: clients.graph,
    arm: clients.arm,
    connections,
    pipelinePermissions,
    journal,
    clock,
  });
  expectStatus(await run.start(), "succeeded", "Creating the connection");
  run.dropSecret();
  const endpointId = run.created.endpointId!;
  observe("verified right after create", run.created.verified ? "yes" : `no: ${run.created.verifyMessage ?? ""}`);

  // What a second connection of the same name gets (the status is unconfirmed in public sources).
  const existing = await connections.get(project.body.id, endpointId);
  try {
    await connections.create({ ...existing!, id: undefined } as never);
    observe("duplicate connection name", "accepted (unexpected)");
  } catch (error) {
    const e = error as { status?: number; code?: string; message?: string };
    observe("duplicate connection name", `${e.status ?? "?"} ${e.code ?? ""}: ${(e.message ?? "").slice(0, 160)}`);
  }

  // ---------------------------------------------------------------- rotate, convert, delete
  const rowOf = async () => {
    const inventory = await services.readConnectionCredentials(await services.connectionInventory());
    const row = inventory.rows.find((r) => r.facts.id === endpointId);
    if (!row) throw new Error(`The new connection ${endpointId} is not in the project's inventory.`);
    return { inventory, row };
  };
  let { row } = await rowOf();
  if (row.access.state !== "readable") throw new Error(`The new connection's app could not be read (${row.access.state}).`);
  const rotation = services.startRotation(
    row,
    {
      description: "azconn live test (rotated)",
      endDateTime: new Date(clock.now() + 7 * DAY_MS).toISOString(),
      removeKeyIds: defaultSecretsToRemove(row.access.app),
    },
    () => undefined,
  );
  expectStatus(await rotation.start(), "succeeded", "Rotating the secret");
  rotation.dropSecret();

  ({ row } = await rowOf());
  const conversion = services.startConversion(
    row,
    { fallbackSecretEndDateTime: new Date(clock.now() + 7 * DAY_MS).toISOString() },
    () => undefined,
  );
  const converted = await conversion.start();
  observe(
    "conversion of a manual connection",
    converted.status === "succeeded"
      ? `converted; issuer ${conversion.created.issuer}; subject ${conversion.created.subject}`
      : `${converted.status}: ${converted.problem?.title ?? ""} ${converted.problem?.detail ?? ""}`.slice(0, 400),
  );

  const { inventory, row: last } = await rowOf();
  const plan = await services.planConnectionDeletion(last, inventory);
  const deletion = services.startDeletion(plan, { connection: true, roleAssignments: true, app: true }, () => undefined);
  expectStatus(await deletion.start(), "succeeded", "Deleting the connection, its role assignment and its app");

  // ---------------------------------------------------------------- gone, and nothing left
  const gone = await transport.fetch(
    `${target.organizationUrl}${project.body.id}/_apis/serviceendpoint/endpoints/${endpointId}?api-version=7.1`,
    {
      headers: { Authorization: `Bearer ${await transport.token("devops")}`, Accept: "application/json" },
    },
  );
  observe("reading a deleted connection", `${gone.status}${(await gone.text()) ? " with a body" : " with no body"}`);
  const left: string[] = [];
  if (await connections.get(project.body.id, endpointId)) left.push(`service connection ${connectionName}`);
  for (const app of await clients.graph.findApplicationsByTag(runTag(runId)))
    left.push(`app registration ${app.displayName} (${app.appId})`);
  return { connectionName, observations, cleanedUp, left };
}

/** Connections and apps an earlier live run made (by their prefix and the extension's tag) and could not finish. */
async function removeLeftovers(
  services: ReturnType<typeof createConnectionServices>,
  graph: ReturnType<typeof azureClients>["graph"],
): Promise<string[]> {
  const removed: string[] = [];
  const inventory = await services.readConnectionCredentials(await services.connectionInventory());
  for (const row of inventory.rows.filter((r) => r.facts.name.startsWith(LIVE_PREFIX))) {
    const plan = await services.planConnectionDeletion(row, inventory);
    const snapshot = await services
      .startDeletion(plan, { connection: true, roleAssignments: true, app: !!plan.app }, () => undefined)
      .start();
    removed.push(`service connection ${row.facts.name} (${snapshot.status})`);
  }
  for (const app of await graph.findApplicationsByTag(MANAGED_TAG)) {
    if (!app.displayName.startsWith(LIVE_PREFIX)) continue;
    await graph.deleteApplication(app.id);
    removed.push(`app registration ${app.displayName}`);
  }
  return removed;
}

function memoryJournal(): DocumentStore {
  const collections = new Map<string, Map<string, unknown>>();
  const of = (name: string) => collections.get(name) ?? collections.set(name, new Map()).get(name)!;
  return {
    get: async <T>(collection: string, id: string) => of(collection).get(id) as T | undefined,
    list: async <T>(collection: string) => [...of(collection).values()] as T[],
    put: async <T extends { id: string }>(collection: string, document: T) => {
      of(collection).set(document.id, JSON.parse(JSON.stringify(document)));
      return document;
    },
    delete: async (collection: string, id: string) => {
      of(collection).delete(id);
    },
  };
}
