import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import type { SignedInAccount } from "../../../../src/clients/auth/signInTypes";
import type { ArmTenant } from "../../../../src/clients/arm/armTypes";
import { SignInPage } from "../../../../src/hub/wizard/pages/SignInPage";
import { ServiceError } from "../../../../src/platform/http/serviceError";
import { AzureDirectory, type DirectoryArm } from "../../../../src/workflows/directory/azureDirectory";
import type { HubServices } from "../../../../src/workflows/hub/hubServices";
import { newDraft, type ProvisioningDraft } from "../../../../src/workflows/provisioning/draft";
import { fakeHubServices } from "../../fakes/fakeHubServices";

const SESSION = {
  organization: "contoso",
  userDisplayName: "Ada Lovelace",
  extensionId: "arm-secret-connection-hub",
  project: { id: "p-1", name: "Fabrikam Web" },
};
const HOME_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER_TENANT = "0d2bd5c8-5b4e-4a53-9c7a-0c0e5a6d1f11";
const SETTINGS_TENANT = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";
const ADA: SignedInAccount = {
  username: "ada@contoso.com",
  name: "Ada Lovelace",
  tenantId: HOME_TENANT,
  objectId: "a0a0a0a0-0000-4000-8000-000000000001",
};
const TENANTS: ArmTenant[] = [
  { tenantId: HOME_TENANT, displayName: "Contoso", defaultDomain: "contoso.com", tenantCategory: "Home" },
  { tenantId: OTHER_TENANT, displayName: "Fabrikam", defaultDomain: "fabrikam.com", tenantCategory: "Home" },
];

function directoryListing(listTenants: () => Promise<ArmTenant[]>): HubServices["directory"] {
  const arm = { listTenants } as Partial<DirectoryArm> as DirectoryArm;
  return (_cloud, tenantId) => new AzureDirectory(tenantId, arm, { findUser: async () => undefined });
}

/** The page as the wizard holds it: the draft and the account live above it. */
function renderSignIn(
  options: {
    services?: Partial<HubServices>;
    account?: SignedInAccount;
    defaultTenantId?: string;
    draft?: Partial<ProvisioningDraft>;
  } = {},
) {
  const latest: { draft: ProvisioningDraft; account: SignedInAccount | undefined } = {
    draft: { ...newDraft("AzureCloud", ""), ...options.draft },
    account: options.account,
  };
  const services = fakeHubServices(SESSION, { directory: directoryListing(async () => TENANTS), ...options.services });
  function Host() {
    const [draft, setDraft] = useState(latest.draft);
    const [account, setAccount] = useState(latest.account);
    latest.draft = draft;
    latest.account = account;
    return (
      <SignInPage
        services={services}
        draft={draft}
        update={(change) => setDraft((d) => ({ ...d, ...change }))}
        account={account}
        onAccountChange={setAccount}
        {...(options.defaultTenantId ? { defaultTenantId: options.defaultTenantId } : {})}
      />
    );
  }
  render(<Host />);
  return { user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }), latest };
}

describe("the Sign in page", () => {
  it("offers to sign in to Microsoft Entra ID and shows who signed in", async () => {
    const signIn = vi.fn(async () => ADA);
    const { user, latest } = renderSignIn({ services: { signIn } });
    expect(screen.queryByLabelText("Directory (tenant)")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));

    expect(signIn).toHaveBeenCalledWith("AzureCloud");
    expect(await screen.findByTestId("signed-in")).toHaveTextContent("Signed in as Ada Lovelace (ada@contoso.com)");
    expect(screen.queryByRole("button", { name: "Sign in to Microsoft Entra ID" })).not.toBeInTheDocument();
    expect(latest.account).toEqual(ADA);
  });

  it("says when the sign-in went through Azure DevOps (nested app authentication)", async () => {
    renderSignIn({ account: ADA, draft: { tenantId: HOME_TENANT }, services: { signInMethod: () => "nested" } });
    expect(screen.getByTestId("signed-in")).toHaveTextContent("Signed in as Ada Lovelace (ada@contoso.com) through Azure DevOps");
    expect(await screen.findByDisplayValue("Contoso (contoso.com)")).toBeInTheDocument();
  });

  it("shows a labelled spinner and disables the button while signing in", async () => {
    let finish!: (account: SignedInAccount) => void;
    const { user } = renderSignIn({ services: { signIn: () => new Promise((resolve) => (finish = resolve)) } });
    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    expect(screen.getByText("Signing in…")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" })).toHaveAttribute("aria-disabled", "true");
    finish(ADA);
    expect(await screen.findByTestId("signed-in")).toBeInTheDocument();
  });

  it("defaults the Directory (tenant) to the signed-in token's tenant", async () => {
    const { user, latest } = renderSignIn({ services: { signIn: async () => ADA } });
    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    const tenant = await screen.findByLabelText("Directory (tenant)");
    expect(latest.draft.tenantId).toBe(HOME_TENANT);
    await waitFor(() => expect(tenant).toHaveValue("Contoso (contoso.com)"));
  });

  it("defaults the Directory (tenant) to the organization settings' tenant over the token's", async () => {
    const { user, latest } = renderSignIn({ services: { signIn: async () => ADA }, defaultTenantId: SETTINGS_TENANT });
    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    const tenant = await screen.findByLabelText("Directory (tenant)");
    expect(latest.draft.tenantId).toBe(SETTINGS_TENANT);
    // Not one of the person's listed directories: it is still shown, by its id, rather than silently replaced.
    await waitFor(() => expect(tenant).toHaveValue(SETTINGS_TENANT));
  });

  it("lists the person's directories and switching one clears the scope already chosen", async () => {
    const { user, latest } = renderSignIn({
      account: ADA,
      draft: { tenantId: HOME_TENANT, subscription: { id: "s-1", name: "Contoso Production" } },
    });
    const tenant = screen.getByRole("button", { name: /^Directory \(tenant\)/ });
    await waitFor(() => expect(tenant).toHaveValue("Contoso (contoso.com)"));

    await user.click(tenant);
    const options = screen.getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["Contoso (contoso.com)", "Fabrikam (fabrikam.com)"]);
    await user.click(screen.getByRole("option", { name: "Fabrikam (fabrikam.com)" }));

    expect(latest.draft.tenantId).toBe(OTHER_TENANT);
    expect(latest.draft.subscription).toBeUndefined();
    expect(tenant).toHaveValue("Fabrikam (fabrikam.com)");
  });

  it("signs out: forgets the account, the directory and the scope", async () => {
    const signOut = vi.fn(async () => undefined);
    const { user, latest } = renderSignIn({
      account: ADA,
      draft: { tenantId: HOME_TENANT, subscription: { id: "s-1", name: "Contoso Production" } },
      services: { signOut },
    });
    await user.click(screen.getByRole("button", { name: "Sign out" }));

    expect(signOut).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole("button", { name: "Sign in to Microsoft Entra ID" })).toBeInTheDocument();
    expect(screen.queryByTestId("signed-in")).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Directory (tenant)")).not.toBeInTheDocument();
    expect(latest.account).toBeUndefined();
    expect(latest.draft.tenantId).toBe("");
    expect(latest.draft.subscription).toBeUndefined();
  });

  it("when sign-in fails, says what happened and what to do, and Retry signs in", async () => {
    const signIn = vi
      .fn<HubServices["signIn"]>()
      .mockRejectedValueOnce(
        new ServiceError(
          "entra",
          400,
          "consent_required",
          "AADSTS65001: The user or administrator has not consented to use the application.",
        ),
      )
      .mockResolvedValueOnce(ADA);
    const { user } = renderSignIn({ services: { signIn } });
    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));

    const problem = (await screen.findByText("Signing in failed.")).closest(".inline-problem") as HTMLElement;
    expect(problem).toHaveTextContent("has not granted consent for this extension's sign-in app");
    expect(problem).toHaveTextContent("What to do: Ask a Global Administrator to grant admin consent");

    await user.click(within(problem).getByRole("button", { name: "Retry" }));
    expect(signIn).toHaveBeenCalledTimes(2);
    expect(await screen.findByTestId("signed-in")).toHaveTextContent("Ada Lovelace");
    expect(screen.queryByText("Signing in failed.")).not.toBeInTheDocument();
  });

  it("when the directories cannot be listed, says so with Retry", async () => {
    const listTenants = vi
      .fn<() => Promise<ArmTenant[]>>()
      .mockRejectedValueOnce(new ServiceError("arm", 503, "ServiceUnavailable", "The service is unavailable."))
      .mockResolvedValue(TENANTS);
    const { user } = renderSignIn({
      account: ADA,
      draft: { tenantId: HOME_TENANT },
      services: { directory: directoryListing(listTenants) },
    });

    const problem = (await screen.findByText("Listing your directories failed.")).closest(".inline-problem") as HTMLElement;
    expect(problem).toHaveTextContent("Azure Resource Manager had a temporary failure (503)");
    await user.click(within(problem).getByRole("button", { name: "Retry" }));

    const tenant = await screen.findByLabelText("Directory (tenant)");
    await waitFor(() => expect(tenant).toHaveValue("Contoso (contoso.com)"));
    expect(listTenants).toHaveBeenCalledTimes(2);
  });

  it("shows the field's message under the Directory (tenant) when the wizard reports one", async () => {
    const services = fakeHubServices(SESSION, { directory: directoryListing(async () => TENANTS) });
    render(
      <SignInPage
        services={services}
        draft={newDraft("AzureCloud", "")}
        update={() => undefined}
        account={ADA}
        onAccountChange={() => undefined}
        error="Enter the Directory (tenant) ID."
      />,
    );
    const tenant = screen.getByLabelText("Directory (tenant)");
    expect(tenant).toHaveAccessibleDescription("Enter the Directory (tenant) ID.");
    await waitFor(() => expect(tenant).toHaveAttribute("placeholder", "Choose a directory"));
  });
});
