import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { NESTED_SIGN_IN_FAILED, SIGN_IN_SETUP_PROBLEMS } from "../../../../src/clients/auth/signInErrors";
import type { SignedInAccount } from "../../../../src/clients/auth/signInTypes";
import { ConnectionsTab } from "../../../../src/hub/connections/ConnectionsTab";
import { SignInPage } from "../../../../src/hub/wizard/pages/SignInPage";
import { ProblemError } from "../../../../src/platform/problem";
import type { HubServices } from "../../../../src/workflows/hub/hubServices";
import { newDraft, type ProvisioningDraft } from "../../../../src/workflows/provisioning/draft";
import { fakeHubServices } from "../../fakes/fakeHubServices";

const SESSION = {
  organization: "contoso",
  userDisplayName: "Ada Lovelace",
  extensionId: "arm-secret-connection-hub",
  project: { id: "p-1", name: "Fabrikam Web" },
};
const HOME = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const ADMIN_HOME = "0d2bd5c8-5b4e-4a53-9c7a-0c0e5a6d1f11";
const ADA: SignedInAccount = {
  username: "ada@contoso.com",
  name: "Ada Lovelace",
  tenantId: HOME,
  objectId: "a0a0a0a0-0000-4000-8000-000000000001",
};
const ADMIN: SignedInAccount = {
  username: "ada-admin@contoso.onmicrosoft.com",
  name: "Ada (admin)",
  tenantId: ADMIN_HOME,
  objectId: "a0a0a0a0-0000-4000-8000-000000000002",
};

/** Services whose sign-in goes through Azure DevOps until signInWithPopup switches to a pop-up window. */
function signInServices(overrides: Partial<HubServices> = {}) {
  let method: "nested" | "popup" | undefined;
  let current: SignedInAccount | undefined;
  const signIn = vi.fn<HubServices["signIn"]>(async () => {
    method = "nested";
    return (current = ADA);
  });
  const signInWithPopup = vi.fn<NonNullable<HubServices["signInWithPopup"]>>(async () => {
    method = "popup";
    return (current = ADMIN);
  });
  const empty = {
    rows: [],
    summary: { total: 0, expiringSoon: 0, expired: 0, federated: 0, noAccess: 0, text: "0 Azure Resource Manager connections" },
    credentialsRead: false,
  };
  const base = fakeHubServices(SESSION, {
    signIn,
    signInWithPopup,
    signInMethod: () => method,
    account: () => current,
    directory: () => ({ tenants: async () => [] }) as unknown as ReturnType<HubServices["directory"]>,
    ...overrides,
  });
  const connectionServices = base.connectionServices;
  return {
    services: {
      ...base,
      connectionServices: async () => ({
        ...(await connectionServices()),
        readConnectionCredentials: async () => ({ ...empty, credentialsRead: true }),
      }),
    },
    signIn,
    signInWithPopup,
  };
}

function renderPage(services: HubServices, account?: SignedInAccount) {
  const latest: { draft: ProvisioningDraft; account: SignedInAccount | undefined } = {
    draft: { ...newDraft("AzureCloud", ""), tenantId: account?.tenantId ?? "" },
    account,
  };
  function Host() {
    const [draft, setDraft] = useState(latest.draft);
    const [current, setCurrent] = useState(latest.account);
    latest.draft = draft;
    latest.account = current;
    return (
      <SignInPage
        services={services}
        draft={draft}
        update={(change) => setDraft((d) => ({ ...d, ...change }))}
        account={current}
        onAccountChange={setCurrent}
      />
    );
  }
  render(<Host />);
  return { user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }), latest };
}

const problemCard = async (title: string) => (await screen.findByText(title)).closest(".inline-problem") as HTMLElement;

describe("Sign in with another account (Sign in page)", () => {
  it("signs in through a pop-up even where Azure DevOps signed the person in, then acts as that account", async () => {
    const { services, signInWithPopup } = signInServices();
    const { user, latest } = renderPage(services);
    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    expect(await screen.findByTestId("signed-in")).toHaveTextContent("Signed in as Ada Lovelace (ada@contoso.com) through Azure DevOps");

    await user.click(screen.getByRole("button", { name: "Sign in with another account" }));

    expect(signInWithPopup).toHaveBeenCalledWith("AzureCloud");
    await waitFor(() =>
      expect(screen.getByTestId("signed-in")).toHaveTextContent("Signed in as Ada (admin) (ada-admin@contoso.onmicrosoft.com)"),
    );
    expect(screen.getByTestId("signed-in")).not.toHaveTextContent("through Azure DevOps");
    expect(latest.account).toEqual(ADMIN);
    // The directory follows the new account: the old one's choice is not kept.
    expect(latest.draft.tenantId).toBe(ADMIN_HOME);
  });

  it("is offered before signing in too, and not at all when the services have no pop-up path", async () => {
    const { services } = signInServices();
    renderPage(services);
    expect(screen.getByRole("button", { name: "Sign in with another account" })).toBeInTheDocument();
    const { signInWithPopup: _, ...withoutPopup } = services;
    renderPage(withoutPopup as HubServices);
    expect(screen.getAllByRole("button", { name: "Sign in with another account" })).toHaveLength(1);
  });

  it("when nested sign-in fails for a reason a pop-up can fix, offers Sign in with a popup window instead right there", async () => {
    const { services, signInWithPopup } = signInServices({ signIn: () => Promise.reject(new ProblemError(NESTED_SIGN_IN_FAILED)) });
    const { user } = renderPage(services);
    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    const problem = await problemCard(NESTED_SIGN_IN_FAILED.title);
    expect(problem).toHaveTextContent("Choose Sign in with a popup window instead");

    await user.click(within(problem).getByRole("button", { name: "Sign in with a popup window instead" }));

    expect(signInWithPopup).toHaveBeenCalledTimes(1);
    expect(await screen.findByTestId("signed-in")).toHaveTextContent("Ada (admin)");
    expect(screen.queryByText(NESTED_SIGN_IN_FAILED.title)).not.toBeInTheDocument();
  });
});

describe.each(Object.entries(SIGN_IN_SETUP_PROBLEMS))("the sign-in setup error %s", (code, setup) => {
  const failing = () =>
    signInServices({ signIn: () => Promise.reject(new ProblemError({ ...setup, supportDetails: `${code} · correlation id c-1` })) });

  it("names the exact fix and opens the setup guide in the guided form", async () => {
    const { user } = renderPage(failing().services);
    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    const problem = await problemCard(setup.title);
    expect(problem).toHaveTextContent(`What to do: ${setup.action}`);
    // The code is for support only: outside the closed disclosure, the problem reads as sentences.
    const outside = problem.cloneNode(true) as HTMLElement;
    outside.querySelector("details")?.remove();
    expect(outside.textContent).not.toContain(code);
    expect(within(problem).getByText("Details for support").closest("details")).not.toHaveAttribute("open");
    expect(within(problem).getByText(`${code} · correlation id c-1`)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open the sign-in setup guide" })).toBeInTheDocument();
  });

  it("names the exact fix and opens the setup guide in the Connections tab", async () => {
    render(<ConnectionsTab services={failing().services} />);
    const user = userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 });
    await user.click(await screen.findByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    const problem = await problemCard(setup.title);
    expect(problem).toHaveTextContent(`What to do: ${setup.action}`);
    expect(within(problem).getByText(`${code} · correlation id c-1`)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open the sign-in setup guide" })).toBeInTheDocument();
  });
});

describe("the Connections tab's sign-in", () => {
  it("offers Sign in with another account, and acts as that account afterwards", async () => {
    const { services, signInWithPopup } = signInServices();
    render(<ConnectionsTab services={services} />);
    const user = userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 });
    await user.click(await screen.findByRole("button", { name: "Sign in with another account" }));
    expect(signInWithPopup).toHaveBeenCalledTimes(1);
    expect(await screen.findByTestId("signed-in")).toHaveTextContent("Signed in as ada-admin@contoso.onmicrosoft.com");
  });

  it("offers Sign in with a popup window instead when nested sign-in fails for a reason a pop-up can fix", async () => {
    const { services, signInWithPopup } = signInServices({ signIn: () => Promise.reject(new ProblemError(NESTED_SIGN_IN_FAILED)) });
    render(<ConnectionsTab services={services} />);
    const user = userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 });
    await user.click(await screen.findByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    const problem = await problemCard(NESTED_SIGN_IN_FAILED.title);
    await user.click(within(problem).getByRole("button", { name: "Sign in with a popup window instead" }));
    expect(signInWithPopup).toHaveBeenCalledTimes(1);
    expect(await screen.findByTestId("signed-in")).toHaveTextContent("ada-admin@contoso.onmicrosoft.com");
  });
});
