// @vitest-environment jsdom
import { SEED } from "../../../../emulator/model/seed";
import type { State } from "../../../../emulator/model/state";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { JOURNAL_COLLECTION, type ProvisioningJournal } from "../../../../src/workflows/provisioning/journal";
import { planProvisioning } from "../../../../src/workflows/provisioning/plan";
import { planSteps } from "../../../../src/workflows/provisioning/planSteps";
import { planOfJournal, ProvisioningRun } from "../../../../src/workflows/provisioning/provisioningRun";
import { armScope } from "../../../../src/workflows/provisioning/scope";
import { createWorld, formFor, type World, type WorldOptions } from "../../../support/inProcessAzure";
import { expectNothingLeftBehind, footprint } from "../../../support/provisioningState";
import type { ScopeLevel } from "../../../../src/workflows/provisioning/form";
import { newDraft, withAllowedCredential } from "../../../../src/workflows/provisioning/draft";

const federated = (level: ScopeLevel, overrides: Parameters<typeof formFor>[1] = {}) =>
  formFor(level, { credential: "federation", ...overrides });

const fast = { verifyRetry: { maxAttempts: 6, baseDelayMs: 10, maxDelayMs: 20, maxTotalWaitMs: 5_000 } };

/** One federated run's objects: an app without any secret that trusts exactly its connection, the role, the connection. */
function expectFederated(world: World, run: ProvisioningRun, before: State, level: ScopeLevel) {
  const state = world.state();
  const form = run.currentForm();
  expect(footprint(state)).toMatchObject({
    applications: before.applications.length + 1,
    servicePrincipals: before.servicePrincipals.length + 1,
    roleAssignments: before.roleAssignments.length + 1,
    serviceEndpoints: before.devops.serviceEndpoints.length + 1,
  });
  const app = state.applications.find((a) => a.id === run.created.appObjectId)!;
  expect(app.passwordCredentials).toEqual([]);
  const endpoint = state.devops.serviceEndpoints.find((e) => e.id === run.created.endpointId)!;
  expect(endpoint.data).toMatchObject({ creationMode: "Manual", scopeLevel: level });
  expect(endpoint.authorization.scheme).toBe("WorkloadIdentityFederation");
  expect(endpoint.secretHash).toBeUndefined();
  const { workloadIdentityFederationIssuer: issuer, workloadIdentityFederationSubject: subject } = endpoint.authorization.parameters;
  // What Azure DevOps reported, not a value of our own.
  expect(run.created.issuer).toBe(issuer);
  expect(run.created.subject).toBe(subject);
  expect(app.federatedIdentityCredentials).toEqual([
    expect.objectContaining({
      id: run.created.federatedCredentialId,
      issuer,
      subject,
      audiences: ["api://AzureADTokenExchange"],
      description: expect.stringContaining(`"${form.connection.name}" in ${world.context.organization}/${world.context.project.name}`),
    }),
  ]);
  const principal = state.servicePrincipals.find((sp) => sp.appId === app.appId)!;
  expect(state.roleAssignments.filter((ra) => ra.principalId === principal.id).map((ra) => ra.scope)).toEqual([armScope(form.scope)]);
  expect(state.devops.pipelinePermissions.filter((p) => p.resourceId === endpoint.id)).toHaveLength(1);
  return { app, endpoint };
}

describe("the federation path's plan", () => {
  it("has no secret step and no secret object, and creates the connection before the credential and Verify", () => {
    const form = federated("Subscription");
    const steps = planSteps(form);
    expect(steps.map((s) => s.id)).not.toContain("addSecret");
    expect(steps.find((s) => s.id === "addFederatedCredential")?.dependsOn).toEqual(["createConnection"]);
    expect(steps.find((s) => s.id === "verify")?.dependsOn).toEqual(["addFederatedCredential", "assignRole"]);
    const plan = planProvisioning(form, createWorldlessContext(), AZURE_CLOUD, "run-1");
    expect(plan.objects.map((o) => o.kind)).toEqual([
      "app",
      "servicePrincipal",
      "federatedCredential",
      "roleAssignment",
      "connection",
      "pipelinePermissions",
    ]);
    const text = JSON.stringify([plan.objects, plan.steps, plan.warnings]);
    expect(text).not.toMatch(/secret/i);
    expect(text).toContain("api://AzureADTokenExchange");
  });

  it("keeps the secret path as it was: a secret step and object, Verify before the connection", () => {
    const form = formFor("Subscription");
    expect(planSteps(form).map((s) => s.id)).toContain("addSecret");
    expect(planSteps(form).find((s) => s.id === "createConnection")?.dependsOn).toEqual(["addSecret", "assignRole", "verify"]);
    expect(planProvisioning(form, createWorldlessContext(), AZURE_CLOUD, "run-1").objects.map((o) => o.kind)).toContain("secret");
  });

  it("reads a journal from before the choice as the secret path", () => {
    const { credential: _dropped, ...old } = formFor("Subscription");
    const journal = { id: "r", form: old, context: createWorldlessContext(), steps: [] } as unknown as ProvisioningJournal;
    expect(planOfJournal(journal).steps.map((s) => s.id)).toContain("addSecret");
  });
});

function createWorldlessContext() {
  return { organization: SEED.devopsOrganization, project: { id: "p1", name: "Fabrikam" }, userObjectId: SEED.users.admin };
}

describe("a federation run against Azure in a box", () => {
  for (const level of ["Subscription", "ManagementGroup"] as const) {
    it(`at a ${level}: creates no secret, trusts the issuer and subject Azure DevOps reported, and verifies`, async () => {
      const world = createWorld();
      const before = world.state();
      const run = world.provisioningRun(federated(level), fast);
      const snapshot = await run.start();
      expect(snapshot.status).toBe("succeeded");
      expect(run.created.verified).toBe(true);
      expect(snapshot.steps.find((s) => s.id === "verify")?.note).toBe("Verified");
      expectFederated(world, run, before, level);
      expect(run.revealSecret()).toBeUndefined();
      expect(world.requests.filter((r) => /addPassword/.test(r.url))).toEqual([]);
    });
  }

  it("at a Machine Learning workspace with Reader on its subscription too: verifies", async () => {
    const world = createWorld();
    const run = world.provisioningRun({ ...federated("AzureMLWorkspace"), verifyReaderAtSubscription: true }, fast);
    expect((await run.start()).status).toBe("succeeded");
    expect(run.created.verified).toBe(true);
  });

  it("waits while Entra replicates the new credential, then verifies", async () => {
    const knobs: WorldOptions["knobs"] = { consistency: { federatedCredentialToTestConnectionCalls: 3 } };
    const world = createWorld({ knobs });
    const run = world.provisioningRun(federated("Subscription"), fast);
    expect((await run.start()).status).toBe("succeeded");
    const verifies = world.requests.filter((r) => r.method === "POST" && /endpointproxy/.test(r.url));
    expect(verifies.length).toBeGreaterThanOrEqual(4);
    expect(run.created.verified).toBe(true);
  });

  it("fails with a clear message when Verify never accepts the credential, and Roll back removes everything", async () => {
    const knobs: WorldOptions["knobs"] = { consistency: { federatedCredentialToTestConnectionCalls: 1_000 } };
    const world = createWorld({ knobs });
    const before = world.state();
    const run = world.provisioningRun(federated("Subscription"), fast);
    const snapshot = await run.start();
    expect(snapshot.status).toBe("failed");
    expect(snapshot.problem?.title).toBe("Azure did not accept the federated connection.");
    expect(snapshot.problem?.action).toMatch(/Retry in a minute.*Roll back/);
    const ficId = run.created.federatedCredentialId!;
    expect(
      world
        .state()
        .applications.find((a) => a.id === run.created.appObjectId)
        ?.federatedIdentityCredentials.map((f) => f.id),
    ).toEqual([ficId]);

    const deletes: string[] = [];
    const rolledBack = await run.rollback();
    for (const r of world.requests) if (r.method === "DELETE") deletes.push(new URL(r.url).pathname);
    expect(rolledBack.status).toBe("rolledBack");
    // The credential is removed by its own undo (after proving it is ours), before the app.
    expect(deletes.some((p) => p.endsWith(`/federatedIdentityCredentials/${ficId}`))).toBe(true);
    expectNothingLeftBehind(world, before);
  });

  it("leaves a federated credential it did not add on rollback", async () => {
    const world = createWorld({ knobs: { consistency: { federatedCredentialToTestConnectionCalls: 1_000 } } });
    const run = world.provisioningRun(federated("Subscription"), fast);
    await run.start();
    const app = world.model.state.applications.find((a) => a.id === run.created.appObjectId)!;
    // Someone renamed it: without the extension's prefix it is no longer provably ours.
    app.federatedIdentityCredentials[0]!.name = "someone-elses";
    const snapshot = await run.rollback();
    const undo = snapshot.steps.find((s) => s.id === "addFederatedCredential");
    expect(undo?.note).toMatch(/not created by this run/);
  });

  it("resumes after a closed tab from the journal: finds the connection and credential, adds no second one", async () => {
    const world = createWorld({ knobs: { consistency: { federatedCredentialToTestConnectionCalls: 1_000 } } });
    const form = federated("Subscription");
    const first = world.provisioningRun(form, fast);
    await first.start();
    const journal = (await world.ports.journal.get<ProvisioningJournal>(JOURNAL_COLLECTION, first.runId))!;
    expect(journal.created).toMatchObject({
      endpointId: first.created.endpointId,
      federatedCredentialId: first.created.federatedCredentialId,
    });
    expect(JSON.stringify(journal)).not.toMatch(/secretText|serviceprincipalkey/);
    world.model.knobs.consistency.federatedCredentialToTestConnectionCalls = 0;
    for (const app of world.model.state.applications) for (const f of app.federatedIdentityCredentials) f.pendingTestConnectionCalls = 0;

    const resumed = new ProvisioningRun(planOfJournal(journal), AZURE_CLOUD, world.ports, { journal, ...fast });
    expect((await resumed.retry()).status).toBe("succeeded");
    const app = world.state().applications.find((a) => a.id === first.created.appObjectId)!;
    expect(app.federatedIdentityCredentials).toHaveLength(1);
    expect(world.state().devops.serviceEndpoints.filter((e) => e.name === form.connection.name)).toHaveLength(1);
  });

  it("after a resume, trusts what Azure DevOps reports, never an issuer or subject written into the journal", async () => {
    const world = createWorld({ knobs: { consistency: { federatedCredentialToTestConnectionCalls: 1_000 } } });
    const first = world.provisioningRun(federated("Subscription"), fast);
    await first.start();
    const journal = (await world.ports.journal.get<ProvisioningJournal>(JOURNAL_COLLECTION, first.runId))!;
    // Someone rewrote the journal, and the credential is not on the app yet.
    journal.created.issuer = "https://token.evil.example";
    journal.created.subject = "repo:evil/evil:ref:refs/heads/main";
    delete journal.created.federatedCredentialId;
    journal.steps = journal.steps.map((step) =>
      step.id === "addFederatedCredential" || step.id === "verify" ? { ...step, status: "waiting" as const } : step,
    );
    const app = world.model.state.applications.find((a) => a.id === first.created.appObjectId)!;
    app.federatedIdentityCredentials.length = 0;
    world.model.knobs.consistency.federatedCredentialToTestConnectionCalls = 0;

    const resumed = new ProvisioningRun(planOfJournal(journal), AZURE_CLOUD, world.ports, { journal, ...fast });
    expect((await resumed.retry()).status).toBe("succeeded");
    const endpoint = world.state().devops.serviceEndpoints.find((e) => e.id === first.created.endpointId)!;
    expect(
      world
        .state()
        .applications.find((a) => a.id === app.id)!
        .federatedIdentityCredentials.map((f) => [f.issuer, f.subject]),
    ).toEqual([
      [
        endpoint.authorization.parameters["workloadIdentityFederationIssuer"],
        endpoint.authorization.parameters["workloadIdentityFederationSubject"],
      ],
    ]);
  });

  it("a multi-tenant app takes the client secret: the draft switches, with the reason on the page", () => {
    const draft = { ...newDraft("AzureCloud", SEED.tenantId), signInAudience: "AzureADMultipleOrgs" as const };
    expect(draft.credential).toBe("federation");
    expect(withAllowedCredential(draft).credential).toBe("secret");
    expect(withAllowedCredential({ ...draft, signInAudience: "AzureADMyOrg" }).credential).toBe("federation");
  });
});
