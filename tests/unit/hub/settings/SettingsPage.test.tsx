import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SettingsApp } from "../../../../src/hub/settings/SettingsApp";
import { SettingsPage } from "../../../../src/hub/settings/SettingsPage";
import { OrganizationSettingsCard } from "../../../../src/hub/settings/SettingsSummary";
import { CLOUDS } from "../../../../src/platform/clouds";
import { ProblemError } from "../../../../src/platform/problem";
import { DEFAULT_SETTINGS, type HubSettings } from "../../../../src/workflows/settings/settings";
import { settingsFromForm, type SettingsForm } from "../../../../src/workflows/settings/settingsForm";
import { NO_PERMISSION, type SettingsServices } from "../../../../src/workflows/settings/settingsService";
import { FakeHostClient } from "../../fakes/fakeHostClient";

const CLIENT_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const CONFIGURED: HubSettings = { ...DEFAULT_SETTINGS, signInClientIds: { AzureCloud: CLIENT_ID }, nameTemplate: "{project}-{scope}" };

/** Settings services over memory: the real form rules, a switchable permission, and a record of what was saved. */
function fakeSettings(options: { settings?: HubSettings; canEdit?: boolean | (() => Promise<boolean>); saveFails?: Error } = {}) {
  const state = { settings: options.settings ?? DEFAULT_SETTINGS, saved: [] as HubSettings[] };
  const allowed = options.canEdit;
  const canEdit = typeof allowed === "function" ? allowed : async () => allowed ?? true;
  const services: SettingsServices = {
    session: { organization: "contoso", userDisplayName: "Ada" },
    clouds: CLOUDS,
    read: async () => state.settings,
    canEdit,
    async save(form: SettingsForm) {
      const checked = settingsFromForm(form, CLOUDS);
      if (!checked.ok) return { saved: false, errors: checked.errors };
      if (options.saveFails) throw options.saveFails;
      if (!(await canEdit())) throw new ProblemError(NO_PERMISSION);
      state.settings = checked.settings;
      state.saved.push(checked.settings);
      return { saved: true, settings: state.settings };
    },
  };
  return { services, state };
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
    expect(state.saved).toEqual([{ ...DEFAULT_SETTINGS, signInClientIds: { AzureCloud: CLIENT_ID }, nameTemplate: "{project}-{scope}" }]);
    expect(clientIdField()).toHaveValue(CLIENT_ID);
  });

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
  });

  it("is read-only, with the reason, for a user without the permission", async () => {
    render(
      <SettingsPage
        services={fakeSettings({ settings: CONFIGURED, canEdit: false }).services}
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
    let allowed = true;
    const { services, state } = fakeSettings({ canEdit: async () => allowed });
    render(<SettingsPage services={services} pageUrl="http://localhost:7001/settings.html" />);
    const u = user();
    await u.type(await screen.findByRole("textbox", { name: /^Application \(client\) ID: Azure$/ }), CLIENT_ID);
    allowed = false;
    await u.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("You may not change these settings.")).toBeInTheDocument();
    expect(state.saved).toEqual([]);
  });

  it("words a failed save with the one error mapper and offers Retry", async () => {
    render(
      <SettingsPage
        services={fakeSettings({ saveFails: new Error("socket hang up") }).services}
        pageUrl="http://localhost:7001/settings.html"
      />,
    );
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
    render(<SettingsPage services={fakeSettings({ settings: CONFIGURED }).services} pageUrl="http://localhost:7001/settings.html" />);
    await user().click(await screen.findByRole("button", { name: "Show the guide" }));
    // The consent link is ready with the configured client ID.
    expect(within(screen.getByTestId("sign-in-setup-guide")).getByRole("textbox", { name: /Admin consent link/ })).toHaveValue(
      `https://login.microsoftonline.com/organizations/adminconsent?client_id=${CLIENT_ID}`,
    );
  });
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
});
