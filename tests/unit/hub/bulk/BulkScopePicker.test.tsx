import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import type { ArmSubscription } from "../../../../src/clients/arm/armTypes";
import { useBulk, type BulkState } from "../../../../src/hub/bulk/useBulk";
import { ScopePage } from "../../../../src/hub/wizard/pages/ScopePage";
import { AzureDirectory, type DirectoryArm } from "../../../../src/workflows/directory/azureDirectory";
import { newDraft, type ProvisioningDraft } from "../../../../src/workflows/provisioning/draft";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const sub = (i: number, name = `Team ${i}`): ArmSubscription => ({
  subscriptionId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  displayName: name,
  state: "Enabled",
  tenantId: TENANT,
});

function renderBulk(subscriptions: ArmSubscription[]) {
  const arm: DirectoryArm = {
    listTenants: async () => [],
    listSubscriptions: async () => subscriptions,
    listManagementGroups: async () => [],
    listResourceGroups: async () => [],
    listWorkspaces: async () => [],
    listRoleDefinitions: async () => [],
  };
  const directory = new AzureDirectory(TENANT, arm, { findUser: async () => undefined });
  const latest = { draft: newDraft("AzureCloud", TENANT), bulk: undefined as BulkState | undefined };
  function Host() {
    const [draft, setDraft] = useState<ProvisioningDraft>(latest.draft);
    const bulk = useBulk(draft, (change) => setDraft((d) => ({ ...d, ...change })));
    latest.draft = draft;
    latest.bulk = bulk;
    return <ScopePage directory={directory} draft={draft} update={(change) => setDraft((d) => ({ ...d, ...change }))} bulk={bulk} />;
  }
  render(<Host />);
  return { user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }), latest };
}

describe("choosing several scopes on the Scope step", () => {
  it("keeps the single picker until several scopes are asked for, and says the limit", async () => {
    const { user } = renderBulk([sub(1), sub(2)]);
    expect(await screen.findByRole("button", { name: /^Subscription/ })).toBeInTheDocument();
    const toggle = screen.getByRole("checkbox", { name: "Create connections for several scopes in one run (up to 50)" });
    await user.click(toggle);
    expect(await screen.findByRole("list", { name: "The subscriptions to create connections for" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Subscription/ })).not.toBeInTheDocument();
    expect(screen.getByText(/0 of at most 50 chosen/)).toBeInTheDocument();
  });

  it("selects all that match the filter, and the draft holds the first, so the pages after work as for one scope", async () => {
    const { user, latest } = renderBulk([sub(1, "Prod A"), sub(2, "Dev"), sub(3, "Prod B")]);
    await user.click(screen.getByRole("checkbox", { name: /several scopes/ }));
    await user.type(await screen.findByRole("textbox", { name: "Filter subscriptions" }), "prod");
    const list = screen.getByRole("list", { name: /subscriptions to create/ });
    expect(within(list).getAllByRole("checkbox")).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: "Select all 2 shown" }));
    expect(latest.bulk!.scopes.map((s) => (s.level === "Subscription" ? s.subscriptionName : ""))).toEqual(["Prod A", "Prod B"]);
    expect(latest.bulk!.active).toBe(true);
    expect(latest.draft.subscription).toEqual({ id: sub(1).subscriptionId, name: "Prod A" });
    expect(screen.getByText(/2 of at most 50 chosen/)).toBeInTheDocument();

    await user.click(screen.getByRole("checkbox", { name: `Prod A (${sub(1).subscriptionId})` }));
    expect(latest.bulk!.active).toBe(false);
    expect(latest.draft.subscription?.name).toBe("Prod B");
  });

  it("never takes more than 50: select-all stops there and the other boxes are disabled", async () => {
    const { user, latest } = renderBulk(Array.from({ length: 60 }, (_, i) => sub(i)));
    await user.click(screen.getByRole("checkbox", { name: /several scopes/ }));
    await user.click(await screen.findByRole("button", { name: "Select the first 50 shown" }));
    expect(latest.bulk!.scopes).toHaveLength(50);
    expect(screen.getByText("50 scopes is the most one run takes.")).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: new RegExp(`^Team 55 `) })).toHaveAttribute("aria-disabled", "true");
  });

  it("turning it off goes back to one scope, with none chosen", async () => {
    const { user, latest } = renderBulk([sub(1), sub(2)]);
    await user.click(screen.getByRole("checkbox", { name: /several scopes/ }));
    await user.click(await screen.findByRole("button", { name: "Select all 2 shown" }));
    await user.click(screen.getByRole("checkbox", { name: /several scopes/ }));
    expect(latest.bulk!.scopes).toEqual([]);
    expect(latest.draft.subscription).toBeUndefined();
    expect(await screen.findByRole("button", { name: /^Subscription/ })).toBeInTheDocument();
  });

  it("offers one app registration per scope (the default) or one shared by every scope, and says what each means", async () => {
    const { user, latest } = renderBulk([sub(1), sub(2)]);
    await user.click(screen.getByRole("checkbox", { name: /several scopes/ }));
    const perScope = await screen.findByRole("radio", { name: "One app registration per scope (default)" });
    const shared = screen.getByRole("radio", { name: "One app registration shared by every scope" });
    expect(screen.getByRole("radiogroup", { name: "App registrations" })).toBeInTheDocument();
    expect(perScope).toBeChecked();
    expect(latest.bulk!.mode).toBe("appPerScope");
    expect(screen.getByText(/Each scope gets its own app registration/)).toBeInTheDocument();

    await user.click(shared);

    expect(latest.bulk!.mode).toBe("sharedApp");
    expect(shared).toBeChecked();
    expect(screen.getByText(/a role assignment for the one app registration/)).toBeInTheDocument();
    expect(screen.getByText(/a shared app then serves at most 20 scopes/)).toBeInTheDocument();
  });

  it("refuses a shared app for more than 20 scopes when pipelines authenticate with federation, and says why", async () => {
    const { user, latest } = renderBulk(Array.from({ length: 21 }, (_, i) => sub(i)));
    expect(latest.draft.credential).toBe("federation");
    await user.click(screen.getByRole("checkbox", { name: /several scopes/ }));
    await user.click(await screen.findByRole("button", { name: "Select all 21 shown" }));
    expect(latest.bulk!.limitProblem).toBeUndefined();

    await user.click(screen.getByRole("radio", { name: "One app registration shared by every scope" }));

    expect(latest.bulk!.limitProblem).toMatch(/at most 20 federated credentials/);
    expect(screen.getByText(/choose at most 20 scopes \(21 chosen\), or one app registration per scope/)).toBeInTheDocument();
    await user.click(screen.getByRole("radio", { name: "One app registration per scope (default)" }));
    expect(latest.bulk!.limitProblem).toBeUndefined();
  });
});
