import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ROLE_IDS, SEED, subscriptionIdAt } from "../../../../emulator/model/seed";
import { ConnectionsTab } from "../../../../src/hub/connections/ConnectionsTab";
import type { ConnectionServices } from "../../../../src/workflows/connections/connectionServices";
import type { HubServices } from "../../../../src/workflows/hub/hubServices";
import { DAY_MS } from "../../../support/inProcessAzure";
import { ACTIONS_COLLECTION } from "../../../../src/workflows/connections/actionEngine";
import { secretDisplayName } from "../../../../src/workflows/provisioning/markers";
import { ProblemError } from "../../../../src/platform/problem";
import { fakeHubServices } from "../../fakes/fakeHubServices";
import { addExistingConnection } from "../../workflows/connections/connectionScenarios";
import { appOf, connectionWorld, endpointIn, type ConnectionWorld } from "../../workflows/connections/connectionWorld";

const SESSION = {
  organization: "contoso",
  userDisplayName: "Ada Admin",
  extensionId: "arm-secret-connection-hub",
  project: { ...SEED.project },
};

/** The tab over Azure in a box: the real inventory and actions, the page's services otherwise faked. */
function tabServices(c: ConnectionWorld, overrides: Partial<ConnectionServices> = {}): HubServices {
  return fakeHubServices(SESSION, {
    connectionServices: async () => ({ ...c.services, ...overrides }),
    now: () => new Date(c.world.clock.now()),
    account: () => (c.isSignedIn() ? c.world.signIn.account() : undefined),
    signIn: async () => {
      await c.signIn();
      return c.world.signIn.account()!;
    },
  });
}

function renderTab(c: ConnectionWorld) {
  const services = tabServices(c);
  render(<ConnectionsTab services={services} />);
  return { user: userEvent.setup(), services };
}

const summary = () => screen.findByTestId("inventory-summary");
const table = () => screen.getByRole("grid", { name: "Azure Resource Manager connections" });
const rowOf = (name: string) =>
  within(table())
    .getByRole("button", { name: `Details of ${name}` })
    .closest("tr, [role=row]") as HTMLElement;
const rowNames = () =>
  within(table())
    .queryAllByRole("button", { name: /^Details of / })
    .map((b) => b.textContent);

/** A project with a connection of every kind: the extension's, someone else's, expiring, expired, federated, shared, unreadable. */
async function everyKind() {
  const c = connectionWorld();
  await c.provision("contoso-prod-reader");
  addExistingConnection(c.world.model, { name: "expires-soon", secretDays: 10 });
  addExistingConnection(c.world.model, { name: "expired", secretDays: -2 });
  addExistingConnection(c.world.model, { name: "federated", federated: true });
  addExistingConnection(c.world.model, { name: "shared", sharedWithOtherProject: true });
  addExistingConnection(c.world.model, { name: "foreign-app", appInOtherTenant: true });
  return c;
}

describe("the Connections tab", () => {
  it("lists the project's connections before sign-in and asks to sign in for the secrets' expiry", async () => {
    const c = await everyKind();
    renderTab(c);
    expect(await summary()).toHaveTextContent("6 Azure Resource Manager connections · sign in to read when their secrets expire");
    expect(rowNames()).toEqual(["contoso-prod-reader", "expired", "expires-soon", "federated", "foreign-app", "shared"]);
    expect(within(rowOf("shared")).getByText(SEED.otherProject.name)).toBeInTheDocument();
    expect(within(rowOf("federated")).getByText("Federated")).toBeInTheDocument();
    expect(within(rowOf("expires-soon")).getByText("Sign in to read")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" })).toBeInTheDocument();
  });

  it("after sign-in, shows each secret's expiry, badges, owners and who created it, with a summary of what needs attention", async () => {
    const c = await everyKind();
    const { user } = renderTab(c);
    await summary();
    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));

    await waitFor(() =>
      expect(screen.getByTestId("inventory-summary")).toHaveTextContent(
        "1 secret expires within 30 days · 1 secret has expired · 1 app you cannot read",
      ),
    );
    expect(within(rowOf("expires-soon")).getByText("Expires within 30 days")).toBeInTheDocument();
    expect(within(rowOf("expires-soon")).getByText(/\(in 10 days\)$/)).toBeInTheDocument();
    expect(within(rowOf("expired")).getByText("Expired", { selector: ".bolt-pill *, .bolt-pill" })).toBeInTheDocument();
    expect(within(rowOf("foreign-app")).getByText("No access to the app")).toBeInTheDocument();
    expect(within(rowOf("contoso-prod-reader")).getByText("Yes")).toBeInTheDocument();
    expect(within(rowOf("shared")).getByText("Ada Admin")).toBeInTheDocument();
  });

  it("filters by words and by what needs attention, and sorts by expiry", async () => {
    const c = await everyKind();
    const { user } = renderTab(c);
    await summary();
    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    await waitFor(() => expect(screen.getByTestId("inventory-summary")).toHaveTextContent("1 secret has expired"));

    await user.type(screen.getByRole("textbox", { name: "Filter connections" }), "exp");
    expect(rowNames()).toEqual(["expired", "expires-soon"]);
    expect(screen.getByTestId("row-count")).toHaveTextContent("Showing 2 of 6");
    await user.clear(screen.getByRole("textbox", { name: "Filter connections" }));

    await user.click(screen.getByRole("button", { name: "Show" }));
    await user.click(await screen.findByRole("option", { name: "Needs attention" }));
    // The federated connection is still on the retiring Azure DevOps issuer: it needs attention too.
    expect(rowNames()).toEqual(["expired", "expires-soon", "federated", "foreign-app"]);

    await user.click(screen.getByRole("button", { name: "Show" }));
    await user.click(await screen.findByRole("option", { name: "All connections" }));
    await user.click(within(screen.getByRole("columnheader", { name: /Secret expires/ })).getByText("Secret expires"));
    // Soonest first; connections without a secret to read (federated, no access) last.
    expect(rowNames()).toEqual(["expired", "expires-soon", "contoso-prod-reader", "shared", "federated", "foreign-app"]);
    await user.click(within(screen.getByRole("columnheader", { name: /Secret expires/ })).getByText("Secret expires"));
    expect(rowNames()).toEqual(["shared", "contoso-prod-reader", "expires-soon", "expired", "federated", "foreign-app"]);
  });

  it("opens a connection's details with its secrets, owners and actions", async () => {
    const c = connectionWorld();
    const theirs = addExistingConnection(c.world.model, { name: "legacy-deploy", secretDays: 40 });
    await c.signIn();
    const { user } = renderTab(c);
    await summary();
    await waitFor(() => expect(within(rowOf("legacy-deploy")).getByText("No")).toBeInTheDocument());

    await user.click(screen.getByRole("button", { name: "Details of legacy-deploy" }));

    const panel = await screen.findByRole("dialog");
    expect(within(panel).getByText(theirs.app.appId)).toBeInTheDocument();
    expect(within(panel).getByText(/Created by an administrator/)).toBeInTheDocument();
    expect(within(panel).getByRole("button", { name: "Rotate secret" })).toBeEnabled();
    expect(within(panel).getByRole("button", { name: "Convert to workload identity federation (experimental)" })).toBeEnabled();
  });

  it("does not offer rotation or conversion for a federated connection, and says why", async () => {
    const c = connectionWorld();
    addExistingConnection(c.world.model, { name: "federated", federated: true });
    const { user } = renderTab(c);
    await summary();
    await user.click(screen.getByRole("button", { name: "Details of federated" }));
    const panel = await screen.findByRole("dialog");
    expect(within(panel).getByRole("button", { name: "Rotate secret" })).toHaveAttribute("aria-disabled", "true");
    expect(within(panel).getByTestId("actions-blocked")).toHaveTextContent(
      "The connection uses workload identity federation, not a secret.",
    );
  });

  it("rotates a secret from the panel and shows the outcome, then the list reads the new expiry", async () => {
    const c = connectionWorld();
    const endpointId = await c.provision("contoso-prod-reader");
    await c.signIn();
    const { user } = renderTab(c);
    await waitFor(() => expect(within(rowOf("contoso-prod-reader")).getByText("Yes")).toBeInTheDocument());
    await user.click(screen.getByRole("button", { name: "Details of contoso-prod-reader" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Rotate secret" }));

    const panel = await screen.findByRole("dialog");
    // The secret this extension made for the connection is ticked for removal.
    expect(within(panel).getByRole("checkbox", { name: /used by this connection/ })).toBeChecked();
    await user.click(within(panel).getByRole("button", { name: "Rotate secret" }));

    expect(await within(panel).findByTestId("action-outcome")).toHaveTextContent('"contoso-prod-reader" now uses the new secret');
    expect(within(panel).getByTestId("action-outcome")).toHaveTextContent("The old secret was removed.");
    expect(appOf(c.state(), endpointId)!.passwordCredentials).toHaveLength(1);
    await user.click(within(panel).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("says the connection was left untouched when Azure never accepts the new secret, and offers to try again", async () => {
    const c = connectionWorld({ knobs: { consistency: { secretToTestConnectionCalls: 1000 } } });
    await c.provision("contoso-prod-reader");
    await c.signIn();
    const { user } = renderTab(c);
    await waitFor(() => expect(within(rowOf("contoso-prod-reader")).getByText("Yes")).toBeInTheDocument());
    await user.click(screen.getByRole("button", { name: "Details of contoso-prod-reader" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Rotate secret" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Rotate secret" }));

    const panel = await screen.findByRole("dialog");
    expect(await within(panel).findByTestId("action-outcome")).toHaveTextContent(
      "the new secret was removed, and the connection still uses its old secret",
    );
    expect(within(panel).getByText("Azure did not accept the new secret.")).toBeInTheDocument();
    expect(within(panel).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("names what a deletion removes, and removes it", async () => {
    const c = connectionWorld();
    const before = c.state();
    const endpointId = await c.provision("contoso-prod-reader");
    await c.signIn();
    const { user } = renderTab(c);
    await waitFor(() => expect(within(rowOf("contoso-prod-reader")).getByText("Yes")).toBeInTheDocument());
    await user.click(screen.getByRole("button", { name: "Details of contoso-prod-reader" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Delete…" }));

    const panel = await screen.findByRole("dialog");
    const confirmation = await within(panel).findByRole("region", { name: "What will be deleted" });
    expect(
      within(confirmation)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      'The service connection "contoso-prod-reader"',
      "The Reader role of its service principal at the subscription Contoso Production",
      expect.stringMatching(
        /^The app registration "contoso-fabrikam-web-subscription" \(client ID [0-9a-f-]{36}\), with its service principal and secrets$/,
      ),
    ]);
    await user.click(within(panel).getByRole("button", { name: "Delete" }));

    expect(await within(panel).findByTestId("action-outcome")).toHaveTextContent(
      "Deleted the connection, its role assignment, its app registration.",
    );
    expect(endpointIn(c.state(), endpointId)).toBeUndefined();
    expect(c.state().applications).toEqual(before.applications);
  });

  it("lists the principal's other role assignments unticked, and offers to remove the app from deleted items for good", async () => {
    const c = connectionWorld();
    const endpointId = await c.provision("contoso-prod-reader");
    const app = appOf(c.state(), endpointId)!;
    const principal = c.state().servicePrincipals.find((p) => p.appId === app.appId)!;
    const elsewhere = `/subscriptions/${subscriptionIdAt(1)}`;
    c.world.model.state.roleAssignments.push({
      name: "7d2b6a5e-0000-4000-8000-00000000c0c2",
      scope: elsewhere,
      roleDefinitionName: ROLE_IDS.contributor,
      principalId: principal.id,
      principalType: "ServicePrincipal",
      createdBy: SEED.users.admin,
      createdOn: "2026-03-01T12:00:00Z",
      pendingTestConnectionCalls: 0,
    });
    await c.signIn();
    const { user } = renderTab(c);
    await waitFor(() => expect(within(rowOf("contoso-prod-reader")).getByText("Yes")).toBeInTheDocument());
    await user.click(screen.getByRole("button", { name: "Details of contoso-prod-reader" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Delete…" }));

    const panel = await screen.findByRole("dialog");
    const other = await within(panel).findByRole("checkbox", { name: `Contributor at ${elsewhere}` });
    expect(other).toHaveAttribute("aria-checked", "false");
    expect(within(panel).getByTestId("deleted-items-note")).toHaveTextContent("counts toward the 250 directory objects");
    await user.click(within(panel).getByRole("checkbox", { name: "Then remove it from Entra's deleted items for good" }));
    await user.click(within(panel).getByRole("button", { name: "Delete" }));

    expect(await within(panel).findByTestId("action-outcome")).toHaveTextContent("the app registration from Entra's deleted items");
    expect(c.state().deletedApplications ?? []).toEqual([]);
    expect(
      c
        .state()
        .roleAssignments.filter((r) => r.principalId === principal.id)
        .map((r) => r.scope),
    ).toEqual([elsewhere]);
  });

  it("explains that a shared connection is only removed from this project, and keeps its role and app", async () => {
    const c = connectionWorld();
    addExistingConnection(c.world.model, { name: "shared", sharedWithOtherProject: true });
    await c.signIn();
    const { user } = renderTab(c);
    await summary();
    await user.click(screen.getByRole("button", { name: "Details of shared" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Delete…" }));

    const panel = await screen.findByRole("dialog");
    expect(await within(panel).findByTestId("shared-warning")).toHaveTextContent(
      `This connection is shared with ${SEED.otherProject.name}. Deleting it here only removes this project's reference`,
    );
    expect(within(panel).getByRole("checkbox", { name: /app registration/ })).toHaveAttribute("aria-disabled", "true");
    expect(within(panel).getByRole("checkbox", { name: /role assignment/ })).toHaveAttribute("aria-disabled", "true");
    expect(
      within(within(panel).getByRole("region", { name: "What will be deleted" })).getByText(/from this project only/),
    ).toBeInTheDocument();
  });

  it("converts to workload identity federation (marked experimental), then removes the unused secret", async () => {
    const c = connectionWorld();
    const endpointId = await c.provision("contoso-prod-reader");
    await c.signIn();
    const { user } = renderTab(c);
    await waitFor(() => expect(within(rowOf("contoso-prod-reader")).getByText("Yes")).toBeInTheDocument());
    await user.click(screen.getByRole("button", { name: "Details of contoso-prod-reader" }));
    await user.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Convert to workload identity federation (experimental)" }),
    );

    const panel = await screen.findByRole("dialog");
    expect(within(panel).getByText(/Experimental: Microsoft's own converter skips manually created connections/)).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Convert" }));
    expect(await within(panel).findByTestId("action-outcome")).toHaveTextContent("now uses workload identity federation and was verified");
    await user.click(within(panel).getByRole("button", { name: "Remove the chosen secrets" }));
    expect(await within(panel).findByText("1 secret was removed from the app.")).toBeInTheDocument();

    expect(endpointIn(c.state(), endpointId)!.authorization.scheme).toBe("WorkloadIdentityFederation");
    expect(appOf(c.state(), endpointId)!.passwordCredentials).toEqual([]);
  });

  it("shows a spinner while the secrets are read, and what failed when Graph cannot be reached", async () => {
    const c = connectionWorld();
    addExistingConnection(c.world.model, { name: "legacy-deploy" });
    await c.signIn();
    const services = tabServices(c, { readConnectionCredentials: () => Promise.reject(new Error("Graph is down")) });
    render(<ConnectionsTab services={services} />);
    expect(await screen.findByText(/Reading the apps' secrets and owners failed\./)).toBeInTheDocument();
    expect(screen.getByTestId("inventory-summary")).toHaveTextContent("1 Azure Resource Manager connection");
  });

  it("keeps the secret's days left right on the fake clock", async () => {
    const c = connectionWorld();
    addExistingConnection(c.world.model, { name: "legacy-deploy", secretDays: 45 });
    c.world.model.clock.advance(20 * DAY_MS);
    await c.signIn();
    renderTab(c);
    await waitFor(() => expect(within(rowOf("legacy-deploy")).getByText(/\(in 25 days\)$/)).toBeInTheDocument());
  });

  it("when sign-in is not set up, Sign in leads to the setup guide instead of a Retry that cannot work", async () => {
    const c = connectionWorld();
    addExistingConnection(c.world.model, { name: "legacy-deploy" });
    const notSetUp = new ProblemError({
      title: "Sign-in is not set up for this organization yet.",
      detail: "An organization administrator must register the app.",
      action: "Ask an organization administrator to complete the sign-in setup.",
      help: "signInSetup",
    });
    const services = { ...tabServices(c), signIn: () => Promise.reject(notSetUp) };
    render(<ConnectionsTab services={services} />);
    const user = userEvent.setup();
    await summary();
    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    expect(await screen.findByText("Sign-in is not set up for this organization yet.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Retry" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open the sign-in setup guide" })).toBeInTheDocument();
  });

  it("an unfinished action offers Resume and Clean up, not only a note", async () => {
    const c = connectionWorld();
    await c.provision("contoso-prod-reader");
    await c.signIn();
    const unfinished = {
      id: "r-1",
      kind: "rotation" as const,
      status: "failed" as const,
      updatedAt: new Date(c.world.clock.now()).toISOString(),
    };
    const withUnfinished = <T extends { rows: Array<{ facts: { name: string } }> }>(inventory: T): T => ({
      ...inventory,
      rows: inventory.rows.map((r) => ({ ...r, unfinishedAction: unfinished })),
    });
    const services = tabServices(c, {
      connectionInventory: async () => withUnfinished(await c.services.connectionInventory()),
      readConnectionCredentials: async (inventory) => withUnfinished(await c.services.readConnectionCredentials(inventory)),
    });
    render(<ConnectionsTab services={services} />);
    const user = userEvent.setup();
    await waitFor(() => expect(within(rowOf("contoso-prod-reader")).getByText("Yes")).toBeInTheDocument());
    await user.click(screen.getByRole("button", { name: "Details of contoso-prod-reader" }));
    const panel = await screen.findByRole("dialog");
    expect(within(panel).getByTestId("unfinished-action")).toHaveTextContent(
      "A secret rotation of yours on this connection did not finish",
    );
    expect(within(panel).getByRole("button", { name: "Clean up after the unfinished action" })).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Resume the unfinished rotation" }));
    // Resume reads the action's journal: this one is not kept, so it says so and points to Clean up.
    expect(await screen.findByText("This action cannot be resumed.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Back to the connection" }));
    await user.click(await screen.findByRole("button", { name: "Clean up after the unfinished action" }));
    // Clean up reads the action's journal: this one is not kept, so nothing is guessed.
    expect(await screen.findByText(/journal is no longer kept, so there is nothing to clean up/)).toBeInTheDocument();
  });

  it("Clean up removes exactly what the stopped rotation's journal names, and the note goes", async () => {
    const c = connectionWorld();
    const endpointId = await c.provision("contoso-prod-reader");
    await c.signIn();
    const app = appOf(c.state(), endpointId)!;
    const end = new Date(c.world.clock.now() + 30 * DAY_MS).toISOString();
    const added = await c.world.clients.graph.addPassword(app.id, secretDisplayName("Azure Pipelines", endpointId), end);
    const at = new Date(c.world.clock.now()).toISOString();
    await c.world.journal.put(ACTIONS_COLLECTION, {
      id: "5b0c1a8e-0000-4000-8000-00000000cc01",
      version: 1,
      kind: "rotation",
      endpointId,
      connectionName: "contoso-prod-reader",
      createdAt: at,
      updatedAt: at,
      status: "running",
      created: { appObjectId: app.id, newSecretKeyId: added.keyId },
      steps: [],
    });
    const { user } = renderTab(c);
    await waitFor(() => expect(within(rowOf("contoso-prod-reader")).getByText("Yes")).toBeInTheDocument());
    await user.click(screen.getByRole("button", { name: "Details of contoso-prod-reader" }));
    await user.click(await screen.findByRole("button", { name: "Clean up after the unfinished action" }));

    const panel = await screen.findByRole("dialog");
    const region = await within(panel).findByRole("region", { name: "What will be removed" });
    expect(region).toHaveTextContent(`The new client secret the rotation added (key ID ${added.keyId})`);
    await user.click(within(panel).getByRole("button", { name: "Clean up" }));

    expect(await within(panel).findByTestId("action-outcome")).toHaveTextContent("Cleaned up: 1 object was removed");
    expect(appOf(c.state(), endpointId)!.passwordCredentials.map((p) => p.keyId)).not.toContain(added.keyId);
  });

  it("shows columns readable at 1280 px: text cells wrap and carry their whole text as a tooltip, badges stay whole", async () => {
    const c = await everyKind();
    await c.signIn();
    renderTab(c);
    await waitFor(() => expect(within(rowOf("contoso-prod-reader")).getByText("Yes")).toBeInTheDocument());
    expect(
      within(table())
        .getAllByRole("columnheader")
        .map((h) => h.textContent?.replace(/Sorted.*$/, "").trim())
        .filter(Boolean),
    ).toEqual(["Connection", "Scope", "Authentication", "Secret expires", "Shared with", "App owners", "Created here", "Status"]);
    const cells = [...rowOf("expires-soon").querySelectorAll<HTMLElement>(".connection-cell-text")];
    expect(cells.length).toBe(6);
    for (const cell of cells) expect(cell).toHaveAttribute("title", cell.textContent);
  });
});
