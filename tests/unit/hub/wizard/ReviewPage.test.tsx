import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { AsyncState } from "../../../../src/hub/common/useAsync";
import { ReviewPage, type MlVerificationChoice } from "../../../../src/hub/wizard/pages/ReviewPage";
import { planWithMlVerification } from "../../../../src/hub/wizard/mlVerification";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import type { ProvisioningForm } from "../../../../src/workflows/provisioning/form";
import { planProvisioning } from "../../../../src/workflows/provisioning/plan";
import { confirmRole, type RoleRisk } from "../../../../src/workflows/provisioning/roleRisk";
import type { ReviewHint } from "../../../../src/workflows/provisioning/reviewChecks";
import { formFor } from "../../../support/provisioningForms";

const CONTEXT = {
  organization: "contoso",
  project: { id: "p-1", name: "Fabrikam Web" },
  userObjectId: "a0a0a0a0-0000-4000-8000-000000000001",
};
const RUN_ID = "11111111-2222-4333-8444-555555555555";
const HINTS: ReviewHint[] = [
  { id: "connectionName", status: "ok", text: 'No service connection named "contoso-subscription-reader" exists yet.' },
  { id: "registerApps", status: "warning", text: "Your account may not be allowed to register applications." },
  { id: "assignRoles", status: "unknown", text: "Could not check whether you may assign roles at this scope." },
];

function renderReview(
  options: { form?: ProvisioningForm; roleRisk?: RoleRisk; hints?: AsyncState<ReviewHint[]>; mlChoice?: MlVerificationChoice } = {},
) {
  const form = options.form ?? formFor("Subscription");
  const plan = planWithMlVerification(
    planProvisioning(form, CONTEXT, AZURE_CLOUD, RUN_ID, {
      pipelineNames: ["web-ci", "web-deploy"],
      // ARM's definition for the form's role id, named as the form names it (the tests choose both).
      role: confirmRole(form.role, [{ id: form.role.id, roleName: form.role.roleName, risk: options.roleRisk ?? "read" }]),
    }),
    form,
  );
  const onCreate = vi.fn();
  render(
    <ReviewPage
      plan={plan}
      hints={options.hints ?? { status: "ready", value: HINTS }}
      {...(options.mlChoice ? { mlChoice: options.mlChoice } : {})}
      onCreate={onCreate}
    />,
  );
  return { user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }), onCreate, form };
}

const planItems = () =>
  within(screen.getByRole("list", { name: "What will be created" }))
    .getAllByRole("listitem")
    .filter((li) => li.classList.contains("plan-item"));

describe("the Review page", () => {
  it("lists every object that will be created, where, and with which permissions", () => {
    const { form } = renderReview();
    expect(planItems().map((li) => li.querySelector("strong")?.textContent)).toEqual([
      'App registration "contoso-fabrikam-web-subscription"',
      "Its service principal (enterprise application)",
      'Client secret "Azure Pipelines"',
      "Reader role at the subscription Contoso Production",
      'Service connection "contoso-subscription-reader"',
      "Access for 2 pipeline(s)",
    ]);
    const [app, , secret, role, connection, pipelines] = planItems();
    expect(app).toHaveTextContent("Who can use it: accounts in this directory only");
    expect(app).toHaveTextContent(`Directory (tenant) ID: ${form.tenantId}`);
    expect(secret).toHaveTextContent(`Expires on ${form.secret.endDateTime.slice(0, 10)}`);
    expect(secret).toHaveTextContent("never shown unless you ask");
    expect(role).toHaveTextContent(`Scope: /subscriptions/${form.scope.level === "Subscription" ? form.scope.subscriptionId : ""}`);
    expect(connection).toHaveTextContent("Verified before it is saved, as Verify and save does");
    expect(
      within(pipelines!)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["web-ci", "web-deploy"]);
  });

  it("says nothing is created until Create is chosen, and Create starts the run", async () => {
    const { user, onCreate } = renderReview();
    expect(screen.getByText(/Nothing is created until you choose Create\./)).toBeInTheDocument();
    expect(onCreate).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(onCreate).toHaveBeenCalledTimes(1);
  });

  it("shows no warning for Reader on a subscription with chosen pipelines", () => {
    renderReview({ roleRisk: "read" });
    expect(screen.queryByText(/lets every pipeline/)).not.toBeInTheDocument();
    expect(screen.queryByText(/not recommended/)).not.toBeInTheDocument();
  });

  it("warns about a role that can write, and about all pipelines", () => {
    renderReview({
      form: formFor("Subscription", {
        role: { id: "b24988ac-6180-42a0-ab88-20f7382dd24c", roleName: "Contributor" },
        connection: { allPipelines: true, pipelineIds: [] },
      }),
      roleRisk: "write",
    });
    expect(
      screen.getByText(/Contributor lets every pipeline that uses this connection change or delete Azure resources/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Granting access to all pipelines is not recommended/)).toBeInTheDocument();
    expect(planItems().at(-1)).toHaveTextContent("Access for all pipelinesEvery pipeline of the project may use the connection");
  });

  it("names the role as Azure does for its id, not as the organization settings call it, with that role's warnings", () => {
    const OWNER_ID = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    const form = formFor("Subscription", { role: { id: OWNER_ID, roleName: "Reader" } });
    const plan = planProvisioning(form, CONTEXT, AZURE_CLOUD, RUN_ID, {
      role: confirmRole(form.role, [{ id: OWNER_ID, roleName: "Owner", risk: "grantAccess" }]),
    });
    const { container } = render(<ReviewPage plan={plan} hints={{ status: "ready", value: [] }} onCreate={() => undefined} />);
    expect(planItems()[3]).toHaveTextContent("Owner role at the subscription Contoso Production");
    expect(screen.getByText(/^Owner lets every pipeline that uses this connection give other identities access/)).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "The steps the run takes" })).toHaveTextContent("Assign Owner at the scope");
    expect(container).not.toHaveTextContent(/Reader/);
  });

  it("shows the role's id and says its name could not be confirmed when Azure's definitions could not be read", () => {
    const OWNER_ID = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    const form = formFor("Subscription", { role: { id: OWNER_ID, roleName: "Reader" } });
    const plan = planProvisioning(form, CONTEXT, AZURE_CLOUD, RUN_ID, { role: confirmRole(form.role, undefined) });
    const { container } = render(<ReviewPage plan={plan} hints={{ status: "ready", value: [] }} onCreate={() => undefined} />);
    expect(planItems()[3]).toHaveTextContent(`Role ${OWNER_ID} (name not confirmed by Azure) at the subscription Contoso Production`);
    expect(screen.getByText(/^Azure could not confirm which role/)).toBeInTheDocument();
    expect(container).not.toHaveTextContent(/Reader/);
  });

  it("shows each check with a status a screen reader can name: passed, warning, not known", () => {
    renderReview();
    const checks = screen.getByRole("region", { name: "Checks before creating" });
    const items = within(checks).getAllByRole("listitem");
    expect(items).toHaveLength(3);
    const statuses = ["Passed", "Warning", "Not known"];
    items.forEach((item, i) => {
      expect(item).toHaveTextContent(HINTS[i]!.text);
      expect(within(item).getByRole("img", { name: statuses[i] })).toBeInTheDocument();
    });
  });

  it("keeps Create disabled while the checks run, saying each gives up after 10 seconds", () => {
    renderReview({ hints: { status: "loading" } });
    expect(
      within(screen.getByRole("region", { name: "Checks before creating" })).getByText(
        /Checking… \(each check gives up after 10 seconds\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create" })).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByText("Create is available once the checks have finished.")).toBeInTheDocument();
  });

  it("when the checks could not run, says so, and Create stays available", () => {
    renderReview({ hints: { status: "failed", problem: { title: "Checking failed.", detail: "Network down.", action: "Choose Retry." } } });
    expect(screen.getByText("The checks could not run: Checking failed. They are hints only; you can still create.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create" })).not.toHaveAttribute("aria-disabled");
  });

  it("disables Create while a check says the run would fail: a taken connection name", async () => {
    const { user, onCreate } = renderReview({
      hints: {
        status: "ready",
        value: [
          {
            id: "connectionName",
            status: "warning",
            blocks: true,
            text: 'A service connection named "contoso-prod" already exists in this project. Choose another name.',
          },
          ...HINTS.slice(1),
        ],
      },
    });
    const create = screen.getByRole("button", { name: "Create" });
    expect(create).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByText(/Create is not available while a check says the run would fail/)).toBeInTheDocument();
    await user.click(create);
    expect(onCreate).not.toHaveBeenCalled();
  });

  it("a name no visible connection has is a note, not a blocker", () => {
    renderReview({
      hints: {
        status: "ready",
        value: [
          {
            id: "connectionName",
            status: "ok",
            text: "No service connection you can see has this name (one you cannot see may still have it).",
          },
        ],
      },
    });
    expect(screen.getByRole("button", { name: "Create" })).not.toHaveAttribute("aria-disabled");
  });

  it("for a Machine Learning workspace, offers a real choice, and Create waits for it", async () => {
    const onChange = vi.fn();
    const { user } = renderReview({
      form: formFor("AzureMLWorkspace"),
      mlChoice: { subscriptionName: "Contoso Production", value: undefined, onChange },
    });
    expect(planItems()[3]).toHaveTextContent(
      "Reader role at the Machine Learning workspace mlw-forecasting (resource group rg-ml, subscription Contoso Production)",
    );
    expect(screen.getByRole("button", { name: "Create" })).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByText(/The connection still works for tasks that use the workspace/)).toBeInTheDocument();
    expect(screen.getByText(/One more role assignment/)).toBeInTheDocument();
    await user.click(screen.getByRole("radio", { name: /Also grant Reader at the subscription Contoso Production/ }));
    expect(onChange).toHaveBeenCalledWith("subscriptionReader");
    await user.click(screen.getByRole("radio", { name: "Save without verification" }));
    expect(onChange).toHaveBeenCalledWith("saveWithout");
  });

  it("with Reader at the subscription chosen, lists the extra role assignment Roll back removes", () => {
    renderReview({
      form: { ...formFor("AzureMLWorkspace"), verifyReaderAtSubscription: true },
      mlChoice: { subscriptionName: "Contoso Production", value: "subscriptionReader", onChange: vi.fn() },
    });
    const extra = planItems()[4]!;
    expect(extra).toHaveTextContent("Reader role at the subscription Contoso Production (for Verify)");
    expect(extra).toHaveTextContent("Removed by Roll back");
    expect(screen.queryByText(/so a role at the workspace alone makes verification fail/)).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create" })).not.toHaveAttribute("aria-disabled");
  });

  it("offers no verification choice for other scopes", () => {
    renderReview();
    expect(screen.queryByRole("radio", { name: "Save without verification" })).not.toBeInTheDocument();
  });
});
