import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ServiceRequest } from "../../../emulator/model/core/http";
import type { Application, RoleAssignment, ServiceEndpoint, State } from "../../../emulator/model/state";
import { ARTIFACTS, hubFrame, type Harness } from "./harness";
import { expectAccessible } from "./axe";
import { WizardDriver } from "./wizard";

/** Host pages whose hub home was audited already: once per journey file is enough. */
const homeAudited = new WeakSet<object>();

/** What the hub sent to the model, in order (bodies as text); for counting retries and reading what Verify was given. */
export interface RecordedCall {
  service: ServiceRequest["service"];
  method: string;
  path: string;
  bodyText?: string;
}

/** Records every request the model answers from now on. */
export function recordCalls(h: Harness): RecordedCall[] {
  const calls: RecordedCall[] = [];
  const model = h.model;
  const original = model.handleService.bind(model);
  model.handleService = (req: ServiceRequest) => {
    calls.push({
      service: req.service,
      method: req.method,
      path: req.path,
      ...(req.bodyText !== undefined ? { bodyText: req.bodyText } : {}),
    });
    return original(req);
  };
  return calls;
}

/** TestConnection requests (the "Verify" of the service connection dialog), with the connection data they carried. */
export function verifyCalls(calls: RecordedCall[]): Array<{ data: Record<string, string> | undefined }> {
  return calls
    .filter((c) => c.service === "devops" && c.method === "POST" && /\/_apis\/serviceendpoint\/endpointproxy/i.test(c.path))
    .map((c) => {
      const body = JSON.parse(c.bodyText ?? "{}") as { serviceEndpointDetails?: { data?: Record<string, string> } };
      return { data: body.serviceEndpointDetails?.data };
    });
}

export const ROLE_ASSIGNMENT_PUT = /\/providers\/Microsoft\.Authorization\/roleAssignments\/[0-9a-f-]{36}$/i;

export async function screenshot(h: Harness, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await h.page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Opens the host page, starts "New service connection", signs in when the hub is not signed in yet, and goes to Scope. */
export async function openWizard(h: Harness): Promise<WizardDriver> {
  await h.page.goto(h.emulator.hostUrl);
  const w = new WizardDriver(await hubFrame(h.page), h.page);
  await w.frame.getByRole("button", { name: "New service connection" }).waitFor();
  if (!homeAudited.has(h.page)) {
    homeAudited.add(h.page);
    await expectAccessible(h.page, w.frame, "hub home");
  }
  await w.frame.getByRole("button", { name: "New service connection" }).click();
  await w.page("Sign in");
  const signedIn = w.frame.getByTestId("signed-in");
  const signInButton = w.frame.getByRole("button", { name: "Sign in to Microsoft Entra ID" });
  await signedIn.or(signInButton).first().waitFor({ timeout: 20_000 });
  if (!(await signedIn.isVisible())) await w.signIn();
  await w.next();
  await w.page("Scope");
  return w;
}

/**
 * App registration, authentication and role with their defaults (the article's client secret unless `credential` says
 * "federation"); on the connection page, ticks the given pipelines.
 */
export async function acceptDefaultsToReview(
  w: WizardDriver,
  options: { pipelines?: string[]; verify?: boolean; connectionName?: string; credential?: "secret" | "federation" } = {},
): Promise<{ connectionName: string }> {
  await w.next();
  await w.page("App registration");
  await w.next();
  await w.page("Authentication");
  const credential = options.credential ?? "secret";
  await w.frame.getByRole("radio", { name: credential === "secret" ? "Client secret" : /^Workload identity federation/ }).click();
  await w.next();
  await w.page("Role");
  // The role list comes from ARM; Reader is the default choice.
  await w.frame.getByRole("button", { name: /^Role/ }).filter({ hasText: "Reader" }).waitFor();
  await w.next();
  await w.page("Service connection");
  const nameField = w.frame.getByRole("textbox", { name: "Service connection name" });
  if (options.connectionName !== undefined) await nameField.fill(options.connectionName);
  const connectionName = await nameField.inputValue();
  for (const pipeline of options.pipelines ?? []) await w.frame.getByRole("checkbox", { name: pipeline }).click();
  if (options.verify === false) await w.frame.getByRole("checkbox", { name: /Verify the connection before saving it/ }).click();
  await w.next();
  await w.page("Review");
  return { connectionName };
}

/** The parts of the state a run may add to; everything else must stay exactly as seeded. */
const RUN_COLLECTIONS = ["applications", "servicePrincipals", "roleAssignments"] as const;

function withoutRunCollections(state: State) {
  // Deleted apps sit in Entra's deleted items (soft-deleted for 30 days) unless the person purges them: inactive, and
  // counted by the tests that purge them, not here.
  const {
    applications: _a,
    servicePrincipals: _s,
    roleAssignments: _r,
    deletedApplications: _d,
    devops,
    users,
    tenants,
    signIn: _signIn,
    ...rest
  } = state;
  const { serviceEndpoints: _e, pipelinePermissions: _p, extensionData: _x, ...devopsRest } = devops;
  return {
    ...rest,
    devops: devopsRest,
    // Creating an app counts toward its creator's directory quota: the only change a run makes to a user.
    users: users.map(({ createdObjectCount: _c, ...user }) => user),
    // Signing in (sign-in records, the administrator's consent for the hub's sign-in app) is not the run's doing.
    tenants: tenants.map(({ adminConsentedClientIds: _consent, ...tenant }) => tenant),
  };
}

export interface RunObjects {
  applications: Application[];
  servicePrincipals: State["servicePrincipals"];
  roleAssignments: RoleAssignment[];
  serviceEndpoints: ServiceEndpoint[];
  pipelinePermissions: State["devops"]["pipelinePermissions"];
}

/** What exists now and did not before: the objects of the runs in between. */
export function createdSince(before: State, after: State): RunObjects {
  const newer = <T>(list: T[], old: T[], key: (item: T) => string) => list.filter((item) => !old.some((o) => key(o) === key(item)));
  expect(withoutRunCollections(after)).toEqual(withoutRunCollections(before));
  for (const collection of RUN_COLLECTIONS) {
    // Nothing that was there before a run disappears because of it.
    const keys = new Set(after[collection].map((item) => ("name" in item ? item.name : item.id)));
    for (const item of before[collection]) expect(keys.has("name" in item ? item.name : item.id)).toBe(true);
  }
  return {
    applications: newer(after.applications, before.applications, (a) => a.id),
    servicePrincipals: newer(after.servicePrincipals, before.servicePrincipals, (p) => p.id),
    roleAssignments: newer(after.roleAssignments, before.roleAssignments, (r) => r.name),
    serviceEndpoints: newer(after.devops.serviceEndpoints, before.devops.serviceEndpoints, (e) => e.id),
    pipelinePermissions: newer(
      after.devops.pipelinePermissions,
      before.devops.pipelinePermissions,
      (p) => `${p.resourceType}/${p.resourceId}`,
    ),
  };
}

export interface ExpectedRun {
  scope: string;
  roleDefinitionId: string;
  tenantId: string;
  projectId: string;
  connectionName: string;
  data: Record<string, string>;
  pipelineIds: number[];
}

/**
 * One run's worth of objects and nothing else: one app with exactly one secret, its one service principal, the role at
 * the scope and nowhere else, one connection with the body of CONTRACTS.md §2.2 for its scope level, and its pipeline
 * permissions. Returns the objects for further checks.
 */
export function expectOneRun(
  before: State,
  after: State,
  expected: ExpectedRun,
): { app: Application; endpoint: ServiceEndpoint; assignment: RoleAssignment } {
  const made = createdSince(before, after);
  expect(made.applications).toHaveLength(1);
  const app = made.applications[0]!;
  expect(app.passwordCredentials).toHaveLength(1);
  expect(app.signInAudience).toBe("AzureADMyOrg");
  expect(made.servicePrincipals).toEqual([expect.objectContaining({ appId: app.appId })]);
  const sp = made.servicePrincipals[0]!;
  expect(made.roleAssignments).toEqual([
    expect.objectContaining({
      scope: expected.scope,
      roleDefinitionName: expected.roleDefinitionId,
      principalId: sp.id,
      principalType: "ServicePrincipal",
    }),
  ]);
  expect(made.serviceEndpoints).toHaveLength(1);
  const endpoint = made.serviceEndpoints[0]!;
  expect(endpoint).toMatchObject({
    name: expected.connectionName,
    type: "azurerm",
    url: "https://management.azure.com/",
    owner: "library",
    isShared: false,
    isReady: true,
  });
  expect(endpoint.data).toEqual(expected.data);
  expect(endpoint.authorization).toEqual({
    scheme: "ServicePrincipal",
    parameters: { tenantid: expected.tenantId, serviceprincipalid: app.appId, authenticationType: "spnKey" },
  });
  // The secret is kept (as a hash) and is the app's one secret.
  expect(endpoint.secretHash).toBe(app.passwordCredentials[0]!.secretHash);
  expect(endpoint.serviceEndpointProjectReferences).toEqual([
    expect.objectContaining({ projectReference: expect.objectContaining({ id: expected.projectId }), name: expected.connectionName }),
  ]);
  // The app names the connection it serves.
  expect(app.tags).toContain(`azconn:connection:${endpoint.id}`);
  if (expected.pipelineIds.length > 0) {
    expect(made.pipelinePermissions).toEqual([
      expect.objectContaining({
        resourceType: "endpoint",
        resourceId: endpoint.id,
        allPipelines: false,
        pipelineIds: expected.pipelineIds,
      }),
    ]);
  } else {
    expect(made.pipelinePermissions).toEqual([]);
  }
  return { app, endpoint, assignment: made.roleAssignments[0]! };
}

/** After a rollback: no app, principal, secret, role assignment, connection or pipeline permission of the run is left. */
export function expectNothingLeft(before: State, after: State): void {
  const made = createdSince(before, after);
  expect(made).toEqual({ applications: [], servicePrincipals: [], roleAssignments: [], serviceEndpoints: [], pipelinePermissions: [] });
}

/** Console errors other than Chromium's own line for every 4xx/5xx answer (which the journeys provoke on purpose). */
export function scriptErrors(h: Harness): string[] {
  return h.consoleErrors.filter((text) => !/^Failed to load resource: the server responded with a status of \d+/.test(text));
}
