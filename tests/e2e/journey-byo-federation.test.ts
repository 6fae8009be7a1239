import { execFileSync } from "node:child_process";
import { addExistingApp } from "../../emulator/model/scenarios";
import { SEED, subscriptionIdAt } from "../../emulator/model/seed";
import { hubFrame, startHarness, type Harness } from "./support/harness";
import { expectAccessible } from "./support/axe";
import { screenshot } from "./support/journey";

/**
 * Bring your own app registration with workload identity federation, for someone who may not edit the app (here: no
 * Entra sign-in at all). The hub saves the connection with federation and shows the issuer, subject and the exact
 * command for an owner; the person leaves; an owner adds the credential; the person comes back and presses Verify.
 */
describe("bring your own app with federation, when the person may not edit the app", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("shows issuer, subject and command; keeps the connection waiting across a reload; verifies once an owner trusts it", async () => {
    const { app } = addExistingApp(h.model, {
      displayName: "Platform deploy app",
      secret: "Owner-Only~Secret-0123456789",
      roleScope: `/subscriptions/${subscriptionIdAt(1)}`,
    });
    // Entra takes a moment to trust the credential the owner adds: the first Verify calls are refused.
    h.model.knobs.consistency.federatedCredentialToTestConnectionCalls = 1;
    await h.page.goto(h.emulator.hostUrl);
    let frame = await hubFrame(h.page);
    await frame.getByRole("button", { name: "Use an existing app registration" }).click();
    await frame.getByLabel("Subscription Id").fill(subscriptionIdAt(1));
    await frame.getByLabel("Subscription Name").fill("Contoso Development");
    await frame.getByLabel("Application (client) ID").fill(app.appId);
    await frame.getByLabel("Directory (tenant) ID").fill(SEED.tenantId);
    // Federation is the recommended choice: no secret is asked for.
    expect(await frame.getByRole("radio", { name: /^Workload identity federation/ }).getAttribute("aria-checked")).toBe("true");
    expect(await frame.getByRole("textbox", { name: /^Client secret/ }).count()).toBe(0);
    await frame.getByLabel("Service connection name").fill("byo-o'neil-federated");
    await frame.getByRole("checkbox", { name: "web-deploy (release)" }).click();
    await frame.getByRole("button", { name: "Save and verify" }).click();

    await frame.getByRole("heading", { name: "Waiting for the app to trust the connection" }).waitFor({ timeout: 30_000 });
    const endpoint = h.model.inspect().devops.serviceEndpoints.find((e) => e.name === "byo-o'neil-federated")!;
    expect(endpoint.authorization.scheme).toBe("WorkloadIdentityFederation");
    const issuer = endpoint.authorization.parameters["workloadIdentityFederationIssuer"]!;
    const subject = endpoint.authorization.parameters["workloadIdentityFederationSubject"]!;
    expect(await frame.getByLabel("Issuer", { exact: true }).inputValue()).toBe(issuer);
    expect(await frame.getByLabel("Subject identifier", { exact: true }).inputValue()).toBe(subject);
    const command = await frame.getByLabel("Azure CLI command for an owner of the app (bash)", { exact: true }).inputValue();
    expect(command.startsWith(`az ad app federated-credential create --id ${app.appId} --parameters '`)).toBe(true);
    await frame.getByRole("button", { name: "Copy Subject identifier" }).waitFor();
    await screenshot(h, "journey-byo-federation-waiting");
    await expectAccessible(h.page, frame, "bring your own app: waiting for the app to trust the connection");
    // Nothing was verified yet, and nothing was added to the app.
    expect(h.model.inspect().applications.find((a) => a.id === app.id)!.federatedIdentityCredentials).toEqual([]);

    // The person leaves; the hub offers the waiting connection again on its start page.
    await h.page.goto("about:blank");
    await h.page.goto(h.emulator.hostUrl);
    frame = await hubFrame(h.page);
    await frame.getByText('"byo-o\'neil-federated"', { exact: false }).waitFor({ timeout: 20_000 });

    // An owner of the app runs the command the hub showed (bash decides what the JSON is).
    const argv = JSON.parse(
      execFileSync("bash", ["-c", `node -e 'console.log(JSON.stringify(process.argv.slice(1)))' -- ${command.slice(3)}`], {
        encoding: "utf8",
      }),
    ) as string[];
    const parameters = JSON.parse(argv[argv.indexOf("--parameters") + 1]!) as Record<string, unknown>;
    expect(parameters).toMatchObject({ issuer, subject, audiences: ["api://AzureADTokenExchange"] });
    expect(parameters["description"]).toContain("byo-o'neil-federated");
    const origin = new URL(h.emulator.hostUrl).origin;
    const added = await fetch(`${origin}/_emulator/federated-credentials`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ appId: argv[argv.indexOf("--id") + 1], parameters }),
    });
    expect(added.status).toBe(201);

    await frame.getByRole("button", { name: "Verify or roll back" }).click();
    await frame.getByRole("heading", { name: "Waiting for the app to trust the connection" }).waitFor();
    expect(await frame.getByLabel("Subject identifier", { exact: true }).inputValue()).toBe(subject);
    await frame.getByRole("button", { name: "Verify", exact: true }).click();
    await frame.getByText("The connection is ready and verified.").waitFor({ timeout: 30_000 });
    await screenshot(h, "journey-byo-federation-verified");

    const state = h.model.inspect();
    expect(state.devops.serviceEndpoints.filter((e) => e.name === "byo-o'neil-federated")).toHaveLength(1);
    expect(state.devops.pipelinePermissions.filter((p) => p.resourceId === endpoint.id)).toEqual([
      expect.objectContaining({ pipelineIds: [12], allPipelines: false }),
    ]);
    // Verified: the start page no longer offers it.
    await h.page.goto(h.emulator.hostUrl);
    frame = await hubFrame(h.page);
    await frame.getByRole("button", { name: "Use an existing app registration" }).waitFor();
    expect(await frame.getByRole("button", { name: "Verify or roll back" }).count()).toBe(0);
  });
});
