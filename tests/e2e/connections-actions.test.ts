import type { Frame } from "playwright-core";
import type { State } from "../../emulator/model/state";
import { testConnectionInModel } from "../unit/workflows/connections/connectionScenarios";
import { expectAccessible } from "./support/axe";
import { hubFrame, startHarness, type Harness } from "./support/harness";
import { acceptDefaultsToReview, expectNothingLeft, screenshot } from "./support/journey";
import { expectNoSecretLeak } from "./support/secretHygiene";
import { WizardDriver } from "./support/wizard";

const CONNECTION = "contoso-prod-reader";

/** Creates a connection through the guided form (so the extension made it), then opens the Connections tab. */
async function createThenOpenConnections(h: Harness): Promise<{ frame: Frame; endpointId: string }> {
  await h.page.goto(h.emulator.hostUrl);
  const w = new WizardDriver(await hubFrame(h.page));
  await w.frame.getByRole("button", { name: "New service connection" }).click();
  await w.signIn();
  await w.next();
  await w.page("Scope");
  await w.choose("Subscription", "Contoso Production");
  await acceptDefaultsToReview(w, { pipelines: ["web-ci"], connectionName: CONNECTION });
  await w.frame.getByRole("button", { name: "Create" }).click();
  await w.page("Result");
  await w.frame.getByText("The connection is ready and verified.").waitFor();
  await w.frame.getByRole("button", { name: "Done" }).click();
  await w.frame.getByRole("tab", { name: "Connections" }).click();
  // Signed in already: the inventory reads the app and knows the extension made it.
  await w.frame.getByTestId("inventory-summary").filter({ hasText: "within 30 days" }).waitFor({ timeout: 20_000 });
  const endpointId = h.model.inspect().devops.serviceEndpoints.find((e) => e.name === CONNECTION)!.id;
  return { frame: w.frame, endpointId };
}

async function openAction(frame: Frame, action: string): Promise<ReturnType<Frame["getByRole"]>> {
  await frame.getByRole("button", { name: `Details of ${CONNECTION}`, exact: true }).click();
  const panel = frame.getByRole("dialog");
  await panel.getByRole("button", { name: action }).click();
  return panel;
}

const appOf = (state: State, endpointId: string) => {
  const endpoint = state.devops.serviceEndpoints.find((e) => e.id === endpointId)!;
  return state.applications.find((a) => a.appId === endpoint.authorization.parameters["serviceprincipalid"])!;
};

describe("rotating a connection's secret from the Connections tab", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("verifies before and after, and the app ends with exactly the new secret, which the connection holds", async () => {
    const { frame, endpointId } = await createThenOpenConnections(h);
    expect(await testConnectionInModel(h.model, endpointId)).toMatchObject({ statusCode: 200 });
    const before = appOf(h.model.inspect(), endpointId).passwordCredentials;
    expect(before).toHaveLength(1);

    const panel = await openAction(frame, "Rotate secret");
    await panel.getByRole("checkbox", { name: /used by this connection/ }).waitFor();
    await expectAccessible(h.page, frame, "Connections: rotate panel");
    await panel.getByRole("button", { name: "Rotate secret" }).click();
    await panel.getByTestId("action-outcome").filter({ hasText: "now uses the new secret" }).waitFor({ timeout: 30_000 });
    await screenshot(h, "connections-rotated");
    expect(await panel.getByTestId("action-outcome").textContent()).toContain("The old secret was removed.");

    const state = h.model.inspect();
    const secrets = appOf(state, endpointId).passwordCredentials;
    expect(secrets).toHaveLength(1);
    expect(secrets[0]!.keyId).not.toBe(before[0]!.keyId);
    expect(secrets[0]!.displayName).toContain(`[azconn:${endpointId}]`);
    expect(state.devops.serviceEndpoints.find((e) => e.id === endpointId)!.secretHash).toBe(secrets[0]!.secretHash);
    expect(await testConnectionInModel(h.model, endpointId)).toMatchObject({ statusCode: 200 });
    expect(h.blocked).toEqual([]);
    await expectNoSecretLeak(h);
  });
});

describe("deleting a connection from the Connections tab", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("names the connection, its role and its app, and leaves nothing behind", async () => {
    const before = h.model.inspect();
    const { frame } = await createThenOpenConnections(h);

    const panel = await openAction(frame, "Delete…");
    const confirmation = panel.getByRole("region", { name: "What will be deleted" });
    await confirmation.waitFor();
    const lines = await confirmation.getByRole("listitem").allTextContents();
    expect(lines).toEqual([
      `The service connection "${CONNECTION}"`,
      "The Reader role of its service principal at the subscription Contoso Production",
      expect.stringMatching(/^The app registration ".+" \(client ID [0-9a-f-]{36}\), with its service principal and secrets$/),
    ]);
    await screenshot(h, "connections-delete-confirmation");
    await expectAccessible(h.page, frame, "Connections: delete panel");
    await panel.getByRole("button", { name: "Delete", exact: true }).click();
    await panel
      .getByTestId("action-outcome")
      .filter({ hasText: "Deleted the connection, its role assignment, its app registration." })
      .waitFor({ timeout: 30_000 });

    expectNothingLeft(before, h.model.inspect());
    await panel.getByRole("button", { name: "Done" }).click();
    await frame
      .getByTestId("inventory-summary")
      .filter({ hasText: /^0 Azure Resource Manager connections/ })
      .waitFor();
  });
});

describe("converting a connection to workload identity federation from the Connections tab", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("ends with a federated, verified connection and no secret on the app", async () => {
    const { frame, endpointId } = await createThenOpenConnections(h);

    const panel = await openAction(frame, "Convert to workload identity federation (experimental)");
    await panel.getByText(/^Experimental:/).waitFor();
    await panel.getByRole("button", { name: "Convert", exact: true }).click();
    await panel
      .getByTestId("action-outcome")
      .filter({ hasText: "now uses workload identity federation and was verified" })
      .waitFor({ timeout: 30_000 });
    await panel.getByRole("button", { name: "Remove the chosen secrets" }).click();
    await panel.getByText("1 secret was removed from the app.").waitFor({ timeout: 30_000 });
    await screenshot(h, "connections-converted");

    const state = h.model.inspect();
    const endpoint = state.devops.serviceEndpoints.find((e) => e.id === endpointId)!;
    expect(endpoint.authorization.scheme).toBe("WorkloadIdentityFederation");
    expect(endpoint.secretHash).toBeUndefined();
    const app = appOf(state, endpointId);
    expect(app.passwordCredentials).toEqual([]);
    expect(app.federatedIdentityCredentials).toEqual([
      expect.objectContaining({
        issuer: endpoint.authorization.parameters["workloadIdentityFederationIssuer"],
        subject: endpoint.authorization.parameters["workloadIdentityFederationSubject"],
        audiences: ["api://AzureADTokenExchange"],
      }),
    ]);
    expect(await testConnectionInModel(h.model, endpointId)).toMatchObject({ statusCode: 200 });

    await panel.getByRole("button", { name: "Done" }).click();
    const row = frame.getByRole("row").filter({ has: frame.getByRole("button", { name: `Details of ${CONNECTION}`, exact: true }) });
    await row.getByLabel("Federated", { exact: true }).waitFor();
  });
});
