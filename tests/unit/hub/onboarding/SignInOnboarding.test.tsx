import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { HubHome } from "../../../../src/hub/HubHome";
import { SignInOnboardingCard } from "../../../../src/hub/onboarding/SignInOnboarding";
import { SignInSetupGuide } from "../../../../src/hub/onboarding/SignInSetupGuide";
import { SignInPage } from "../../../../src/hub/wizard/pages/SignInPage";
import { CLOUDS } from "../../../../src/platform/clouds";
import { ServiceError } from "../../../../src/platform/http/serviceError";
import { ProblemError } from "../../../../src/platform/problem";
import { newDraft } from "../../../../src/workflows/provisioning/draft";
import { DEFAULT_SETTINGS } from "../../../../src/workflows/settings/settings";
import { fakeHubServices } from "../../fakes/fakeHubServices";

const SESSION = {
  organization: "contoso",
  userDisplayName: "Ada",
  extensionId: "arm-connection-tools.arm-connection-hub",
  project: { id: "p-1", name: "Fabrikam Web" },
};
const CLIENT_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const PAGE =
  "https://arm-connection-tools.gallerycdn.vsassets.io/extensions/arm-connection-tools/arm-connection-hub/0.1.0/1764158400000/dist/hub.html";
const user = () => userEvent.setup({ delay: null, skipHover: true });

describe("the sign-in setup guide", () => {
  it("gives both redirect URIs ready to copy, the popup one computed from where the hub is served", () => {
    render(<SignInSetupGuide clouds={CLOUDS} pageUrl={PAGE} />);
    expect(screen.getByRole("textbox", { name: /nested app authentication/ })).toHaveValue("https://dev.azure.com/_public/_MsalPopup");
    expect(screen.getByRole("textbox", { name: /pop-up window/ })).toHaveValue(PAGE.replace("hub.html", "redirect-bridge.html"));
    expect(screen.getByText(/contains the extension's version, so it changes with each published version/)).toBeInTheDocument();
    expect(screen.getByText(/Microsoft has not confirmed it/)).toBeInTheDocument();
    expect(screen.getByText("Single-page application")).toBeInTheDocument();
  });

  it("lists the API permissions, marking the one that needs admin consent", () => {
    render(<SignInSetupGuide clouds={CLOUDS} pageUrl={PAGE} />);
    const rows = within(screen.getByRole("table"))
      .getAllByRole("row")
      .slice(1)
      .map((row) => row.textContent);
    expect(rows).toEqual([
      expect.stringMatching(/^Microsoft GraphApplication\.ReadWrite\.AllRequired/),
      expect.stringMatching(/^Microsoft GraphUser\.ReadNot required/),
      expect.stringMatching(/^Microsoft GraphUser\.ReadBasic\.AllNot required/),
      expect.stringMatching(/^Azure Service Managementuser_impersonationNot required/),
    ]);
  });

  it("builds the admin-consent link on the chosen cloud's authority once a client ID is known", async () => {
    render(<SignInSetupGuide clouds={CLOUDS} pageUrl={PAGE} tenant="72f988bf-86f1-41af-91ab-2d7cd011db47" />);
    expect(screen.getByText("Enter the application (client) ID to get the link.")).toBeInTheDocument();
    const u = user();
    await u.type(screen.getByRole("textbox", { name: /^Application \(client\) ID/ }), CLIENT_ID);
    expect(screen.getByRole("textbox", { name: /Admin consent link/ })).toHaveValue(
      `https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/adminconsent?client_id=${CLIENT_ID}`,
    );
    await u.click(screen.getByRole("button", { name: /^Cloud/ }));
    await u.click(await screen.findByRole("option", { name: "Azure Government" }));
    expect(screen.getByRole("textbox", { name: /Admin consent link/ })).toHaveValue(
      `https://login.microsoftonline.us/72f988bf-86f1-41af-91ab-2d7cd011db47/adminconsent?client_id=${CLIENT_ID}`,
    );
    expect(screen.getByRole("link", { name: /Microsoft Entra admin center \(Azure Government\)/ })).toHaveAttribute(
      "href",
      expect.stringMatching(/^https:\/\/entra\.microsoft\.us\//),
    );
  });

  it("copies a value with the clipboard, or selects it when the frame may not write the clipboard", async () => {
    // user-event puts its own clipboard in place when set up: the test's stands in after that.
    const u = user();
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const { unmount } = render(<SignInSetupGuide clouds={CLOUDS} pageUrl={PAGE} />);
    await u.click(screen.getByRole("button", { name: /^Copy Redirect URI for signing in through Azure DevOps/ }));
    expect(writeText).toHaveBeenCalledWith("https://dev.azure.com/_public/_MsalPopup");
    expect(await screen.findByText("Copied")).toBeInTheDocument();
    unmount();

    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: vi.fn().mockRejectedValue(new Error("NotAllowedError")) },
      configurable: true,
    });
    render(<SignInSetupGuide clouds={CLOUDS} pageUrl={PAGE} />);
    await u.click(screen.getByRole("button", { name: /^Copy Redirect URI for signing in with a pop-up window/ }));
    // jsdom has no execCommand("copy"): the text is left selected with a hint.
    expect(await screen.findByText("Selected: press Ctrl+C to copy")).toBeInTheDocument();
  });
});

describe("onboarding in the project hub", () => {
  it("shows the guide first while no client ID is configured", async () => {
    render(<SignInOnboardingCard settings={DEFAULT_SETTINGS} pageUrl={PAGE} />);
    expect(screen.getByRole("heading", { name: "Set up sign-in first" })).toBeInTheDocument();
    // The guide's code loads when it is first shown.
    expect(await screen.findByTestId("sign-in-setup-guide")).toHaveTextContent(
      "enters the Application (client) ID in Organization settings > Azure connections",
    );
  });

  it("is gone once a client ID is configured", () => {
    const { container } = render(
      <SignInOnboardingCard settings={{ ...DEFAULT_SETTINGS, signInClientIds: { AzureCloud: CLIENT_ID } }} pageUrl={PAGE} />,
    );
    expect(container).toBeEmptyDOMElement();
  });

  it("sits on the hub's start page, with the organization settings read-only below", async () => {
    render(<HubHome services={fakeHubServices(SESSION)} settings={DEFAULT_SETTINGS} />);
    expect(await screen.findByRole("heading", { name: "Set up sign-in first" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Organization settings" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "New service connection" })).toBeInTheDocument();
  });
});

describe("a sign-in that fails for a configuration reason", () => {
  function renderSignIn(error: unknown) {
    const services = fakeHubServices(SESSION, { signIn: async () => Promise.reject(error) });
    function Host() {
      const [draft, setDraft] = useState(newDraft("AzureCloud", ""));
      return (
        <SignInPage
          services={services}
          draft={draft}
          update={(c) => setDraft((d) => ({ ...d, ...c }))}
          account={undefined}
          onAccountChange={() => undefined}
        />
      );
    }
    render(<Host />);
  }

  it.each([
    [
      "sign-in is not set up",
      new ProblemError({ title: "Sign-in is not set up for this organization yet.", detail: "d", action: "a", help: "signInSetup" }),
    ],
    [
      "an unknown client ID (AADSTS700016)",
      new ServiceError("entra", 400, "AADSTS700016", "AADSTS700016: Application with identifier was not found in the directory"),
    ],
    [
      "an unregistered redirect URI (AADSTS50011)",
      new ServiceError("entra", 400, "AADSTS50011", "AADSTS50011: The redirect URI specified in the request does not match"),
    ],
    [
      "missing consent (AADSTS65001)",
      new ServiceError("entra", 400, "consent_required", "AADSTS65001: The user or administrator has not consented"),
    ],
  ])("links back to the guide after %s", async (_what, error) => {
    renderSignIn(error);
    const u = user();
    await u.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    await u.click(await screen.findByRole("button", { name: "Open the sign-in setup guide" }));
    expect(screen.getByTestId("sign-in-setup-guide")).toBeInTheDocument();
  });

  it("offers no guide for a problem that is not about the setup", async () => {
    renderSignIn(new ServiceError("entra", 0, "network_error", "Microsoft Entra ID could not be reached"));
    await user().click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    await screen.findByText(/Check your connection/);
    expect(screen.queryByRole("button", { name: "Open the sign-in setup guide" })).not.toBeInTheDocument();
  });
});
