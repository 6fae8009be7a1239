import type { Frame } from "playwright-core";
import { entraFederationIssuer, entraFederationSubject } from "../../emulator/model/devops/workloadIdentity";
import { SEED } from "../../emulator/model/seed";
import { addExistingConnection, testConnectionInModel } from "../unit/workflows/connections/connectionScenarios";
import { expectAccessible } from "./support/axe";
import { hubFrame, startHarness, type Harness } from "./support/harness";
import { screenshot } from "./support/journey";
import { WizardDriver } from "./support/wizard";

const CONNECTION = "legacy-federated";

/** The hub's host page, optionally opened by a link naming a connection (`?connection=`, as the widget builds it). */
async function openHub(h: Harness, connection?: string): Promise<Frame> {
  const url = new URL(h.emulator.hostUrl);
  if (connection !== undefined) url.searchParams.set("connection", connection);
  await h.page.goto(url.href);
  return hubFrame(h.page);
}

const row = (frame: Frame, name: string) =>
  frame.getByRole("row").filter({ has: frame.getByRole("button", { name: `Details of ${name}`, exact: true }) });

describe("a federated connection on the retiring Azure DevOps issuer", () => {
  let h: Harness;
  let endpointId: string;
  beforeAll(async () => {
    h = await startHarness();
    // Made before the Entra issuer was the default: a manual connection on vstoken, its app trusting that issuer.
    endpointId = addExistingConnection(h.model, { name: CONNECTION, federated: true }).endpoint.id;
  });
  afterAll(async () => {
    await h?.close();
  });

  it("is flagged in the list, and moving it ends on the Entra issuer, verified, with the old credential gone", async () => {
    const frame = await openHub(h);
    await frame.getByRole("tab", { name: "Connections" }).click();
    await new WizardDriver(frame).signIn();
    const summary = frame.getByTestId("inventory-summary");
    await summary.filter({ hasText: "1 connection to move to the Entra issuer" }).waitFor({ timeout: 20_000 });
    await row(frame, CONNECTION).getByLabel("Azure DevOps issuer", { exact: true }).waitFor();

    await frame.getByRole("button", { name: `Details of ${CONNECTION}`, exact: true }).click();
    const panel = frame.getByRole("dialog");
    await panel.getByTestId("issuer-type").filter({ hasText: "Azure DevOps issuer (retiring)" }).waitFor();
    await panel.getByText(/retires this issuer for single-tenant apps in the public cloud on 2027-07-01/).waitFor();
    await expectAccessible(h.page, frame, "Connections tab: connection on the Azure DevOps issuer");
    await panel.getByRole("button", { name: "Move to the Entra issuer…" }).click();
    await panel.getByRole("button", { name: "Move to the Entra issuer", exact: true }).click();
    await panel
      .getByTestId("action-outcome")
      .filter({ hasText: "now uses the Microsoft Entra issuer and was verified" })
      .waitFor({ timeout: 30_000 });
    await screenshot(h, "connections-issuer-moved");

    const state = h.model.inspect();
    const endpoint = state.devops.serviceEndpoints.find((e) => e.id === endpointId)!;
    const issuer = entraFederationIssuer(SEED.tenantId);
    const subject = entraFederationSubject(state, SEED.tenantId, endpointId);
    expect(endpoint.authorization.parameters).toMatchObject({
      workloadIdentityFederationIssuer: issuer,
      workloadIdentityFederationSubject: subject,
    });
    const app = state.applications.find((a) => a.appId === endpoint.authorization.parameters["serviceprincipalid"])!;
    // The old vstoken credential is gone; only the Entra one is left, and the connection verifies with it.
    expect(app.federatedIdentityCredentials.map((f) => [f.issuer, f.subject, f.audiences])).toEqual([
      [issuer, subject, ["api://AzureADTokenExchange"]],
    ]);
    expect(await testConnectionInModel(h.model, endpointId)).toMatchObject({ statusCode: 200 });

    await panel.getByRole("button", { name: "Done" }).click();
    await summary.filter({ hasNotText: "to move to the Entra issuer" }).waitFor({ timeout: 20_000 });
  });

  it("when Azure DevOps refuses the move, leaves the connection as it was and hands over the values and the command", async () => {
    const other = addExistingConnection(h.model, { name: "refused-federated", federated: true });
    const before = structuredClone(h.model.inspect().devops.serviceEndpoints.find((e) => e.id === other.endpoint.id));
    // Both forms of the request refused (the operation, then a plain update).
    h.model.knobs.faults.push({ service: "devops", method: "PUT", path: "/serviceendpoint/endpoints/", status: 400, count: 2 });
    const frame = await openHub(h);
    await frame.getByRole("tab", { name: "Connections" }).click();
    const details = frame.getByRole("button", { name: "Details of refused-federated", exact: true });
    await details.waitFor({ timeout: 20_000 });
    if ((await frame.getByTestId("signed-in").count()) === 0) await new WizardDriver(frame).signIn();
    await details.click();
    const panel = frame.getByRole("dialog");
    await panel.getByRole("button", { name: "Move to the Entra issuer…" }).click();
    await panel.getByRole("button", { name: "Move to the Entra issuer", exact: true }).click();
    await panel
      .getByTestId("action-outcome")
      .filter({ hasText: "left as it was, on the Azure DevOps issuer" })
      .waitFor({ timeout: 30_000 });
    const handOff = panel.getByTestId("issuer-handoff");
    expect(await handOff.getByLabel("Issuer", { exact: true }).inputValue()).toBe(entraFederationIssuer(SEED.tenantId));
    expect(await handOff.getByLabel("Azure CLI command", { exact: true }).inputValue()).toMatch(
      /^az ad app federated-credential create --id /,
    );
    await expectAccessible(h.page, frame, "Connections tab: the move refused, values handed over");
    const state = h.model.inspect();
    expect(state.devops.serviceEndpoints.find((e) => e.id === other.endpoint.id)).toEqual(before);
    expect(state.applications.find((a) => a.appId === other.app.appId)!.federatedIdentityCredentials).toHaveLength(1);
  });

  it("opened by a link to the connection, shows that connection's details", async () => {
    const frame = await openHub(h, endpointId);
    const panel = frame.getByRole("dialog");
    await panel.getByText(CONNECTION, { exact: true }).first().waitFor({ timeout: 20_000 });
    await panel.getByTestId("issuer-type").filter({ hasText: "Microsoft Entra issuer" }).waitFor();
    await expectAccessible(h.page, frame, "Connections tab opened by a link");
  });

  it("opened by a link to a connection that is not in the project, says so and shows the list", async () => {
    const frame = await openHub(h, "0a1b2c3d-0000-4000-8000-00000000abcd");
    await frame.getByText(/^This connection was not found in this project\./).waitFor({ timeout: 20_000 });
    await frame.getByRole("button", { name: `Details of ${CONNECTION}`, exact: true }).waitFor();
    expect(await frame.getByRole("dialog").count()).toBe(0);
  });
});
