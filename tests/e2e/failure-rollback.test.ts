import { ROLE_IDS, SEED, subscriptionIdAt } from "../../emulator/model/seed";
import type { State } from "../../emulator/model/state";
import { startHarness, type Harness } from "./support/harness";
import {
  acceptDefaultsToReview,
  expectNothingLeft,
  expectOneRun,
  openWizard,
  recordCalls,
  screenshot,
  scriptErrors,
  type RecordedCall,
} from "./support/journey";
import type { WizardDriver } from "./support/wizard";
import { expectNoSecretLeak } from "./support/secretHygiene";

const SUBSCRIPTION_SCOPE = `/subscriptions/${subscriptionIdAt(0)}`;
const SUBSCRIPTION_DATA = {
  environment: "AzureCloud",
  scopeLevel: "Subscription",
  subscriptionId: subscriptionIdAt(0),
  subscriptionName: "Contoso Production",
  creationMode: "Manual",
};
const ROLE_ASSIGNMENT_PATH = "/providers/Microsoft\\.Authorization/roleAssignments/[0-9a-fA-F-]{36}$";
const CREATE_CONNECTION_PATH = "/_apis/[Ss]ervice[Ee]ndpoint/[Ee]ndpoints/?$";

/** Through the whole form at the subscription Contoso Production, up to Create. */
async function createAtSubscription(
  h: Harness,
  options: { pipelines?: string[]; connectionName?: string } = {},
): Promise<{ w: WizardDriver; connectionName: string }> {
  const w = await openWizard(h);
  await w.choose("Subscription", "Contoso Production");
  const { connectionName } = await acceptDefaultsToReview(w, options);
  await w.frame.getByRole("button", { name: "Create" }).click();
  await w.page("Create");
  return { w, connectionName };
}

async function stepStatus(w: WizardDriver, step: string): Promise<string | null> {
  return w.frame.locator(`[data-step="${step}"]`).getAttribute("data-status");
}

/** The Run page after a failed step: what failed, why, and both ways out. */
async function expectFailure(w: WizardDriver, title: string): Promise<void> {
  await w.frame.getByText(title).waitFor();
  await w.frame.getByRole("button", { name: "Retry" }).waitFor();
  await w.frame.getByRole("button", { name: "Roll back", exact: true }).waitFor();
}

async function rollBack(w: WizardDriver): Promise<void> {
  await w.frame.getByRole("button", { name: "Roll back", exact: true }).click();
  await w.frame.getByTestId("rolled-back").waitFor();
  expect(await w.frame.getByTestId("rolled-back").textContent()).toBe("Everything this run created was removed.");
}

describe("a step that fails: retry, roll back, rename", () => {
  let h: Harness;
  let calls: RecordedCall[];
  beforeAll(async () => {
    h = await startHarness();
    calls = recordCalls(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("the role assignment is refused (403): the Run page says why, and Roll back removes the app, principal and secret", async () => {
    const before: State = h.model.inspect();
    h.model.knobs.faults = [
      {
        service: "arm",
        method: "PUT",
        path: ROLE_ASSIGNMENT_PATH,
        count: Infinity,
        status: 403,
        body: {
          error: {
            code: "AuthorizationFailed",
            message: `The client '${SEED.users.admin}' with object id '${SEED.users.admin}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '${SUBSCRIPTION_SCOPE}' or the scope is invalid.`,
          },
        },
      },
    ];
    const { w } = await createAtSubscription(h, { pipelines: ["web-ci"] });
    await expectFailure(w, "Assigning the role failed.");
    await w.frame.getByText("You may not assign roles at", { exact: false }).waitFor();
    expect(await stepStatus(w, "createApp")).toBe("done");
    expect(await stepStatus(w, "assignRole")).toBe("failed");
    expect(await stepStatus(w, "createConnection")).toBe("waiting");
    // The app, its principal and secret exist at this point: a real half-made run.
    const midway = h.model.inspect();
    expect(midway.applications.length).toBe(before.applications.length + 1);
    expect(midway.servicePrincipals.length).toBe(before.servicePrincipals.length + 1);
    await screenshot(h, "failure-rollback-role-refused");

    await rollBack(w);
    // Every step that had done something now reads "Removed": the principal and secret went with the app.
    for (const step of ["createApp", "createServicePrincipal", "addSecret", "assignRole"]) expect(await stepStatus(w, step)).toBe("undone");
    await screenshot(h, "failure-rollback-rolled-back");
    h.model.knobs.faults = [];
    expectNothingLeft(before, h.model.inspect());
    await expectNoSecretLeak(h);
  });

  it("creating the connection keeps failing (500): Roll back also deletes the role assignment it made", async () => {
    const before: State = h.model.inspect();
    calls.length = 0;
    h.model.knobs.faults = [{ service: "devops", method: "POST", path: CREATE_CONNECTION_PATH, count: Infinity, status: 500 }];
    const { w } = await createAtSubscription(h, { pipelines: ["web-ci"] });
    await expectFailure(w, "Creating the service connection failed.");
    expect(await stepStatus(w, "assignRole")).toBe("done");
    expect(await stepStatus(w, "verify")).toBe("done");
    const midway = h.model.inspect();
    expect(midway.roleAssignments.length).toBe(before.roleAssignments.length + 1);

    await rollBack(w);
    h.model.knobs.faults = [];
    expectNothingLeft(before, h.model.inspect());
    // Roll back deleted the role assignment (ARM keeps a deleted app's assignments) and the app, once each.
    expect(calls.filter((c) => c.service === "arm" && c.method === "DELETE" && c.path.includes("roleAssignments"))).toHaveLength(1);
    expect(calls.filter((c) => c.service === "graph" && c.method === "DELETE" && c.path.startsWith("/v1.0/applications/"))).toHaveLength(1);
    await expectNoSecretLeak(h);
  });

  it("a transient failure: Retry continues from the failed step without creating anything twice", async () => {
    const before: State = h.model.inspect();
    calls.length = 0;
    h.model.knobs.faults = [{ service: "devops", method: "POST", path: CREATE_CONNECTION_PATH, count: Infinity, status: 500 }];
    const { w, connectionName } = await createAtSubscription(h, { pipelines: ["web-ci"], connectionName: "web-after-retry" });
    await expectFailure(w, "Creating the service connection failed.");
    h.model.knobs.faults = [];
    await w.frame.getByRole("button", { name: "Retry" }).click();
    await w.page("Result");
    await w.frame.getByText("The connection is ready and verified.").waitFor();

    expectOneRun(before, h.model.inspect(), {
      scope: SUBSCRIPTION_SCOPE,
      roleDefinitionId: ROLE_IDS.reader,
      tenantId: SEED.tenantId,
      projectId: SEED.project.id,
      connectionName,
      data: SUBSCRIPTION_DATA,
      pipelineIds: [11],
    });
    // App, principal, secret and role were made once; only the connection was tried again.
    expect(calls.filter((c) => c.service === "graph" && c.method === "POST" && /^\/v1\.0\/applications\/?$/.test(c.path))).toHaveLength(1);
    expect(calls.filter((c) => c.service === "graph" && c.method === "POST" && c.path.endsWith("/addPassword"))).toHaveLength(1);
    expect(calls.filter((c) => c.service === "arm" && c.method === "PUT" && c.path.includes("roleAssignments"))).toHaveLength(1);
    await w.frame.getByRole("button", { name: "Done" }).click();
    await expectNoSecretLeak(h);
  });

  it("the connection name is taken at create time: rename on the Run page and continue", async () => {
    const { w, connectionName } = await (async () => {
      const opened = await openWizard(h);
      await opened.choose("Subscription", "Contoso Development");
      const { connectionName: name } = await acceptDefaultsToReview(opened, { pipelines: ["web-deploy"] });
      return { w: opened, connectionName: name };
    })();
    // Someone else creates a connection with the same name after the Review page checked it.
    const taken = await h.model.handleService({
      service: "devops",
      method: "POST",
      baseUrl: "https://dev.azure.com",
      path: `/${SEED.devopsOrganization}/_apis/serviceendpoint/endpoints`,
      query: new URLSearchParams({ "api-version": "7.1" }),
      headers: { authorization: "Bearer colleague", "content-type": "application/json", accept: "application/json" },
      bodyText: JSON.stringify({
        name: connectionName,
        type: "generic",
        url: "https://example.contoso.com/",
        description: "A colleague's connection",
        authorization: { scheme: "UsernamePassword", parameters: { username: "deploy", password: "p@ss" } },
        serviceEndpointProjectReferences: [
          { projectReference: { id: SEED.project.id, name: SEED.project.name }, name: connectionName, description: "" },
        ],
      }),
    });
    expect(taken.status).toBe(200);
    const before: State = h.model.inspect();

    await w.frame.getByRole("button", { name: "Create" }).click();
    await w.page("Create");
    await expectFailure(w, "Creating the service connection failed.");
    await w.frame.getByText(`A service connection named "${connectionName}" already exists in this project`, { exact: false }).waitFor();
    await screenshot(h, "failure-rollback-name-taken");
    const field = w.frame.getByRole("textbox", { name: "New service connection name" });
    await field.fill(`${connectionName} (dev)`);
    await w.frame.getByRole("button", { name: "Rename and continue" }).click();
    await w.page("Result");
    await w.frame.getByText("The connection is ready and verified.").waitFor();
    await w.frame.getByRole("link", { name: `${connectionName} (dev)` }).waitFor();
    await screenshot(h, "failure-rollback-renamed");

    const after = h.model.inspect();
    const { app } = expectOneRun(before, after, {
      scope: `/subscriptions/${subscriptionIdAt(1)}`,
      roleDefinitionId: ROLE_IDS.reader,
      tenantId: SEED.tenantId,
      projectId: SEED.project.id,
      connectionName: `${connectionName} (dev)`,
      data: { ...SUBSCRIPTION_DATA, subscriptionId: subscriptionIdAt(1), subscriptionName: "Contoso Development" },
      pipelineIds: [12],
    });
    // The colleague's connection is untouched, and the app's notes name the connection it really serves.
    expect(after.devops.serviceEndpoints.find((e) => e.name === connectionName)).toEqual(
      before.devops.serviceEndpoints.find((e) => e.name === connectionName),
    );
    expect(app.notes).toContain(`"${connectionName} (dev)"`);
    expect(h.blocked).toEqual([]);
    expect(scriptErrors(h)).toEqual([]);
    await expectNoSecretLeak(h);
  });
});
