import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { entraFederationIssuer, federationIssuer } from "../../../../emulator/model/devops/workloadIdentity";
import { SEED } from "../../../../emulator/model/seed";
import { ConnectionsTab } from "../../../../src/hub/connections/ConnectionsTab";
import { fakeHubServices } from "../../fakes/fakeHubServices";
import { addExistingConnection } from "../../workflows/connections/connectionScenarios";
import { appOf, connectionWorld, endpointIn, type ConnectionWorld } from "../../workflows/connections/connectionWorld";

const SESSION = { organization: "contoso", userDisplayName: "Ada Admin", extensionId: "hub", project: { ...SEED.project } };

function renderTab(c: ConnectionWorld) {
  const services = fakeHubServices(SESSION, {
    connectionServices: async () => c.services,
    now: () => new Date(c.world.clock.now()),
    account: () => (c.isSignedIn() ? c.world.signIn.account() : undefined),
  });
  render(<ConnectionsTab services={services} />);
  return userEvent.setup();
}

async function openDetails(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(await screen.findByRole("button", { name: `Details of ${name}` }));
  return screen.findByRole("dialog");
}

describe("the Connections tab and the Azure DevOps issuer", () => {
  it("shows the issuer type, warns about the retiring issuer, and moves the connection to the Entra issuer", async () => {
    const c = connectionWorld();
    const seeded = addExistingConnection(c.world.model, { name: "legacy-federated", federated: true });
    await c.signIn();
    const user = renderTab(c);
    await waitFor(() => expect(screen.getByTestId("inventory-summary")).toHaveTextContent("1 connection to move to the Entra issuer"));

    const details = await openDetails(user, "legacy-federated");
    expect(within(details).getByTestId("issuer-type")).toHaveTextContent("Azure DevOps issuer (retiring)");
    expect(within(details).getByText(federationIssuer(c.state()))).toBeInTheDocument();
    expect(within(details).getByText(/retires this issuer for single-tenant apps in the public cloud on 2027-07-01/)).toBeInTheDocument();
    await user.click(within(details).getByRole("button", { name: "Move to the Entra issuer…" }));

    const panel = await screen.findByRole("dialog");
    await user.click(within(panel).getByRole("button", { name: "Move to the Entra issuer" }));
    expect(await within(panel).findByTestId("action-outcome")).toHaveTextContent("now uses the Microsoft Entra issuer and was verified");
    const endpoint = endpointIn(c.state(), seeded.endpoint.id)!;
    expect(endpoint.authorization.parameters["workloadIdentityFederationIssuer"]).toBe(entraFederationIssuer(SEED.tenantId));
    expect(appOf(c.state(), seeded.endpoint.id)!.federatedIdentityCredentials.map((f) => f.issuer)).toEqual([
      entraFederationIssuer(SEED.tenantId),
    ]);
  });

  it("when Azure DevOps refuses, says the connection was left as it was and hands over the values and the command", async () => {
    const c = connectionWorld();
    addExistingConnection(c.world.model, { name: "legacy-federated", federated: true });
    await c.signIn();
    c.world.fail({
      service: "devops",
      method: "PUT",
      path: "/serviceendpoint/endpoints/",
      status: 400,
      count: 2,
      body: { message: "No." },
    });
    const user = renderTab(c);
    const details = await openDetails(user, "legacy-federated");
    await user.click(within(details).getByRole("button", { name: "Move to the Entra issuer…" }));
    const panel = await screen.findByRole("dialog");
    await user.click(within(panel).getByRole("button", { name: "Move to the Entra issuer" }));

    expect(await within(panel).findByTestId("action-outcome")).toHaveTextContent("left as it was, on the Azure DevOps issuer");
    expect(within(panel).getByText("Azure DevOps did not move the connection to the Entra issuer.")).toBeInTheDocument();
    const handOff = within(panel).getByTestId("issuer-handoff");
    expect(within(handOff).getByLabelText("Issuer")).toHaveValue(entraFederationIssuer(SEED.tenantId));
    expect((within(handOff).getByLabelText("Azure CLI command") as HTMLInputElement).value).toMatch(
      /^az ad app federated-credential create --id [0-9a-f-]{36} --parameters '\{.*"audiences":\["api:\/\/AzureADTokenExchange"\]\}'$/,
    );
  });

  it('says "unknown" when Azure DevOps reports no issuer, and offers no move', async () => {
    const c = connectionWorld();
    const seeded = addExistingConnection(c.world.model, { name: "silent", federated: true });
    delete seeded.endpoint.authorization.parameters["workloadIdentityFederationIssuer"];
    const user = renderTab(c);
    const details = await openDetails(user, "silent");
    expect(within(details).getByTestId("issuer-type")).toHaveTextContent("unknown");
    expect(within(details).queryByRole("button", { name: "Move to the Entra issuer…" })).toBeNull();
  });

  it("asks to sign in before the move can start", async () => {
    const c = connectionWorld();
    addExistingConnection(c.world.model, { name: "legacy-federated", federated: true });
    const user = renderTab(c);
    const details = await openDetails(user, "legacy-federated");
    await user.click(within(details).getByRole("button", { name: "Move to the Entra issuer…" }));
    const panel = await screen.findByRole("dialog");
    expect(within(panel).getByRole("button", { name: "Move to the Entra issuer" })).toHaveAttribute("aria-disabled", "true");
    expect(within(panel).getByTestId("issuer-move-blocked")).toHaveTextContent("Sign in to Microsoft Entra ID first");
  });
});
