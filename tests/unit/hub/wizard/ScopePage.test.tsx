import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import type { ArmManagementGroup, ArmResourceGroup, ArmSubscription, ArmWorkspace } from "../../../../src/clients/arm/armTypes";
import { ScopePage } from "../../../../src/hub/wizard/pages/ScopePage";
import { ServiceError } from "../../../../src/platform/http/serviceError";
import { AzureDirectory, type DirectoryArm } from "../../../../src/workflows/directory/azureDirectory";
import { newDraft, type ProvisioningDraft } from "../../../../src/workflows/provisioning/draft";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const PRODUCTION: ArmSubscription = {
  subscriptionId: "8f3a1c2e-5b6d-4e7f-9a0b-1c2d3e4f5a6b",
  displayName: "Contoso Production",
  state: "Enabled",
  tenantId: TENANT,
};
const DEVELOPMENT: ArmSubscription = {
  subscriptionId: "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
  displayName: "Contoso Development",
  state: "Enabled",
  tenantId: TENANT,
};
const DISABLED: ArmSubscription = {
  subscriptionId: "9e9e9e9e-0000-4000-8000-000000000009",
  displayName: "Contoso Old",
  state: "Disabled",
  tenantId: TENANT,
};
const GROUPS: ArmManagementGroup[] = [
  { name: "contoso-platform", displayName: "Contoso Platform" },
  { name: "contoso-landing-zones", displayName: "Landing zones" },
];
const RESOURCE_GROUPS: ArmResourceGroup[] = [
  { name: "ml-rg", location: "westeurope" },
  { name: "web-rg", location: "eastus" },
];
const WORKSPACES: ArmWorkspace[] = [
  {
    id: `/subscriptions/${PRODUCTION.subscriptionId}/resourceGroups/ml-rg/providers/Microsoft.MachineLearningServices/workspaces/churn-ws`,
    name: "churn-ws",
    location: "westeurope",
    resourceGroup: "ml-rg",
  },
  {
    id: `/subscriptions/${PRODUCTION.subscriptionId}/resourceGroups/ml-rg/providers/Microsoft.MachineLearningServices/workspaces/vision-ws`,
    name: "vision-ws",
    location: "northeurope",
    resourceGroup: "ml-rg",
  },
];

function fakeArm(overrides: Partial<DirectoryArm> = {}): DirectoryArm {
  return {
    listTenants: async () => [],
    listSubscriptions: async () => [PRODUCTION, DEVELOPMENT, DISABLED],
    listManagementGroups: async () => GROUPS,
    listResourceGroups: async () => RESOURCE_GROUPS,
    listWorkspaces: async (_subscriptionId, resourceGroup) => WORKSPACES.filter((w) => w.resourceGroup === resourceGroup),
    listRoleDefinitions: async () => [],
    ...overrides,
  };
}

function renderScope(options: { arm?: Partial<DirectoryArm>; draft?: Partial<ProvisioningDraft>; error?: string } = {}) {
  const latest = { draft: { ...newDraft("AzureCloud", TENANT), ...options.draft } };
  const directory = new AzureDirectory(TENANT, fakeArm(options.arm), { findUser: async () => undefined });
  function Host() {
    const [draft, setDraft] = useState(latest.draft);
    latest.draft = draft;
    return (
      <ScopePage
        directory={directory}
        draft={draft}
        update={(change) => setDraft((d) => ({ ...d, ...change }))}
        {...(options.error ? { error: options.error } : {})}
      />
    );
  }
  render(<Host />);
  return { user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }), latest };
}

/** The labels of the pickers the page shows, in order: what a person is asked to fill. */
function pickerLabels(): string[] {
  return screen
    .queryAllByRole("button")
    .filter((b) => b.getAttribute("aria-roledescription") === "Dropdown")
    .map((b) => b.getAttribute("aria-label") ?? "");
}

async function pick(user: ReturnType<typeof userEvent.setup>, field: RegExp, option: string) {
  await user.click(screen.getByRole("button", { name: field }));
  // Subscriptions show their id after the name ("Contoso Production (8f3a…)"); other lists show what they show.
  await user.click(await screen.findByRole("option", { name: new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\(|$)`) }));
}

describe("the Scope page", () => {
  it("offers the seed's three scope levels, Subscription first", async () => {
    renderScope();
    const levels = screen.getByRole("radiogroup", { name: "Scope level" });
    expect(
      within(levels)
        .getAllByRole("radio")
        .map((r) => r.textContent),
    ).toEqual(["Subscription", "Management Group", "Machine Learning Workspace"]);
    expect(within(levels).getByRole("radio", { name: "Subscription" })).toHaveAttribute("aria-checked", "true");
    await screen.findByText("2 enabled subscription(s) of this directory.");
  });

  it("Subscription: asks only for the subscription, and records its id and name", async () => {
    const { user, latest } = renderScope();
    await screen.findByText("2 enabled subscription(s) of this directory.");
    expect(pickerLabels()).toEqual(["Subscription"]);

    await user.click(screen.getByRole("button", { name: /^Subscription/ }));
    // Enabled subscriptions of this directory only, by name and id (two may share a name); the disabled one is not offered.
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([
      `Contoso Development (${DEVELOPMENT.subscriptionId})`,
      `Contoso Production (${PRODUCTION.subscriptionId})`,
    ]);
    await user.click(screen.getByRole("option", { name: `Contoso Production (${PRODUCTION.subscriptionId})` }));

    expect(latest.draft.subscription).toEqual({ id: PRODUCTION.subscriptionId, name: "Contoso Production" });
    expect(screen.getByRole("button", { name: /^Subscription/ })).toHaveValue(`Contoso Production (${PRODUCTION.subscriptionId})`);
  });

  it("Management Group: asks only for the management group, and records its id and display name", async () => {
    const { user, latest } = renderScope({ draft: { subscription: { id: PRODUCTION.subscriptionId, name: "Contoso Production" } } });
    await user.click(screen.getByRole("radio", { name: "Management Group" }));
    expect(latest.draft.scopeLevel).toBe("ManagementGroup");
    // Switching the level forgets the subscription chosen for the other level.
    expect(latest.draft.subscription).toBeUndefined();
    await waitFor(() =>
      expect(screen.getByRole("button", { name: /^Management group/ })).toHaveAttribute("placeholder", "Choose a management group"),
    );
    expect(pickerLabels()).toEqual(["Management group"]);

    await pick(user, /^Management group/, "Contoso Platform (contoso-platform)");
    expect(latest.draft.managementGroup).toEqual({ id: "contoso-platform", name: "Contoso Platform" });
  });

  it("Machine Learning Workspace: subscription, then resource group, then workspace, with its location filled in", async () => {
    const { user, latest } = renderScope();
    await user.click(screen.getByRole("radio", { name: "Machine Learning Workspace" }));
    await screen.findByText("2 enabled subscription(s) of this directory.");
    expect(pickerLabels()).toEqual(["Subscription of the workspace"]);

    await pick(user, /^Subscription of the workspace/, "Contoso Production");
    await waitFor(() =>
      expect(screen.getByRole("button", { name: /^Resource group/ })).toHaveAttribute(
        "placeholder",
        "Choose the resource group containing the workspace",
      ),
    );
    expect(pickerLabels()).toEqual(["Subscription of the workspace", "Resource group"]);

    await pick(user, /^Resource group/, "ml-rg");
    await waitFor(() =>
      expect(screen.getByRole("button", { name: /^ML workspace name/ })).toHaveAttribute("placeholder", "Choose the workspace"),
    );
    expect(pickerLabels()).toEqual(["Subscription of the workspace", "Resource group", "ML workspace name"]);

    await pick(user, /^ML workspace name/, "vision-ws");
    expect(latest.draft).toMatchObject({
      scopeLevel: "AzureMLWorkspace",
      subscription: { id: PRODUCTION.subscriptionId, name: "Contoso Production" },
      resourceGroup: "ml-rg",
      workspace: { name: "vision-ws", location: "northeurope" },
    });
    // The location is read from ARM and shown; there is nothing to type.
    expect(screen.getByRole("button", { name: /^ML workspace name/ })).toHaveAccessibleDescription("ML workspace location: northeurope");
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
  });

  it("choosing another resource group forgets the workspace chosen in the previous one", async () => {
    const { user, latest } = renderScope({
      draft: {
        scopeLevel: "AzureMLWorkspace",
        subscription: { id: PRODUCTION.subscriptionId, name: "Contoso Production" },
        resourceGroup: "ml-rg",
        workspace: { name: "churn-ws", location: "westeurope" },
      },
    });
    await waitFor(() => expect(screen.getByRole("button", { name: /^Resource group/ })).toHaveValue("ml-rg"));
    await pick(user, /^Resource group/, "web-rg");
    expect(latest.draft.resourceGroup).toBe("web-rg");
    expect(latest.draft.workspace).toBeUndefined();
    await user.click(screen.getByRole("button", { name: /^ML workspace name/ }));
    expect(await screen.findByText("This resource group has no Machine Learning workspace.")).toBeInTheDocument();
  });

  it("filters a long list by name or by id", async () => {
    const many: ArmSubscription[] = Array.from({ length: 12 }, (_, i) => ({
      subscriptionId: `${String(i).padStart(8, "0")}-aaaa-4aaa-8aaa-${String(i).padStart(12, "0")}`,
      displayName: `Team ${String.fromCharCode(65 + i)} subscription`,
      state: "Enabled",
      tenantId: TENANT,
    }));
    const { user } = renderScope({ arm: { listSubscriptions: async () => many } });
    await screen.findByText("12 enabled subscription(s) of this directory.");
    await user.click(screen.getByRole("button", { name: /^Subscription/ }));
    const filter = screen.getByPlaceholderText("Filter by name or ID");

    await user.click(filter);
    await user.paste("team c");
    await waitFor(() =>
      expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([`Team C subscription (${many[2]!.subscriptionId})`]),
    );

    await user.clear(filter);
    await user.paste("000000000007");
    await waitFor(() =>
      expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([`Team H subscription (${many[7]!.subscriptionId})`]),
    );

    await user.clear(filter);
    await user.paste("no such thing");
    expect(await screen.findByText("Nothing matches")).toBeInTheDocument();
  });

  it("when the subscriptions cannot be listed, says why with Retry", async () => {
    const listSubscriptions = vi
      .fn<DirectoryArm["listSubscriptions"]>()
      .mockRejectedValueOnce(new ServiceError("arm", 429, "TooManyRequests", "Too many requests."))
      .mockResolvedValue([PRODUCTION]);
    const { user } = renderScope({ arm: { listSubscriptions } });

    const problem = (await screen.findByText("Listing subscriptions failed.")).closest(".inline-problem") as HTMLElement;
    expect(problem).toHaveTextContent("Azure Resource Manager is throttling requests");
    expect(problem).toHaveTextContent("What to do: Wait a minute, then choose Retry.");
    await user.click(within(problem).getByRole("button", { name: "Retry" }));

    expect(await screen.findByText("1 enabled subscription(s) of this directory.")).toBeInTheDocument();
    expect(screen.queryByText("Listing subscriptions failed.")).not.toBeInTheDocument();
  });

  it("when the management groups cannot be listed, says why with Retry", async () => {
    const denied = () => new ServiceError("arm", 403, "AuthorizationFailed", "The client does not have authorization to perform action.");
    const listManagementGroups = vi.fn<DirectoryArm["listManagementGroups"]>().mockRejectedValueOnce(denied()).mockResolvedValue(GROUPS);
    const { user } = renderScope({ arm: { listManagementGroups }, draft: { scopeLevel: "ManagementGroup" } });
    const problem = (await screen.findByText("Listing management groups failed.")).closest(".inline-problem") as HTMLElement;
    expect(problem).toHaveTextContent("Your account is not allowed to do this");
    await user.click(within(problem).getByRole("button", { name: "Retry" }));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: /^Management group/ })).toHaveAttribute("placeholder", "Choose a management group"),
    );
  });

  it("when the workspaces cannot be listed, says so with Retry", async () => {
    const listWorkspaces = vi
      .fn<DirectoryArm["listWorkspaces"]>()
      .mockRejectedValueOnce(new ServiceError("arm", 500, "InternalServerError", "Oops"))
      .mockResolvedValue(WORKSPACES);
    const { user } = renderScope({
      arm: { listWorkspaces },
      draft: {
        scopeLevel: "AzureMLWorkspace",
        subscription: { id: PRODUCTION.subscriptionId, name: "Contoso Production" },
        resourceGroup: "ml-rg",
      },
    });
    const problem = (await screen.findByText("Listing Machine Learning workspaces failed.")).closest(".inline-problem") as HTMLElement;
    expect(problem).toHaveTextContent("Azure Resource Manager had a temporary failure (500)");
    await user.click(within(problem).getByRole("button", { name: "Retry" }));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: /^ML workspace name/ })).toHaveAttribute("placeholder", "Choose the workspace"),
    );
    expect(listWorkspaces).toHaveBeenCalledTimes(2);
  });

  it("shows the wizard's message under the field still missing", async () => {
    renderScope({
      draft: { scopeLevel: "AzureMLWorkspace", subscription: { id: PRODUCTION.subscriptionId, name: "Contoso Production" } },
      error: "Choose the resource group containing the workspace.",
    });
    const resourceGroup = await screen.findByRole("button", { name: /^Resource group/ });
    expect(resourceGroup).toHaveAccessibleDescription("Choose the resource group containing the workspace.");
    // The subscription is chosen, so its field is not blamed.
    expect(screen.getByRole("button", { name: /^Subscription of the workspace/ })).not.toHaveAccessibleDescription(
      "Choose the resource group containing the workspace.",
    );
    await waitFor(() => expect(resourceGroup).toHaveAttribute("placeholder", "Choose the resource group containing the workspace"));
  });
});
