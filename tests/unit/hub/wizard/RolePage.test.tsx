import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import type { ArmRoleDefinition } from "../../../../src/clients/arm/armTypes";
import { RolePage } from "../../../../src/hub/wizard/pages/RolePage";
import { ServiceError } from "../../../../src/platform/http/serviceError";
import { AzureDirectory, type DirectoryArm } from "../../../../src/workflows/directory/azureDirectory";
import { newDraft, type ProvisioningDraft } from "../../../../src/workflows/provisioning/draft";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const SCOPE = "/subscriptions/8f3a1c2e-5b6d-4e7f-9a0b-1c2d3e4f5a6b";

function role(name: string, roleName: string, actions: string[], notActions: string[] = [], type = "BuiltInRole"): ArmRoleDefinition {
  return {
    id: `${SCOPE}/providers/Microsoft.Authorization/roleDefinitions/${name}`,
    name,
    roleName,
    type,
    description: `${roleName} description.`,
    actions,
    notActions,
  };
}
const READER = role("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader", ["*/read"]);
const CONTRIBUTOR = role(
  "b24988ac-6180-42a0-ab88-20f7382dd24c",
  "Contributor",
  ["*"],
  ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action"],
);
const OWNER = role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner", ["*"]);
const UAA = role("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator", ["*/read", "Microsoft.Authorization/*"]);
const DEPLOYER = role(
  "6c1f8a0e-0000-4000-8000-0000000000c1",
  "Fabrikam Deployer",
  ["Microsoft.Resources/deployments/*", "Microsoft.Web/sites/read"],
  [],
  "CustomRole",
);
const ROLES = [OWNER, DEPLOYER, READER, UAA, CONTRIBUTOR];

function renderRolePage(
  listRoleDefinitions: DirectoryArm["listRoleDefinitions"] = async () => ROLES,
  error?: string,
  preselected?: ProvisioningDraft["role"],
) {
  const directory = new AzureDirectory(TENANT, { listRoleDefinitions } as Partial<DirectoryArm> as DirectoryArm, {
    findUser: async () => undefined,
  });
  const latest = { draft: newDraft("AzureCloud", TENANT, preselected ? { roleChoice: preselected } : {}) as ProvisioningDraft };
  function Host() {
    const [draft, setDraft] = useState(latest.draft);
    latest.draft = draft;
    return (
      <RolePage
        directory={directory}
        scope={SCOPE}
        draft={draft}
        update={(change) => setDraft((d) => ({ ...d, ...change }))}
        {...(error ? { error } : {})}
      />
    );
  }
  render(<Host />);
  return { user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }), latest };
}

const roleField = () => screen.getByRole("button", { name: /^Role/ });

async function chooseRole(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(roleField());
  await user.click(screen.getByRole("option", { name }));
}

describe("the Role page", () => {
  it("starts with Reader, describes it, and warns about nothing", async () => {
    renderRolePage();
    // Generous wait: the list arrives after a microtask or two, later on a busy machine.
    await waitFor(() => expect(roleField()).toHaveAccessibleDescription("Reader description."), { timeout: 5000 });
    expect(roleField()).toHaveValue("Reader");
    expect(screen.queryByTestId("role-warning")).not.toBeInTheDocument();
  });

  it("lists the roles assignable at the scope: built-in ones by name, then custom ones", async () => {
    const listRoleDefinitions = vi.fn<DirectoryArm["listRoleDefinitions"]>(async () => ROLES);
    const { user } = renderRolePage(listRoleDefinitions);
    await waitFor(() => expect(roleField()).toHaveAccessibleDescription("Reader description."));
    expect(listRoleDefinitions).toHaveBeenCalledWith(SCOPE);
    await user.click(roleField());
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Contributor",
      "Owner",
      "Reader",
      "User Access Administrator",
      "Fabrikam Deployer (custom)",
    ]);
  });

  it("warns that a role which can write lets pipelines change or delete resources", async () => {
    const { user, latest } = renderRolePage();
    await waitFor(() => expect(roleField()).toHaveAccessibleDescription("Reader description."));
    await chooseRole(user, "Contributor");
    expect(latest.draft.role).toEqual({ id: CONTRIBUTOR.name, roleName: "Contributor" });
    expect(screen.getByTestId("role-warning")).toHaveTextContent(
      "Contributor lets every pipeline that uses this connection change or delete Azure resources at this scope.",
    );

    await chooseRole(user, "Fabrikam Deployer (custom)");
    expect(screen.getByTestId("role-warning")).toHaveTextContent(
      "Fabrikam Deployer lets every pipeline that uses this connection change or delete Azure resources",
    );
  });

  it("warns that a role which can grant access lets pipelines give others access", async () => {
    const { user } = renderRolePage();
    await waitFor(() => expect(roleField()).toHaveAccessibleDescription("Reader description."));
    await chooseRole(user, "Owner");
    expect(screen.getByTestId("role-warning")).toHaveTextContent(
      "Owner lets every pipeline that uses this connection give other identities access to Azure.",
    );
    await chooseRole(user, "User Access Administrator");
    expect(screen.getByTestId("role-warning")).toHaveTextContent(
      "User Access Administrator lets every pipeline that uses this connection give other identities access to Azure.",
    );

    await chooseRole(user, "Reader");
    expect(screen.queryByTestId("role-warning")).not.toBeInTheDocument();
  });

  it("offers a filter when there are many roles", async () => {
    const many = [
      READER,
      ...Array.from({ length: 10 }, (_, i) => role(`00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, `Data role ${i}`, ["*/read"])),
    ];
    const { user } = renderRolePage(async () => many);
    await waitFor(() => expect(roleField()).toHaveAccessibleDescription("Reader description."));
    await user.click(roleField());
    await user.type(screen.getByPlaceholderText("Filter roles"), "role 7");
    await waitFor(() => expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["Data role 7"]));
  });

  it("when the roles cannot be listed, keeps Reader's id, says its name is not confirmed, and says why with Retry", async () => {
    const listRoleDefinitions = vi
      .fn<DirectoryArm["listRoleDefinitions"]>()
      .mockRejectedValueOnce(
        new ServiceError(
          "arm",
          403,
          "AuthorizationFailed",
          "The client does not have authorization to perform action 'Microsoft.Authorization/roleDefinitions/read'.",
        ),
      )
      .mockResolvedValue(ROLES);
    const { user } = renderRolePage(listRoleDefinitions);
    const problem = (await screen.findByText("Listing the roles failed.")).closest(".inline-problem") as HTMLElement;
    expect(problem).toHaveTextContent("Your account is not allowed to do this");
    expect(roleField()).toHaveValue(`Role ${READER.name} (name not confirmed by Azure)`);
    expect(screen.getByTestId("role-warning")).toHaveTextContent(/^Azure could not confirm which role/);

    await user.click(within(problem).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(roleField()).toHaveAccessibleDescription("Reader description."));
    expect(screen.queryByText("Listing the roles failed.")).not.toBeInTheDocument();
  });

  it("names a preselected role as Azure does for its id, whatever name the organization settings give it", async () => {
    const { user, latest } = renderRolePage(undefined, undefined, { id: OWNER.name, roleName: "Reader" });
    // Before Azure answers, only the id shows: the settings' "Reader" never does.
    expect(roleField()).toHaveValue(`Role ${OWNER.name} (name not confirmed by Azure)`);
    await waitFor(() => expect(roleField()).toHaveValue("Owner"));
    expect(screen.getByTestId("role-warning")).toHaveTextContent(
      /^Owner lets every pipeline that uses this connection give other identities/,
    );
    expect(roleField()).toHaveAccessibleDescription("Owner description.");
    await chooseRole(user, "Reader");
    expect(latest.draft.role).toEqual({ id: READER.name, roleName: "Reader" });
  });

  it("says so when Azure lists no role with the preselected id at this scope, and shows no name for it", async () => {
    renderRolePage(undefined, undefined, { id: "0b0b0b0b-0000-4000-8000-000000000000", roleName: "Reader" });
    expect(await screen.findByTestId("role-unknown")).toHaveTextContent(
      "Azure lists no role with the ID 0b0b0b0b-0000-4000-8000-000000000000 at this scope",
    );
    expect(roleField()).not.toHaveValue("Reader");
    expect(screen.queryByTestId("role-warning")).not.toBeInTheDocument();
  });

  it("shows the wizard's message under the role", async () => {
    const listRoleDefinitions = vi.fn<DirectoryArm["listRoleDefinitions"]>(async () => ROLES);
    renderRolePage(listRoleDefinitions, "Choose a role.");
    expect(roleField()).toHaveAccessibleDescription("Choose a role.");
    await act(async () => listRoleDefinitions.mock.results[0]?.value);
    // The error wins over the role's description once the list is there.
    expect(roleField()).toHaveAccessibleDescription("Choose a role.");
  });
});
