import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SettingsApp } from "../../../../src/hub/settings/SettingsApp";
import { SettingsPage } from "../../../../src/hub/settings/SettingsPage";
import { OrganizationSettingsCard } from "../../../../src/hub/settings/SettingsSummary";
import { CLOUDS } from "../../../../src/platform/clouds";
import { DEFAULT_SETTINGS, SETTINGS_COLLECTION, SETTINGS_ID, type HubSettings } from "../../../../src/workflows/settings/settings";
import {
  createSettingsServices,
  type OrganizationSettingsAccess,
  type SettingsServices,
} from "../../../../src/workflows/settings/settingsService";
import { FakeHostClient } from "../../fakes/fakeHostClient";
import { MemoryDocumentStore } from "../../fakes/memoryDocumentStore";

const CLIENT_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const CONFIGURED: HubSettings = { ...DEFAULT_SETTINGS, signInClientIds: { AzureCloud: CLIENT_ID }, nameTemplate: "{project}-{scope}" };

/**
 * The real settings service (createSettingsServices: its rules, its permission handling, its read-back) over an
 * in-memory extension data store: the page test re-implements none of the code it checks. `document` is planted raw,
 * so a test can hand the page a tampered one.
 */
function fakeSettings(
  options: {
    document?: unknown;
    access?: OrganizationSettingsAccess | (() => Promise<OrganizationSettingsAccess>);
    saveFails?: boolean;
  } = {},
) {
  const store = new MemoryDocumentStore();
  if (options.document !== undefined) store.plant(SETTINGS_COLLECTION, SETTINGS_ID, options.document);
  if (options.saveFails) store.failWrites = 1;
  const access = options.access;
  const services: SettingsServices = createSettingsServices({
    session: { organization: "contoso", userDisplayName: "Ada" },
    clouds: CLOUDS,
    store,
    permissions: { organizationSettingsAccess: typeof access === "function" ? access : async () => access ?? "allowed" },
  });
  const state = {
    get saved() {
      return store.writes.map((w) => {
        const { id: _id, ...settings } = w.document as HubSettings & { id: string };
        return settings;
      });
    },
  };
  return { services, state, store };
}

const user = () => userEvent.setup({ delay: null, skipHover: true });
const clientIdField = () => screen.getByRole("textbox", { name: /^Application \(client\) ID: Azure$/ });

describe("the organization settings page", () => {
  it("says the permission check only gates the page, and why values are validated again when read", async () => {
    render(<SettingsPage services={fakeSettings().services} pageUrl="http://localhost:7001/settings.html" />);
    expect(await screen.findByText(/These settings apply to every project of contoso/)).toHaveTextContent(
      "The permission check on this page only gates the page: Azure DevOps lets any user of the extension write its data",
    );
  });

  it("saves valid settings and shows them as read back", async () => {
    const { services, state } = fakeSettings();
    render(<SettingsPage services={services} pageUrl="http://localhost:7001/settings.html" />);
    const u = user();
    await u.type(await screen.findByRole("textbox", { name: /^Application \(client\) ID: Azure$/ }), CLIENT_ID.toUpperCase());
    await u.type(screen.getByRole("textbox", { name: /^App registration name template/ }), "{{project}-{{scope}");
    await u.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(/Saved and read back/)).toBeInTheDocument();
    expect(state.saved).toEqual([
      {
        ...DEFAULT_SETTINGS,
        signInClientIds: { AzureCloud: CLIENT_ID },
        nameTemplate: "{project}-{scope}",
        signInAudience: "AzureADMultipleOrgs",
      },
    ]);
    expect(clientIdField()).toHaveValue(CLIENT_ID);
  }, 15_000);

  it("refuses invalid values with a message next to the field and saves nothing", async () => {
    const { services, state } = fakeSettings();
    render(<SettingsPage services={services} pageUrl="http://localhost:7001/settings.html" />);
    const u = user();
    await u.type(await screen.findByRole("textbox", { name: /^Application \(client\) ID: Azure$/ }), "contoso-app");
    await u.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Nothing was saved. Fix the fields marked above, then save again.")).toBeInTheDocument();
    expect(screen.getByText(/The Application \(client\) ID is a GUID/)).toBeInTheDocument();
    expect(state.saved).toEqual([]);
  });

  it("asks for a custom role's name and definition ID", async () => {
    const { services, state } = fakeSettings();
    render(<SettingsPage services={services} pageUrl="http://localhost:7001/settings.html" />);
    const u = user();
    await u.click(await screen.findByRole("button", { name: /^Default role/ }));
    await u.click(await screen.findByRole("option", { name: "Another role…" }));
    await u.type(screen.getByRole("textbox", { name: /^Role name/ }), "Website Contributor");
    await u.type(screen.getByRole("textbox", { name: /^Role definition ID/ }), "not-a-guid");
    await u.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(/The role definition ID is a GUID/)).toBeInTheDocument();
    await u.clear(screen.getByRole("textbox", { name: /^Role definition ID/ }));
    await u.type(screen.getByRole("textbox", { name: /^Role definition ID/ }), "de139f84-1756-47ae-9be6-808fbbe84772");
    await u.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText(/Saved and read back/);
    expect(state.saved[0]?.defaultRole).toEqual({ id: "de139f84-1756-47ae-9be6-808fbbe84772", roleName: "Website Contributor" });
  }, 15_000);

  it("is read-only, with the reason, for a user without the permission", async () => {
    render(
      <SettingsPage
        services={fakeSettings({ document: CONFIGURED, access: "denied" }).services}
        pageUrl="http://localhost:7001/settings.html"
      />,
    );
    expect(await screen.findByRole("heading", { name: "Settings (read-only)" })).toBeInTheDocument();
    const readOnly = screen.getByTestId("settings-read-only");
    expect(readOnly).toHaveTextContent("You may not change these settings.");
    expect(readOnly).toHaveTextContent("Edit instance-level information");
    expect(within(readOnly).getByText(CLIENT_ID)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save" })).not.toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: /^Application \(client\) ID: Azure$/ })).not.toBeInTheDocument();
  });

  it("tells the user when the permission was taken away before saving, and saves nothing", async () => {
    let allowed: OrganizationSettingsAccess = "allowed";
    const { services, state } = fakeSettings({ access: async () => allowed });
    render(<SettingsPage services={services} pageUrl="http://localhost:7001/settings.html" />);
    const u = user();
    await u.type(await screen.findByRole("textbox", { name: /^Application \(client\) ID: Azure$/ }), CLIENT_ID);
    allowed = "denied";
    await u.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("You may not change these settings.")).toBeInTheDocument();
    expect(state.saved).toEqual([]);
  });

  it("words a failed save with the one error mapper and offers Retry", async () => {
    render(<SettingsPage services={fakeSettings({ saveFails: true }).services} pageUrl="http://localhost:7001/settings.html" />);
    await user().click(await screen.findByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saving the settings failed.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
  });

  it("shows the sign-in guide while no sign-in app is configured, and folds it away once one is", async () => {
    const { unmount } = render(<SettingsPage services={fakeSettings().services} pageUrl="http://localhost:7001/settings.html" />);
    expect(await screen.findByTestId("sign-in-setup-guide")).toHaveTextContent(
      "Enter the Application (client) ID under Sign-in app on this page",
    );
    unmount();
    render(<SettingsPage services={fakeSettings({ document: CONFIGURED }).services} pageUrl="http://localhost:7001/settings.html" />);
    const u = user();
    await u.click(await screen.findByRole("button", { name: "Show the guide" }));
    // The saved client ID builds the consent link only once the person confirms it on the page.
    const guide = screen.getByTestId("sign-in-setup-guide");
    expect(within(guide).queryByRole("textbox", { name: /Admin consent link/ })).not.toBeInTheDocument();
    await u.click(within(guide).getByRole("button", { name: /Use the client ID saved in the organization settings/ }));
    expect(within(guide).getByRole("textbox", { name: /Admin consent link/ })).toHaveValue(
      `https://login.microsoftonline.com/organizations/adminconsent?client_id=${CLIENT_ID}`,
    );
  });
});

const OWNER_ID = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

describe("the settings page's permission check (advice, not protection)", () => {
  it("says plainly when Azure DevOps did not answer the permission check, and still saves", async () => {
    const { services, state } = fakeSettings({ access: "unknown" });
    render(<SettingsPage services={services} pageUrl="http://localhost:7001/settings.html" />);
    expect(
      await screen.findByText(
        "Azure DevOps did not say whether you may change these settings; you can still save. The settings are not access-controlled, " +
          "so this check only shapes what the page offers.",
      ),
    ).toBeInTheDocument();
    const u = user();
    await u.type(clientIdField(), CLIENT_ID);
    await u.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(/Saved and read back/)).toBeInTheDocument();
    expect(state.saved.map((s) => s.signInClientIds)).toEqual([{ AzureCloud: CLIENT_ID }]);
  });

  it("explains, even for a clear denial, that the check is not a security boundary", async () => {
    render(<SettingsPage services={fakeSettings({ access: "denied" }).services} pageUrl="http://localhost:7001/settings.html" />);
    expect(await screen.findByTestId("settings-read-only")).toHaveTextContent("This check is not a security boundary");
    expect(screen.queryByText(/did not say whether you may change/)).not.toBeInTheDocument();
  });
});

describe("the settings page over a document anyone could have written", () => {
  it("reads a tampered document through the real service and shows only what survives the rules", async () => {
    const { services } = fakeSettings({
      document: {
        id: SETTINGS_ID,
        signInClientIds: { AzureCloud: '<img src=x onerror="alert(1)">', AzureUSGovernment: 42 },
        defaultTenantId: "x".repeat(100_000),
        nameTemplate: "<script>alert(1)</script>",
        defaultRole: { id: OWNER_ID, roleName: "Reader" },
        defaultSecretDays: "90",
        allowAllPipelines: "yes",
      },
    });
    const { container } = render(<SettingsPage services={services} pageUrl="http://localhost:7001/settings.html" />);
    expect(await screen.findByRole("checkbox", { name: /Allow granting access to all pipelines/ })).not.toBeChecked();
    expect(clientIdField()).toHaveValue("");
    expect(screen.getByRole("textbox", { name: /^Default directory \(tenant\) ID/ })).toHaveValue("");
    expect(screen.getByRole("textbox", { name: /^App registration name template/ })).toHaveValue("");
    expect(container.innerHTML).not.toMatch(/onerror|<script|xxxxxxxxxx/);
    expect(container.querySelector("img, script")).toBeNull();
  });

  it("offers granting all pipelines as not allowed when no document was saved yet", async () => {
    render(<SettingsPage services={fakeSettings().services} pageUrl="http://localhost:7001/settings.html" />);
    expect(await screen.findByRole("checkbox", { name: /Allow granting access to all pipelines/ })).not.toBeChecked();
    expect(screen.getByText(/This setting is advisory: any user of the extension could change it/)).toBeInTheDocument();
  });

  it("refuses to save a built-in role's id under another role's name", async () => {
    const { services, state } = fakeSettings();
    render(<SettingsPage services={services} pageUrl="http://localhost:7001/settings.html" />);
    const u = user();
    await u.click(await screen.findByRole("button", { name: /^Default role/ }));
    await u.click(await screen.findByRole("option", { name: "Another role…" }));
    await u.type(screen.getByRole("textbox", { name: /^Role name/ }), "Reader");
    await u.type(screen.getByRole("textbox", { name: /^Role definition ID/ }), OWNER_ID);
    await u.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(new RegExp(`The role definition ID ${OWNER_ID} is Azure's built-in role Owner`))).toBeInTheDocument();
    expect(state.saved).toEqual([]);
  }, 15_000);

  it("requires a default directory for a single-tenant sign-in app", async () => {
    const { services, state } = fakeSettings();
    render(<SettingsPage services={services} pageUrl="http://localhost:7001/settings.html" />);
    const u = user();
    await u.type(await screen.findByRole("textbox", { name: /^Application \(client\) ID: Azure$/ }), CLIENT_ID);
    await u.click(screen.getByRole("radio", { name: "Accounts in this directory only (single tenant)" }));
    await u.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(/A single-tenant sign-in app signs in only at its own directory/)).toBeInTheDocument();
    expect(state.saved).toEqual([]);
    await u.type(screen.getByRole("textbox", { name: /^Default directory \(tenant\) ID/ }), TENANT_ID);
    await u.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText(/Saved and read back/);
    expect(state.saved[0]).toMatchObject({ signInAudience: "AzureADMyOrg", defaultTenantId: TENANT_ID });
  }, 15_000);
});

describe("the settings page inside Azure DevOps", () => {
  it("connects to the host, says it loaded, and shows the organization", async () => {
    const host = new FakeHostClient();
    host.project = undefined;
    render(<SettingsApp host={host} createServices={async () => fakeSettings().services} />);
    expect(await screen.findByText("Organization-wide settings of the Azure connections hub in contoso")).toBeInTheDocument();
    await waitFor(() => expect(host.loadSucceeded).toBe(1));
  });

  it("explains that it needs Azure DevOps when opened on its own", async () => {
    const host = new FakeHostClient();
    host.framed = false;
    render(<SettingsApp host={host} createServices={async () => fakeSettings().services} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("This page only works inside Azure DevOps.");
  });
});

describe("the project hub's read-only view of the settings", () => {
  it("lists what the hub will use and where to change it", () => {
    render(<OrganizationSettingsCard settings={{ ...CONFIGURED, defaultSecretDays: 90, allowAllPipelines: false }} />);
    const summary = screen.getByTestId("settings-summary");
    expect(summary).toHaveTextContent(`Sign-in app (Azure)${CLIENT_ID}`);
    expect(summary).toHaveTextContent("Sign-in app (Azure Government)Not set");
    expect(summary).toHaveTextContent("{project}-{scope}");
    expect(summary).toHaveTextContent("Reader (acdd72a7-3385-48ef-bd42-f606fba81ae7)");
    expect(summary).toHaveTextContent("90 days");
    expect(summary).toHaveTextContent("Not allowed");
    expect(screen.getByText(/Organization settings > Azure connections/)).toBeInTheDocument();
  });

  it("shows a built-in role by its real name, and any other by its id, whatever name the document gives it", () => {
    const { unmount } = render(
      <OrganizationSettingsCard settings={{ ...CONFIGURED, defaultRole: { id: OWNER_ID, roleName: "Reader" } }} />,
    );
    expect(screen.getByTestId("settings-summary")).toHaveTextContent(`Default roleOwner (${OWNER_ID})`);
    expect(screen.getByTestId("settings-summary")).not.toHaveTextContent(/Reader/);
    unmount();
    const custom = "0b0b0b0b-0000-4000-8000-000000000000";
    render(<OrganizationSettingsCard settings={{ ...CONFIGURED, defaultRole: { id: custom, roleName: "Reader" } }} />);
    expect(screen.getByTestId("settings-summary")).toHaveTextContent(
      `Default roleRole ${custom}, saved as "Reader" (Azure names it when the hub uses it)`,
    );
  });
});
