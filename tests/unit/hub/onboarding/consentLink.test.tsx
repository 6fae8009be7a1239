import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SignInSetupGuide } from "../../../../src/hub/onboarding/SignInSetupGuide";
import { CLOUDS } from "../../../../src/platform/clouds";
import { consentAppSentence, identifyConsentApp } from "../../../../src/workflows/settings/settingsSignInSetup";

/**
 * The admin-consent link (#13.4): built only from a client ID typed or confirmed on the page, and next to it whose app
 * that is, so an administrator is never led into tenant-wide consent for a stranger's app.
 */
const PAGE = "http://localhost:7001/settings.html";
const SAVED = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const STRANGER = "9a9a9a9a-0000-4000-8000-00000000beef";
const user = () => userEvent.setup({ delay: null, skipHover: true });
const consentLink = () => screen.queryByRole("textbox", { name: /Admin consent link/ });

describe("the admin-consent link", () => {
  it("is not built from a stored client ID until the person confirms it on the page", async () => {
    render(<SignInSetupGuide clouds={CLOUDS} pageUrl={PAGE} clientIds={{ AzureCloud: SAVED }} enterClientIdHere />);
    expect(consentLink()).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Open the admin consent page" })).not.toBeInTheDocument();
    await user().click(
      screen.getByRole("button", { name: `Use the client ID saved in the organization settings, ${SAVED}, for the consent link` }),
    );
    expect(consentLink()).toHaveValue(`https://login.microsoftonline.com/organizations/adminconsent?client_id=${SAVED}`);
  });

  it("is built from a client ID the person types", async () => {
    render(<SignInSetupGuide clouds={CLOUDS} pageUrl={PAGE} />);
    await user().type(screen.getByRole("textbox", { name: /^Application \(client\) ID/ }), STRANGER);
    expect(consentLink()).toHaveValue(`https://login.microsoftonline.com/organizations/adminconsent?client_id=${STRANGER}`);
  });

  it("shows the app's name and publisher domain from the signed-in directory", async () => {
    const lookUpApp = vi.fn(async () => ({ displayName: "Azure connections hub", publisherDomain: "contoso.onmicrosoft.com" }));
    render(<SignInSetupGuide clouds={CLOUDS} pageUrl={PAGE} lookUpApp={lookUpApp} />);
    await user().type(screen.getByRole("textbox", { name: /^Application \(client\) ID/ }), SAVED);
    await waitFor(() =>
      expect(screen.getByTestId("consent-app-identity")).toHaveTextContent(
        'In your directory, this client ID is the app "Azure connections hub", published by contoso.onmicrosoft.com.',
      ),
    );
    expect(lookUpApp).toHaveBeenLastCalledWith(SAVED);
  });

  it("says when the app is not registered in the directory, and leaves naming the publisher to Entra's consent screen", async () => {
    render(<SignInSetupGuide clouds={CLOUDS} pageUrl={PAGE} lookUpApp={async () => undefined} />);
    await user().type(screen.getByRole("textbox", { name: /^Application \(client\) ID/ }), STRANGER);
    await waitFor(() =>
      expect(screen.getByTestId("consent-app-identity")).toHaveTextContent(
        "This app is not registered in your directory: Entra's consent screen will show who publishes it.",
      ),
    );
  });

  it("says it cannot tell whose app it is when the page is not signed in", async () => {
    render(<SignInSetupGuide clouds={CLOUDS} pageUrl={PAGE} />);
    await user().type(screen.getByRole("textbox", { name: /^Application \(client\) ID/ }), STRANGER);
    await waitFor(() => expect(screen.getByTestId("consent-app-identity")).toHaveTextContent(/cannot say whose app this is/));
  });
});

describe("whose app a consent link is for", () => {
  it("names a registered app, a missing one, and a failed or impossible check", async () => {
    const app = { displayName: "Hub", publisherDomain: "contoso.com" };
    expect(await identifyConsentApp(async () => app, SAVED.toUpperCase())).toEqual({ status: "registered", ...app });
    expect(await identifyConsentApp(async () => undefined, SAVED)).toEqual({ status: "notRegistered" });
    expect(await identifyConsentApp(() => Promise.reject(new Error("403")), SAVED)).toEqual({ status: "unchecked", reason: "failed" });
    expect(await identifyConsentApp(undefined, SAVED)).toEqual({ status: "unchecked", reason: "notSignedIn" });
    expect(consentAppSentence({ status: "notRegistered" })).toMatch(/^This app is not registered in your directory/);
  });
});

describe("the registration type the guide asks for", () => {
  it("says which registration type goes with which setting", () => {
    render(<SignInSetupGuide clouds={CLOUDS} pageUrl={PAGE} />);
    const guide = screen.getByTestId("sign-in-setup-guide");
    expect(guide).toHaveTextContent(
      "Accounts in this organizational directory only (single tenant): the settings need this directory as the default directory, " +
        "and everyone signs in at that directory.",
    );
    expect(guide).toHaveTextContent("Accounts in any organizational directory (multitenant): people sign in at /organizations");
  });
});
