// @vitest-environment jsdom
import { execFileSync } from "node:child_process";
import { addExistingApp } from "../../../../emulator/model/scenarios";
import { SEED, subscriptionIdAt } from "../../../../emulator/model/seed";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { ByoFederationRun } from "../../../../src/workflows/byo/byoFederation";
import { awaitingTrust, BYO_FEDERATION_COLLECTION, readByoFederationJournal } from "../../../../src/workflows/byo/byoFederationJournal";
import type { ByoFederationPorts } from "../../../../src/workflows/byo/byoFederationServices";
import type { ByoForm } from "../../../../src/workflows/byo/byoForm";
import { shellSingleQuote } from "../../../../src/workflows/byo/trustInstructions";
import { READER } from "../../../../src/workflows/provisioning/form";
import { createWorld, type World } from "../../../support/inProcessAzure";

const SCOPE = `/subscriptions/${subscriptionIdAt(1)}`;
const fast = {
  verifyRetry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 20, maxTotalWaitMs: 1_000 },
  trustVerifyRetry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20, maxTotalWaitMs: 1_000 },
};

function formFor(appId: string, overrides: Partial<ByoForm> = {}): ByoForm {
  return {
    cloudId: AZURE_CLOUD.id,
    credential: "federation",
    scope: { level: "Subscription", subscriptionId: subscriptionIdAt(1), subscriptionName: "Contoso Development" },
    appId,
    tenantId: SEED.tenantId,
    connection: { name: "byo-o'brien-dev", description: "", pipelineIds: [12], allPipelines: false, verify: true },
    ...overrides,
  };
}

function byoRun(world: World, form: ByoForm, signedIn: boolean, runId = world.newRunId()) {
  const ports: ByoFederationPorts = {
    connections: world.connections,
    pipelinePermissions: world.pipelinePermissions,
    clock: world.clock,
    journal: world.journal,
    ...(signedIn ? { azure: { graph: world.clients.graph, arm: world.clients.arm } } : {}),
  };
  const context = { organization: world.context.organization, project: world.context.project };
  return { ports, context, run: new ByoFederationRun(runId, form, context, AZURE_CLOUD, ports, fast) };
}

/** The administrator adds the credential the hub showed, as an owner of the app would with the command. */
function ownerAddsCredential(world: World, appObjectId: string, issuer: string, subject: string) {
  world.model.state.applications
    .find((a) => a.id === appObjectId)!
    .federatedIdentityCredentials.push({
      id: "0c0c0c0c-0000-4000-8000-000000000001",
      name: "added-by-owner",
      description: null,
      issuer,
      subject,
      audiences: ["api://AzureADTokenExchange"],
    });
}

describe("bring your own app with workload identity federation", () => {
  it("when the person may edit the app: adds the federated credential itself, verifies, authorizes the pipeline", async () => {
    const world = createWorld();
    const { app } = addExistingApp(world.model, { displayName: "Deploy", secret: "unused-1", roleScope: SCOPE });
    const { run } = byoRun(world, formFor(app.appId), true);
    const snapshot = await run.start();
    expect(snapshot.status).toBe("succeeded");
    expect(run.created).toMatchObject({ verified: true });
    expect(run.created.waitingForTrust).toBeUndefined();
    const endpoint = world.state().devops.serviceEndpoints.find((e) => e.id === run.created.endpointId)!;
    expect(endpoint.authorization.scheme).toBe("WorkloadIdentityFederation");
    expect(world.state().applications.find((a) => a.id === app.id)!.federatedIdentityCredentials).toEqual([
      expect.objectContaining({
        issuer: endpoint.authorization.parameters["workloadIdentityFederationIssuer"],
        subject: endpoint.authorization.parameters["workloadIdentityFederationSubject"],
      }),
    ]);
    expect(run.instructions()).toBeUndefined();
    expect(world.state().devops.pipelinePermissions.filter((p) => p.resourceId === endpoint.id)).toHaveLength(1);
  });

  it("when the person may not edit the app (403): keeps the connection waiting, shows the command, verifies once an owner adds it", async () => {
    // Signed in as an ordinary member who does not own the app: Graph refuses the credential.
    const world = createWorld({ user: "member" });
    const { app } = addExistingApp(world.model, { displayName: "Deploy", secret: "unused-2", roleScope: SCOPE });
    const { run } = byoRun(world, formFor(app.appId), true);
    const snapshot = await run.start();
    expect(snapshot.status).toBe("succeeded");
    expect(world.requests.some((r) => r.method === "POST" && /federatedIdentityCredentials$/.test(r.url) && r.status === 403)).toBe(true);
    expect(run.created.waitingForTrust).toBe(true);
    expect(snapshot.steps.find((s) => s.id === "verify")?.status).toBe("skipped");
    const endpoint = world.state().devops.serviceEndpoints.find((e) => e.id === run.created.endpointId)!;
    const issuer = endpoint.authorization.parameters["workloadIdentityFederationIssuer"]!;
    const subject = endpoint.authorization.parameters["workloadIdentityFederationSubject"]!;
    const instructions = run.instructions()!;
    expect(instructions).toMatchObject({ appId: app.appId, issuer, subject, audience: "api://AzureADTokenExchange" });
    expect(instructions.command).toMatch(new RegExp(`^az ad app federated-credential create --id ${app.appId} --parameters '`));

    // Verify before the owner acted: not trusted, and the person is told what to do.
    const early = await run.verifyTrust();
    expect(early).toMatchObject({ ok: false, problem: { title: "The app does not trust the connection yet." } });
    expect(early.ok ? "" : early.problem.action).toMatch(/Entra can take a minute/);

    ownerAddsCredential(world, app.id, issuer, subject);
    expect(await run.verifyTrust()).toEqual({ ok: true });
    expect(run.created).toMatchObject({ verified: true });
    expect(await awaitingTrust(world.journal)).toEqual([]);
  });

  it("keeps the waiting connection in the journal: a new page finds it, re-reads issuer and subject, verifies or rolls back", async () => {
    const world = createWorld();
    const { app } = addExistingApp(world.model, { displayName: "Deploy", secret: "unused-3", roleScope: SCOPE });
    const before = world.state();
    const first = byoRun(world, formFor(app.appId), false);
    await first.run.start();
    expect(first.run.created.waitingForTrust).toBe(true);

    const [journal, ...others] = await awaitingTrust(world.journal);
    expect(others).toEqual([]);
    expect(journal!.created).toMatchObject({ endpointId: first.run.created.endpointId, waitingForTrust: true });
    // A tampered subject in the journal is never what is shown: Azure DevOps is asked again.
    journal!.created.subject = "sc://evil/command'; rm -rf ~";
    const resumed = new ByoFederationRun(journal!.id, journal!.form, journal!.context, AZURE_CLOUD, first.ports, {
      journal: journal!,
      ...fast,
    });
    await resumed.refreshIdentity();
    expect(resumed.instructions()!.subject).toBe(first.run.created.subject);

    // Abandon: the connection goes, the app stays as it was.
    expect((await resumed.rollback()).status).toBe("rolledBack");
    expect(world.state().devops.serviceEndpoints).toEqual(before.devops.serviceEndpoints);
    expect(world.state().devops.pipelinePermissions).toEqual(before.devops.pipelinePermissions);
    expect(world.state().applications).toEqual(before.applications);
    expect(await awaitingTrust(world.journal)).toEqual([]);
  });

  it("rolls back the credential it added (after proving it is its own), the connection and the role it assigned", async () => {
    const world = createWorld();
    const { app } = addExistingApp(world.model, { displayName: "Deploy", secret: "unused-4" });
    const before = world.state();
    const { run } = byoRun(world, formFor(app.appId, { assignRole: READER }), true);
    expect((await run.start()).status).toBe("succeeded");
    expect(world.state().roleAssignments.length).toBe(before.roleAssignments.length + 1);
    expect((await run.rollback()).status).toBe("rolledBack");
    expect(world.state().applications.find((a) => a.id === app.id)!.federatedIdentityCredentials).toEqual([]);
    expect(
      world
        .state()
        .roleAssignments.map((r) => r.name)
        .sort(),
    ).toEqual(before.roleAssignments.map((r) => r.name).sort());
    expect(world.state().devops.serviceEndpoints).toEqual(before.devops.serviceEndpoints);
  });

  it("offers a run that stopped after the connection was saved again (Retry or Roll back), and not one that stopped before", async () => {
    const world = createWorld();
    const { app } = addExistingApp(world.model, { displayName: "Deploy", secret: "unused-5", roleScope: SCOPE });
    world.fail({ service: "devops", method: "PATCH", path: "pipelinePermissions", count: Infinity, status: 403 });
    const { run } = byoRun(world, formFor(app.appId), true);
    expect((await run.start()).status).toBe("failed");
    expect((await awaitingTrust(world.journal)).map((j) => j.created.endpointId)).toEqual([run.created.endpointId]);

    const other = createWorld();
    const theirs = addExistingApp(other.model, { displayName: "Deploy", secret: "unused-6", roleScope: SCOPE });
    other.fail({ service: "devops", method: "POST", path: "serviceendpoint/endpoints$", count: Infinity, status: 403 });
    expect((await byoRun(other, formFor(theirs.app.appId), true).run.start()).status).toBe("failed");
    expect(await awaitingTrust(other.journal)).toEqual([]);
  });

  it("refuses journal documents it did not write", () => {
    expect(readByoFederationJournal({ id: "x", version: 1 })).toBeUndefined();
    expect(readByoFederationJournal("text")).toBeUndefined();
    expect(readByoFederationJournal(null)).toBeUndefined();
    expect(BYO_FEDERATION_COLLECTION).toBe("byo-federation-runs");
  });
});

describe("the command an owner runs", () => {
  it("quotes the JSON for bash: what bash passes on is exactly the text, whatever the connection's name holds", () => {
    for (const text of [`{"name":"o'brien"}`, "plain", "it's $HOME `id` \"q\" \\ '' end'"]) {
      const echoed = execFileSync("bash", ["-c", `printf %s ${shellSingleQuote(text)}`], { encoding: "utf8" });
      expect(echoed).toBe(text);
    }
  });
});
