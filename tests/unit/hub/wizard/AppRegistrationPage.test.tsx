import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import type { GraphUser } from "../../../../src/clients/graph/graphTypes";
import { AppRegistrationPage } from "../../../../src/hub/wizard/pages/AppRegistrationPage";
import { ServiceError } from "../../../../src/platform/http/serviceError";
import { AzureDirectory, type DirectoryArm, type DirectoryGraph } from "../../../../src/workflows/directory/azureDirectory";
import { newDraft, withDefaultNames, type ProvisioningDraft } from "../../../../src/workflows/provisioning/draft";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const GRACE: GraphUser = {
  id: "9a8b7c6d-0000-4000-8000-00000000000a",
  displayName: "Grace Hopper",
  userPrincipalName: "grace@contoso.com",
};
const ALAN: GraphUser = { id: "9a8b7c6d-0000-4000-8000-00000000000b", displayName: "Alan Turing", userPrincipalName: "alan@contoso.com" };
const PEOPLE = [GRACE, ALAN];
const PRODUCTION = { id: "8f3a1c2e-5b6d-4e7f-9a0b-1c2d3e4f5a6b", name: "Contoso Production" };
const NAMING = { organization: "contoso", project: "Fabrikam Web" };

/** The page under the wizard's naming rule: names follow the template until the person edits them. */
function renderAppPage(options: { findUser?: DirectoryGraph["findUser"]; error?: string } = {}) {
  const findUser = options.findUser ?? (async (upn: string) => PEOPLE.find((p) => p.userPrincipalName === upn.toLowerCase()));
  const directory = new AzureDirectory(TENANT, {} as DirectoryArm, { findUser });
  const latest = {
    draft: withDefaultNames({ ...newDraft("AzureCloud", TENANT), subscription: PRODUCTION }, NAMING),
    update: (_: Partial<ProvisioningDraft>) => {},
  };
  function Host() {
    const [draft, setDraft] = useState(latest.draft);
    latest.draft = draft;
    latest.update = (change) => setDraft((d) => withDefaultNames({ ...d, ...change }, NAMING));
    return (
      <AppRegistrationPage
        directory={directory}
        draft={draft}
        update={latest.update}
        {...(options.error ? { error: options.error } : {})}
      />
    );
  }
  render(<Host />);
  return { user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }), latest };
}

describe("the App registration page", () => {
  it("prefills the name from the organization, project and scope", () => {
    renderAppPage();
    expect(screen.getByRole("textbox", { name: /^Name/ })).toHaveValue("contoso-Fabrikam Web-Contoso Production");
  });

  it("keeps following the scope until the person edits the name, then keeps theirs", async () => {
    const { user, latest } = renderAppPage();
    act(() => latest.update({ subscription: { id: "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", name: "Contoso Development" } }));
    const name = screen.getByRole("textbox", { name: /^Name/ });
    expect(name).toHaveValue("contoso-Fabrikam Web-Contoso Development");

    await user.clear(name);
    await user.type(name, "sc-fabrikam-deploy");
    expect(latest.draft.appNameEdited).toBe(true);

    act(() => latest.update({ subscription: PRODUCTION }));
    expect(name).toHaveValue("sc-fabrikam-deploy");
    expect(latest.draft.appName).toBe("sc-fabrikam-deploy");
  });

  it("shows the wizard's message under the name", () => {
    renderAppPage({ error: "Enter a name for the app registration." });
    expect(screen.getByRole("textbox", { name: /^Name/ })).toHaveAccessibleDescription("Enter a name for the app registration.");
  });

  it("asks who can use this application, single tenant by default", async () => {
    const { user, latest } = renderAppPage();
    const who = screen.getByRole("radiogroup", { name: "Who can use this application or access this API?" });
    const single = within(who).getByRole("radio", { name: "Accounts in this organizational directory only (single tenant)" });
    const multi = within(who).getByRole("radio", { name: "Accounts in any organizational directory (multitenant)" });
    expect(single).toHaveAttribute("aria-checked", "true");
    expect(multi).toHaveAttribute("aria-checked", "false");

    await user.click(multi);
    expect(latest.draft.signInAudience).toBe("AzureADMultipleOrgs");
    expect(multi).toHaveAttribute("aria-checked", "true");
    expect(single).toHaveAttribute("aria-checked", "false");
  });

  it("adds co-owners found in the directory and removes them again", async () => {
    const { user, latest } = renderAppPage();
    const coOwner = screen.getByRole("textbox", { name: /^Co-owners \(optional\)/ });
    expect(coOwner).toHaveAttribute("placeholder", "someone@contoso.com");

    await user.type(coOwner, "grace@contoso.com");
    await user.click(screen.getByRole("button", { name: "Add co-owner" }));
    const list = await screen.findByRole("list", { name: "Co-owners" });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Grace Hopper (grace@contoso.com)Remove"]);
    expect(coOwner).toHaveValue("");

    // Enter in the field adds too.
    await user.type(coOwner, "alan@contoso.com{Enter}");
    await screen.findByText("Alan Turing (alan@contoso.com)");
    expect(latest.draft.coOwners.map((o) => o.id)).toEqual([GRACE.id, ALAN.id]);

    await user.click(screen.getByRole("button", { name: "Remove Grace Hopper" }));
    expect(screen.queryByText("Grace Hopper (grace@contoso.com)")).not.toBeInTheDocument();
    expect(latest.draft.coOwners.map((o) => o.id)).toEqual([ALAN.id]);
    await user.click(screen.getByRole("button", { name: "Remove Alan Turing" }));
    expect(screen.queryByRole("list", { name: "Co-owners" })).not.toBeInTheDocument();
  });

  it("says when there is no such user, and adds no one", async () => {
    const { user, latest } = renderAppPage();
    const coOwner = screen.getByRole("textbox", { name: /^Co-owners \(optional\)/ });
    await user.type(coOwner, "nobody@contoso.com");
    await user.click(screen.getByRole("button", { name: "Add co-owner" }));
    expect(await screen.findByText('No user "nobody@contoso.com" in this directory. Check the sign-in name.')).toBeInTheDocument();
    expect(coOwner).toHaveAccessibleDescription('No user "nobody@contoso.com" in this directory. Check the sign-in name.');
    expect(coOwner).toHaveValue("nobody@contoso.com");
    expect(latest.draft.coOwners).toEqual([]);
  });

  it("asks for a sign-in name when Add co-owner is chosen with an empty field", async () => {
    const findUser = vi.fn<DirectoryGraph["findUser"]>();
    const { user } = renderAppPage({ findUser });
    await user.click(screen.getByRole("button", { name: "Add co-owner" }));
    expect(screen.getByRole("textbox", { name: /^Co-owners \(optional\)/ })).toHaveAccessibleDescription(
      "Enter the user's sign-in name, such as someone@contoso.com.",
    );
    expect(findUser).not.toHaveBeenCalled();
  });

  it("does not add the same person twice", async () => {
    const { user, latest } = renderAppPage();
    const coOwner = screen.getByRole("textbox", { name: /^Co-owners \(optional\)/ });
    await user.type(coOwner, "grace@contoso.com{Enter}");
    await screen.findByText("Grace Hopper (grace@contoso.com)");
    await user.type(coOwner, "GRACE@contoso.com{Enter}");
    expect(await screen.findByText("Grace Hopper is already a co-owner.")).toBeInTheDocument();
    expect(latest.draft.coOwners).toHaveLength(1);
  });

  it("says what happened and what to do when the directory cannot be searched", async () => {
    const { user, latest } = renderAppPage({
      findUser: async () => Promise.reject(new ServiceError("graph", 503, "ServiceUnavailable", "Service unavailable.")),
    });
    const coOwner = screen.getByRole("textbox", { name: /^Co-owners \(optional\)/ });
    await user.type(coOwner, "grace@contoso.com{Enter}");
    await waitFor(() =>
      expect(coOwner).toHaveAccessibleDescription("Microsoft Graph had a temporary failure (503). Choose Retry in a moment."),
    );
    expect(latest.draft.coOwners).toEqual([]);
    // The button is usable again for another try.
    expect(screen.getByRole("button", { name: "Add co-owner" })).toBeEnabled();
  });
});
