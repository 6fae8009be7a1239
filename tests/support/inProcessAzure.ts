/**
 * A whole Azure, in process, for workflow tests: Azure in a box behind the product's real clients.
 *
 * - Tokens come from the model's Entra through the nested-app-auth bridge (the protocol the hub's msal speaks), for a
 *   seeded user, with the seeded sign-in app's client id.
 * - The real GraphClient and ArmClient (built by azureSession's azureClients) send their requests through a `fetch`
 *   that hands them to `model.handle(…, REAL_ROOTS)`.
 * - The real ServiceEndpointRestClient of azure-devops-extension-api does too, on the hub's HTTP helper
 *   (HttpHelperServiceEndpointClient) with the same `fetch`; the global is replaced as well, for anything else that
 *   calls it.
 * - The journal is an in-memory DocumentStore that keeps every write, so tests can scan them for the secret.
 * - The clock is the model's: sleeps return at once and move model time forward, so retries never wait and tokens,
 *   secrets and waits all see one timeline.
 *
 * Modules that import this one import azure-devops-extension-api, which touches `window` when loaded: run them in jsdom.
 */
import { onTestFinished } from "vitest";
import { AzureInABox } from "../../emulator/model/azureInABox";
import { guidFrom } from "../../emulator/model/core/ids";
import type { FaultRule, Knobs } from "../../emulator/model/core/knobs";
import { defaultKnobs } from "../../emulator/model/core/knobs";
import { toWire } from "../../emulator/doors/wire";
import { escapeMsJsonDates } from "../../emulator/model/devops/conventions";
import { processNestedAppAuthRequest, type BridgeResponse } from "../../emulator/model/entra";
import { REAL_ROOTS } from "../../emulator/model/routing";
import { SEED, type SeedOptions } from "../../emulator/model/seed";
import type { Application, State } from "../../emulator/model/state";
import type { SignedInAccount, SignInClient, TokenRequest } from "../../src/clients/auth/signInTypes";
import { sendOnHttpHelper, type DevOpsRest, type DevOpsTransport } from "../../src/clients/devops/devopsRest";
import type { DocumentStore, ServiceConnectionsClient } from "../../src/clients/devops/devopsTypes";
import { RestPipelinePermissionsClient } from "../../src/clients/devops/pipelinesClient";
import { HttpHelperServiceEndpointClient, RestServiceConnectionsClient } from "../../src/clients/devops/serviceConnectionsClient";
import { RestProjectsClient, type ProjectsClient } from "../../src/clients/devops/projectsClient";
import { devopsAudience } from "../../src/platform/http/tokenAudience";
import { CancelledError, type Clock } from "../../src/platform/clock";
import { AZURE_CLOUD } from "../../src/platform/clouds";
import { ServiceError } from "../../src/platform/http/serviceError";
import type { WaitInfo } from "../../src/platform/retry";
import { AzureDirectory } from "../../src/workflows/directory/azureDirectory";
import type { ProvisioningContext, ProvisioningForm } from "../../src/workflows/provisioning/form";
import { planSteps } from "../../src/workflows/provisioning/planSteps";
import type { ProvisioningPorts } from "../../src/workflows/provisioning/ports";
import { ProvisioningRun, type ProvisioningRunOptions } from "../../src/workflows/provisioning/provisioningRun";
import { azureClients } from "../../src/entries/azureClients";
import type { AzureClients } from "../../src/workflows/session/azureSession";
import { NOW } from "./provisioningForms";
import { watchSecret } from "./secretWatch";

export { DAY_MS, formFor, ML_SUBSCRIPTION_ID, NOW, SCOPES, type FormOverrides } from "./provisioningForms";

export type SeedUser = keyof typeof SEED.users;

export const DEVOPS_ROOT = `https://dev.azure.com/${SEED.devopsOrganization}/`;

// ---------------------------------------------------------------- clock

/** The model's clock as the product's Clock: a sleep returns at once and moves model time on by its length. */
export class TestClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private readonly model: AzureInABox) {}

  now(): number {
    return this.model.clock.nowMs();
  }

  /** Total time "waited" so far. */
  get sleptMs(): number {
    return this.sleeps.reduce((sum, ms) => sum + ms, 0);
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new CancelledError();
    this.sleeps.push(ms);
    this.model.clock.advance(ms);
    await Promise.resolve();
    if (signal?.aborted) throw new CancelledError();
  }
}

// ---------------------------------------------------------------- journal

export interface JournalWrite {
  collection: string;
  id: string;
  /** The document exactly as it would be sent to extension data. */
  text: string;
}

/** Extension data in memory; keeps every write, so a test can prove the secret never reached storage. */
export class MemoryDocumentStore implements DocumentStore {
  private readonly documents = new Map<string, Map<string, string>>();
  readonly writes: JournalWrite[] = [];
  /** Makes the next N writes fail, as a lost connection to extension data would. */
  failWrites = 0;

  async get<T>(collection: string, id: string): Promise<T | undefined> {
    const text = this.documents.get(collection)?.get(id);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async list<T>(collection: string): Promise<T[]> {
    return [...(this.documents.get(collection)?.values() ?? [])].map((text) => JSON.parse(text) as T);
  }

  async put<T extends { id: string }>(collection: string, document: T): Promise<T> {
    if (this.failWrites > 0) {
      this.failWrites -= 1;
      throw new Error("Extension data is not reachable");
    }
    const text = JSON.stringify(document);
    this.writes.push({ collection, id: document.id, text });
    let documents = this.documents.get(collection);
    if (!documents) this.documents.set(collection, (documents = new Map()));
    documents.set(document.id, text);
    return JSON.parse(text) as T;
  }

  async delete(collection: string, id: string): Promise<void> {
    this.documents.get(collection)?.delete(id);
  }
}

// ---------------------------------------------------------------- sign-in

/**
 * The hub's sign-in as nested app authentication sees it: GetToken through the host's bridge, falling back to the
 * interactive GetTokenPopup when Entra needs the person (consent, a claims challenge), as msal's nestable client does.
 */
export class ModelSignIn implements SignInClient {
  readonly method = "nested" as const;
  readonly requests: TokenRequest[] = [];
  /** Interactive requests (GetTokenPopup) made so far. */
  popups = 0;
  private signedIn: SignedInAccount | undefined;
  private requestCount = 0;

  constructor(
    private readonly model: AzureInABox,
    readonly clientId: string = SEED.signInClientId,
  ) {}

  private ask(method: "GetToken" | "GetTokenPopup", request: TokenRequest): BridgeResponse {
    if (method === "GetTokenPopup") this.popups += 1;
    this.requestCount += 1;
    const envelope = {
      messageType: "NestedAppAuthRequest",
      method,
      requestId: `naa-${this.requestCount}`,
      tokenParams: {
        clientId: this.clientId,
        authority: `https://login.microsoftonline.com/${request.tenantId ?? "organizations"}/`,
        scope: request.scopes.map((s) => `${request.resource.replace(/\/+$/, "")}/${s}`).join(" "),
        ...(request.claims ? { claims: request.claims } : {}),
      },
    };
    return JSON.parse(processNestedAppAuthRequest(this.model, JSON.stringify(envelope))) as BridgeResponse;
  }

  async getToken(request: TokenRequest): Promise<string> {
    this.requests.push(request);
    let answer = request.claims ? this.ask("GetTokenPopup", request) : this.ask("GetToken", request);
    if (!answer.success && answer.error?.status === "USER_INTERACTION_REQUIRED") answer = this.ask("GetTokenPopup", request);
    if (!answer.success || !answer.token) {
      throw new ServiceError("entra", 400, answer.error?.code ?? "interaction_required", answer.error?.description ?? "Sign-in failed.");
    }
    if (answer.account) {
      this.signedIn = {
        username: answer.account.username,
        name: answer.account.name,
        tenantId: answer.account.tenantId,
        objectId: answer.account.localAccountId,
      };
    }
    return answer.token.access_token;
  }

  async signIn(): Promise<SignedInAccount> {
    await this.getToken({ resource: AZURE_CLOUD.graph.resource, scopes: ["User.Read"], tenantId: SEED.tenantId });
    return this.signedIn!;
  }

  async signOut(): Promise<void> {
    this.signedIn = undefined;
  }

  account(): SignedInAccount | undefined {
    return this.signedIn;
  }
}

// ---------------------------------------------------------------- fetch

export interface SeenRequest {
  method: string;
  url: string;
  status: number;
  /** A Graph $batch: the URL of each request inside it (its sub-requests). */
  batchUrls?: string[];
}

/** The URLs inside a Graph $batch body (none for any other request). */
function batchUrlsOf(url: string, body: string | undefined): string[] | undefined {
  if (!/\/\$batch$/.test(new URL(url).pathname) || !body) return undefined;
  const requests = (JSON.parse(body) as { requests?: Array<{ url?: string }> }).requests ?? [];
  return requests.map((r) => r.url ?? "");
}

export type Fetch = typeof fetch;

function requestParts(input: RequestInfo | URL, init: RequestInit = {}) {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, key) => (headers[key] = value));
  return { url, method: (init.method ?? "GET").toUpperCase(), headers, body: typeof init.body === "string" ? init.body : undefined };
}

// ---------------------------------------------------------------- the world

export interface WorldOptions {
  /** Who signs in (the host's account); the administrator by default. */
  user?: SeedUser;
  knobs?: Partial<Omit<Knobs, "consistency">> & { consistency?: Partial<Knobs["consistency"]> };
  seed?: SeedOptions;
  /** Whether an administrator already consented to the sign-in app for the tenant (the normal setup); true by default. */
  adminConsent?: boolean;
}

export interface World {
  model: AzureInABox;
  clock: TestClock;
  signIn: ModelSignIn;
  clients: AzureClients;
  connections: ServiceConnectionsClient;
  /** The organization's projects (Core API), over the same fetch. */
  projects: ProjectsClient;
  pipelinePermissions: RestPipelinePermissionsClient;
  journal: MemoryDocumentStore;
  /** Every journal write, in order. */
  journalWrites: JournalWrite[];
  ports: ProvisioningPorts;
  directory: AzureDirectory;
  context: ProvisioningContext;
  /** The fetch the clients use (also installed as the global fetch for the test). */
  fetch: Fetch;
  /** Every request any client sent, with the status it got (0 for a dropped connection). */
  requests: SeenRequest[];
  /** HTTP-level retry waits (throttling, outages) of the Graph and ARM clients. */
  httpWaits: WaitInfo[];
  /** Every secretText Graph handed out, so a test can look for it where it must never be. */
  secretsIssued: string[];
  /** A fault on a route of the model, until `clearFaults`. */
  fail(rule: FaultRule): void;
  clearFaults(): void;
  /** A fresh, deterministic run id. */
  newRunId(): string;
  /** A provisioning run in this world for the signed-in user's project. */
  provisioningRun(
    form: ProvisioningForm,
    options?: Partial<ProvisioningRunOptions> & { ports?: ProvisioningPorts; runId?: string },
  ): ProvisioningRun;
  /** The whole model state (secrets only as hashes). */
  state(): State;
  /** Apps in the state carrying this run's tag. */
  appsOfRun(runId: string): Application[];
}

let worldCount = 0;

/** Builds an Azure in a box with the product's real clients pointed at it. Call inside a test (it restores `fetch` when the test ends). */
export function createWorld(options: WorldOptions = {}): World {
  const user = options.user ?? "admin";
  const { consistency, ...knobs } = options.knobs ?? {};
  const model = new AzureInABox({
    now: NOW,
    ...(options.seed ? { seed: options.seed } : {}),
    knobs: { ...knobs, consistency: { ...defaultKnobs().consistency, ...consistency }, signedInUserId: SEED.users[user] },
  });
  if (options.adminConsent ?? true) {
    for (const tenant of model.state.tenants) if (tenant.id === SEED.tenantId) tenant.adminConsentedClientIds.push(SEED.signInClientId);
  }

  const clock = new TestClock(model);
  const requests: SeenRequest[] = [];
  const secretsIssued: string[] = [];
  const httpWaits: WaitInfo[] = [];

  const routedFetch: Fetch = async (input, init) => {
    const { url, method, headers, body } = requestParts(input, init);
    if (init?.signal?.aborted) throw new DOMException("The operation was aborted.", "AbortError");
    const answer = await model.handle({ method, url, headers, ...(body !== undefined ? { bodyText: body } : {}) }, REAL_ROOTS);
    if (!answer || answer.networkDrop) {
      requests.push({ method, url, status: 0 });
      throw new TypeError("Failed to fetch");
    }
    const batchUrls = batchUrlsOf(url, body);
    requests.push({ method, url, status: answer.status, ...(batchUrls ? { batchUrls } : {}) });
    const wire = toWire(answer, headers);
    if (answer.status === 200 && /\/addPassword$/i.test(new URL(url).pathname)) {
      const { secretText } = answer.body as { secretText: string };
      secretsIssued.push(secretText);
      // Every unit test fails if this secret reaches the console (tests/unit/setup.ts).
      watchSecret(secretText);
    }
    const text = url.startsWith(DEVOPS_ROOT) ? escapeMsJsonDates(wire.body) : wire.body;
    return new Response(answer.status === 204 || answer.status === 304 || text === "" ? null : text, {
      status: answer.status,
      headers: wire.headers,
    });
  };

  // The api package's Fetch.js calls the global fetch at request time.
  const previousFetch = globalThis.fetch;
  globalThis.fetch = routedFetch;
  onTestFinished(() => {
    if (globalThis.fetch === routedFetch) globalThis.fetch = previousFetch;
  });

  const signIn = new ModelSignIn(model);
  const clients = azureClients(signIn, AZURE_CLOUD, SEED.tenantId, { fetch: routedFetch, clock, onWait: (info) => httpWaits.push(info) });
  // The api package's client on the hub's HTTP helper, as in production: its 429/503 waits run on the test clock.
  const connections = new RestServiceConnectionsClient(
    new HttpHelperServiceEndpointClient(
      { rootPath: DEVOPS_ROOT },
      {
        fetch: routedFetch,
        clock,
        onWait: (info) => httpWaits.push(info),
        token: async () => "test",
        audience: devopsAudience(SEED.devopsOrganization),
      },
    ),
  );
  const devopsTransport = {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init),
    clock,
    onWait: (info: WaitInfo) => httpWaits.push(info),
    token: async () => "test",
    audience: devopsAudience(SEED.devopsOrganization),
  };
  const projects = new RestProjectsClient(devopsRestOver(devopsTransport));
  const pipelinePermissions = new RestPipelinePermissionsClient(devopsRestOver(devopsTransport));
  const journal = new MemoryDocumentStore();
  const ports: ProvisioningPorts = { graph: clients.graph, arm: clients.arm, connections, pipelinePermissions, journal, clock };
  const context: ProvisioningContext = {
    organization: SEED.devopsOrganization,
    project: { ...SEED.project },
    userObjectId: SEED.users[user],
  };
  const worldId = ++worldCount;
  let runs = 0;
  const newRunId = () => guidFrom(`test-run:${worldId}:${++runs}`);

  return {
    model,
    clock,
    signIn,
    clients,
    connections,
    projects,
    pipelinePermissions,
    journal,
    journalWrites: journal.writes,
    ports,
    directory: new AzureDirectory(SEED.tenantId, clients.arm, clients.graph),
    context,
    fetch: routedFetch,
    requests,
    httpWaits,
    secretsIssued,
    fail: (rule) => model.knobs.faults.push({ ...rule }),
    clearFaults: () => {
      model.knobs.faults.length = 0;
    },
    newRunId,
    provisioningRun: (form, runOptions = {}) => {
      const { ports: customPorts, runId, ...rest } = runOptions;
      return new ProvisioningRun(
        { runId: runId ?? newRunId(), form, context, steps: planSteps(form) },
        AZURE_CLOUD,
        customPorts ?? ports,
        rest,
      );
    },
    state: () => model.inspect(),
    appsOfRun: (runId) => model.inspect().applications.filter((a) => a.tags.includes(`azconn:run:${runId}`)),
  };
}

/**
 * Azure DevOps REST the way sdkDevOpsRest sends it, minus the host's location lookup: the organization's root and a
 * host token, on the hub's HTTP helper (its retries for 429/503 and idempotent calls, its waits on the test clock).
 */
function devopsRestOver(transport: DevOpsTransport): DevOpsRest {
  return {
    send: (_areaId, method, path, apiVersion, body) =>
      sendOnHttpHelper<unknown>(transport, `${DEVOPS_ROOT}${path}`, apiVersion, { method, ...(body !== undefined ? { body } : {}) }),
  };
}
