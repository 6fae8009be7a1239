import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { addExistingApp, addSharedConnection } from "../../../../emulator/model/scenarios";
import { projectAt, SEED } from "../../../../emulator/model/seed";
import { OrganizationConnections } from "../../../../src/hub/organization/OrganizationConnections";
import { SettingsApp } from "../../../../src/hub/settings/SettingsApp";
import type { OrganizationInventory } from "../../../../src/workflows/organization/organizationInventory";
import type { OrganizationServices } from "../../../../src/workflows/organization/organizationServices";
import { FakeHostClient } from "../../fakes/fakeHostClient";
import { fakeHubServices } from "../../fakes/fakeHubServices";
import { EXTENSION_ID, ORGANIZATION_URL, organizationWorld } from "../../workflows/organization/organizationWorld";

const table = () => screen.getByRole("grid", { name: "Azure Resource Manager connections" });
const rowNames = () =>
  within(table())
    .queryAllByRole("button", { name: /^Details of / })
    .map((b) => b.textContent);
const rowOf = (name: string) =>
  within(table())
    .getByRole("button", { name: `Details of ${name}` })
    .closest("tr, [role=row]") as HTMLElement;
const summary = () => screen.findByTestId("organization-summary");

/** Three projects: a connection shared by two, one of the third's own, one in another directory; the second project fails. */
function organization() {
  const o = organizationWorld({ seed: { projectCount: 3 } });
  const shared = addSharedConnection(o.world.model, { name: "shared-prod", projects: [SEED.project.id, projectAt(2).id] });
  addSharedConnection(o.world.model, { name: "third-own", projects: [projectAt(2).id] });
  addSharedConnection(o.world.model, { name: "data-hidden", projects: [SEED.otherProject.id] });
  const foreign = addSharedConnection(o.world.model, { name: "fabrikam-app", projects: [SEED.project.id] });
  o.world.model.state.devops.serviceEndpoints.find((e) => e.id === foreign.endpoint.id)!.authorization.parameters["tenantid"] =
    SEED.otherTenantId;
  o.world.model.knobs.failingEndpointLists = { [SEED.otherProject.id]: 500 };
  return { o, shared };
}

describe("Connections across projects", () => {
  it("lists every project's connections without sign-in: a shared one once with its projects, a failing project with why", async () => {
    const { o } = organization();
    render(<OrganizationConnections services={o.organization} />);

    expect(await summary()).toHaveTextContent(/^3 Azure Resource Manager connections · sign in to read .* · 3 projects$/);
    expect(rowNames()).toEqual(["fabrikam-app", "shared-prod", "third-own"]);
    expect(within(rowOf("shared-prod")).getByText(`${SEED.project.name}, ${projectAt(2).name}`)).toBeInTheDocument();
    expect(within(rowOf("shared-prod")).getByText("Sign in to read")).toBeInTheDocument();
    const failures = screen.getByTestId("project-failures");
    expect(failures).toHaveTextContent("1 project could not be read");
    expect(failures).toHaveTextContent(SEED.otherProject.name);
    expect(failures).toHaveTextContent(/Azure DevOps|server|error/i);
    expect(o.graphRequests()).toEqual([]);
  });

  it("reads expiry and owners once signed in; an app of another directory asks for a sign-in there", async () => {
    const { o } = organization();
    const user = userEvent.setup();
    render(<OrganizationConnections services={o.organization} />);
    await summary();

    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));

    await waitFor(() => expect(screen.getByTestId("organization-summary")).toHaveTextContent(/secrets? expires? within 30 days/));
    expect(within(rowOf("shared-prod")).getByText("Ada Admin")).toBeInTheDocument();
    expect(within(rowOf("shared-prod")).getByText(/^\d{4}-\d{2}-\d{2} \(in \d+ days\)$/)).toBeInTheDocument();
    expect(within(rowOf("fabrikam-app")).getByText(`Sign in to ${SEED.otherTenantId.toLowerCase()} to read`)).toBeInTheDocument();
    expect(screen.getByTestId("directories-to-sign-in")).toHaveTextContent(`sign in to ${SEED.otherTenantId.toLowerCase()} to read them`);
  });

  it("filters by project, by needs attention and by the app's owners", async () => {
    const { o } = organization();
    const other = addExistingApp(o.world.model, {
      displayName: "megan-app",
      secret: "Megan~Secret~0123456789",
      ownerId: SEED.users.member,
    });
    addSharedConnection(o.world.model, { name: "megan-owned", projects: [SEED.project.id], app: { appId: other.app.appId, secret: "x" } });
    await o.signIn();
    const user = userEvent.setup();
    render(<OrganizationConnections services={o.organization} />);
    await waitFor(() => expect(screen.getByTestId("organization-summary")).toHaveTextContent(/within 30 days/));

    await user.click(screen.getByRole("button", { name: "Project" }));
    await user.click(await screen.findByRole("option", { name: projectAt(2).name }));
    expect(rowNames()).toEqual(["shared-prod", "third-own"]);

    await user.click(screen.getByRole("button", { name: "Project" }));
    await user.click(await screen.findByRole("option", { name: "All projects" }));
    const owner = o.world.model.state.users.find((u) => u.id === SEED.users.member)!;
    await user.click(screen.getByRole("button", { name: "App owner" }));
    await user.click(await screen.findByRole("option", { name: new RegExp(`^${owner.displayName}`) }));
    expect(rowNames()).toEqual(["megan-owned"]);

    await user.click(screen.getByRole("button", { name: "App owner" }));
    await user.click(await screen.findByRole("option", { name: "Any owner" }));
    await user.click(screen.getByRole("button", { name: "Show" }));
    await user.click(await screen.findByRole("option", { name: "Needs attention" }));
    expect(rowNames()).toEqual(["fabrikam-app"]);
  }, 15_000);

  it("exports the rows shown as CSV, without a secret", async () => {
    const { o, shared } = organization();
    const user = userEvent.setup();
    let exported: Blob | undefined;
    const create = vi.fn((blob: Blob) => {
      exported = blob;
      return "blob:csv";
    });
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    render(<OrganizationConnections services={o.organization} />);
    await summary();

    await user.click(screen.getByRole("button", { name: "Export CSV" }));

    expect(click).toHaveBeenCalled();
    const text = await exported!.text();
    expect(text.split("\r\n")[0]).toMatch(/^Connection,Connection ID,Projects,/);
    expect(text).toContain(shared.endpoint.id);
    expect(text).toContain(`${SEED.project.name}; ${projectAt(2).name}`);
    expect(text).not.toContain(shared.secret);
    click.mockRestore();
  });

  it("opens a connection in each of its projects, and offers Rotate and Delete", async () => {
    const { o, shared } = organization();
    await o.signIn();
    const user = userEvent.setup();
    render(<OrganizationConnections services={o.organization} />);
    await waitFor(() => expect(screen.getByTestId("organization-summary")).toHaveTextContent(/within 30 days/));

    await user.click(screen.getByRole("button", { name: "Details of shared-prod" }));

    const panel = await screen.findByTestId("organization-row-panel");
    const link = within(panel).getByRole("link", { name: `Open in project ${projectAt(2).name}` });
    expect(link).toHaveAttribute(
      "href",
      `${ORGANIZATION_URL}${encodeURIComponent(projectAt(2).name)}/_settings/${EXTENSION_ID}.azure-connections-hub?connection=${shared.endpoint.id}`,
    );
    expect(within(panel).getByRole("button", { name: "Rotate the secret" })).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Delete" }));
    // The deletion's plan, read in the connection's own project (its home): it is shared, so it names the other one.
    expect(await screen.findByTestId("shared-warning")).toHaveTextContent(`This connection is shared with ${projectAt(2).name}.`);
  });

  it("deletes a connection in its own project from here, and lists the organization again", async () => {
    const { o } = organization();
    const user = userEvent.setup();
    render(<OrganizationConnections services={o.organization} />);
    await summary();

    await user.click(screen.getByRole("button", { name: "Details of third-own" }));
    await user.click(within(await screen.findByTestId("organization-row-panel")).getByRole("button", { name: "Delete" }));
    const panel = await screen.findByTestId("organization-row-panel");
    await user.click(await within(panel).findByRole("button", { name: "Delete" }));

    expect(await within(panel).findByTestId("action-outcome")).toHaveTextContent("Deleted the connection");
    expect(o.state().devops.serviceEndpoints.map((e) => e.name)).not.toContain("third-own");
    await user.click(within(panel).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(rowNames()).toEqual(["fabrikam-app", "shared-prod"]));
  });

  it("shows how far the projects have been listed while they load", async () => {
    let progress: ((p: { done: number; total: number; failed: number }) => void) | undefined;
    const services: OrganizationServices = {
      organization: "contoso",
      hub: fakeHubServices({ organization: "contoso", userDisplayName: "Ada", extensionId: EXTENSION_ID, project: { id: "", name: "" } }),
      listInventory: (onProgress) => {
        progress = onProgress;
        return new Promise<OrganizationInventory>(() => undefined);
      },
      readCredentials: async (i) => i,
      actionsFor: () => Promise.reject(new Error("not here")),
      openInProjectUrl: () => "",
    };
    render(<OrganizationConnections services={services} />);
    await waitFor(() => expect(progress).toBeDefined());
    progress!({ done: 3, total: 200, failed: 0 });
    expect(await screen.findByText("Listing connections: 3 of 200 projects…")).toBeInTheDocument();
  });
});

describe("the organization settings page's tabs", () => {
  it("opens on Connections across projects, with Settings beside it", async () => {
    const { o } = organization();
    const host = new FakeHostClient();
    host.project = undefined;
    const settings = {
      session: { organization: "contoso", userDisplayName: "Ada" },
      clouds: [],
      read: () => new Promise<never>(() => undefined),
      access: async () => "allowed" as const,
      save: () => Promise.reject(new Error("not here")),
      organizationServices: async () => o.organization,
    };
    const user = userEvent.setup();
    render(<SettingsApp host={host} createServices={async () => settings} />);

    expect(await screen.findByRole("tab", { name: "Connections across projects" })).toHaveAttribute("aria-selected", "true");
    expect(await summary()).toHaveTextContent(/^3 Azure Resource Manager connections/);
    await user.click(screen.getByRole("tab", { name: "Settings" }));
    expect(await screen.findByText("Reading the settings…")).toBeInTheDocument();
  });
});
