import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { onTestFinished } from "vitest";
import type { ArmRoleDefinition, ArmSubscription } from "../../../../src/clients/arm/armTypes";
import type { SignedInAccount } from "../../../../src/clients/auth/signInTypes";
import type { Pipeline } from "../../../../src/clients/devops/devopsTypes";
import { ProvisioningWizard, type WizardDefaults } from "../../../../src/hub/wizard/ProvisioningWizard";
import type { Problem } from "../../../../src/platform/problem";
import { AzureDirectory, type DirectoryArm } from "../../../../src/workflows/directory/azureDirectory";
import type { RunSnapshot } from "../../../../src/workflows/engine/workflowTypes";
import type { HubServices } from "../../../../src/workflows/hub/hubServices";
import type { ProvisioningForm } from "../../../../src/workflows/provisioning/form";
import type { CreatedObjects, ProvisioningJournal } from "../../../../src/workflows/provisioning/journal";
import type { ProvisioningRun } from "../../../../src/workflows/provisioning/provisioningRun";
import type { ReviewHint } from "../../../../src/workflows/provisioning/reviewChecks";
import { fakeHubServices } from "../../fakes/fakeHubServices";

// ---------------------------------------------------------------- a small Azure the pages can list from

const SESSION = {
  organization: "contoso",
  userDisplayName: "Ada Lovelace",
  extensionId: "arm-secret-connection-hub",
  project: { id: "p-1", name: "Fabrikam Web" },
};
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const ADA: SignedInAccount = {
  username: "ada@contoso.com",
  name: "Ada Lovelace",
  tenantId: TENANT,
  objectId: "a0a0a0a0-0000-4000-8000-000000000001",
};
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
const role = (name: string, roleName: string, actions: string[]): ArmRoleDefinition => ({
  id: `/providers/Microsoft.Authorization/roleDefinitions/${name}`,
  name,
  roleName,
  type: "BuiltInRole",
  description: `${roleName}.`,
  actions,
  notActions: [],
});
const ROLES = [
  role("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader", ["*/read"]),
  role("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor", ["Microsoft.Web/*"]),
];
const PIPELINES: Pipeline[] = [
  { id: 11, name: "web-ci", path: "\\" },
  { id: 12, name: "web-deploy", path: "\\Deploy" },
];
const HINTS: ReviewHint[] = [{ id: "connectionName", status: "ok", text: "The name is free." }];
const SECRET = "Qx8~abcDEF.ghiJKL_mnoPQR-stuVWX0123456";

const ARM: DirectoryArm = {
  listTenants: async () => [{ tenantId: TENANT, displayName: "Contoso", defaultDomain: "contoso.com" }],
  listSubscriptions: async () => [PRODUCTION, DEVELOPMENT],
  listManagementGroups: async () => [{ name: "contoso-platform", displayName: "Contoso Platform" }],
  listResourceGroups: async () => [{ name: "ml-rg", location: "westeurope" }],
  listWorkspaces: async () => [{ id: "/ws/churn-ws", name: "churn-ws", location: "westeurope", resourceGroup: "ml-rg" }],
  listRoleDefinitions: async () => ROLES,
};

/** A valid form, as the wizard would have built it, for a journal left behind by a closed tab. */
function formForResume(): ProvisioningForm {
  return {
    cloudId: "AzureCloud",
    credential: "secret",
    tenantId: TENANT,
    scope: { level: "Subscription", subscriptionId: PRODUCTION.subscriptionId, subscriptionName: "Contoso Production" },
    app: { displayName: "contoso-prod", signInAudience: "AzureADMyOrg", coOwnerIds: [] },
    secret: { description: "Azure DevOps service connection", endDateTime: "2027-05-25T12:00:00.000Z" },
    role: { id: ROLES[0]!.name, roleName: "Reader" },
    connection: { name: "contoso-prod", description: "", pipelineIds: [], allPipelines: false, verify: true },
  };
}

// ---------------------------------------------------------------- a run the test scripts

const STEPS = [
  "Create the app registration",
  "Create its service principal",
  "Add the client secret",
  "Assign the role",
  "Create the service connection",
];
const succeeded = (): RunSnapshot => ({ status: "succeeded", steps: STEPS.map((title, i) => ({ id: `s${i}`, title, status: "done" })) });
const failed = (problem: Problem): RunSnapshot => ({
  status: "failed",
  problem,
  steps: STEPS.map((title, i) => ({ id: `s${i}`, title, status: i < 4 ? "done" : "failed" })),
});

interface ScriptedRun {
  run: ProvisioningRun;
  form: () => ProvisioningForm;
  calls: string[];
}

/** A run whose start and retries answer in the order scripted; it records what the wizard asked of it. */
function scriptedRun(
  initial: ProvisioningForm,
  onChange: (s: RunSnapshot, c: Readonly<CreatedObjects>) => void,
  answers: RunSnapshot[],
): ScriptedRun {
  let form = initial;
  let current: RunSnapshot = { status: "running", steps: STEPS.map((title, i) => ({ id: `s${i}`, title, status: "waiting" })) };
  let secret: string | undefined = SECRET;
  const calls: string[] = [];
  const created: CreatedObjects = {};
  const answer = async (call: string) => {
    calls.push(call);
    current = answers.shift() ?? succeeded();
    if (current.status === "succeeded")
      Object.assign(created, {
        appId: "3c9d8e7f-6a5b-4c4d-8e3f-2a1b0c9d8e7f",
        endpointId: "e1e1e1e1-0000-4000-8000-000000000001",
        verified: form.connection.verify ? true : undefined,
        secretEndDateTime: form.secret.endDateTime,
      });
    onChange(current, created);
    return current;
  };
  const run = {
    created,
    snapshot: () => current,
    start: () => answer("start"),
    retry: () => answer("retry"),
    rollback: () => answer("rollback"),
    cancel: () => calls.push("cancel"),
    amend: (change: (f: ProvisioningForm) => ProvisioningForm) => {
      calls.push("amend");
      form = change(form);
    },
    currentForm: () => form,
    revealSecret: () => secret,
    dropSecret: () => {
      calls.push("dropSecret");
      secret = undefined;
    },
    verifyAgain: async () => true,
  };
  return { run: run as unknown as ProvisioningRun, form: () => form, calls };
}

// ---------------------------------------------------------------- the wizard

function renderWizard(options: { defaults?: Partial<WizardDefaults>; answers?: RunSnapshot[]; services?: Partial<HubServices> } = {}) {
  const runs: ScriptedRun[] = [];
  const signIn = vi.fn(async () => ADA);
  const reviewChecks = vi.fn(async () => HINTS);
  const services = fakeHubServices(SESSION, {
    signIn,
    directory: (_cloud, tenantId) => new AzureDirectory(tenantId, ARM, { findUser: async () => undefined }),
    listPipelines: async () => PIPELINES,
    reviewChecks,
    startRun: (plan, onChange) => {
      const scripted = scriptedRun(plan.form, onChange, [...(options.answers ?? [])]);
      runs.push(scripted);
      return scripted.run;
    },
    ...options.services,
  });
  const onClose = vi.fn();
  render(<ProvisioningWizard services={services} defaults={{ allowAllPipelines: false, ...options.defaults }} onClose={onClose} />);
  return { user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }), onClose, runs, signIn, reviewChecks };
}

type User = ReturnType<typeof userEvent.setup>;

// `hidden: true` skips the costly visibility walk for these two, asked after every step; everything else is queried as a person sees it.
const pageTitle = () => screen.getByRole("heading", { level: 2, hidden: true }).textContent;
const next = () => screen.getByRole("button", { name: "Next", hidden: true });
const startsWith = (label: string) => new RegExp(`^${label.replace(/[()]/g, "\\$&")}`);
/** A text field by the start of its label (required fields' names end with "(required field)"). */
const textbox = (label: string) => screen.getByRole("textbox", { name: startsWith(label) });
/** A Dropdown by the start of its label: azure-devops-ui renders it as a button that opens a list of options. */
const picker = (label: string) => screen.getByRole("button", { name: startsWith(label) });

async function choose(user: User, label: RegExp, option: string) {
  await user.click(screen.getByRole("button", { name: label }));
  // Options may add an id after the name ("Contoso Production (8f3a…)").
  await user.click(await screen.findByRole("option", { name: new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\(|$)`) }));
}

/** Signs in and waits for the directory to show. */
async function signIn(user: User) {
  await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
  await waitFor(() => expect(screen.getByRole("button", { name: /^Directory \(tenant\)/ })).toHaveValue("Contoso (contoso.com)"));
}

/** From the Sign in page to the Scope page with Contoso Production chosen. */
async function toScopeChosen(user: User) {
  await signIn(user);
  await user.click(next());
  await screen.findByText("2 enabled subscription(s) of this directory.");
  await choose(user, /^Subscription/, "Contoso Production");
}

async function toPage(user: User, title: string) {
  while (pageTitle() !== title) {
    const before = pageTitle();
    await user.click(next());
    await waitFor(() => expect(pageTitle()).not.toBe(before));
  }
}

/** The visible text an element's aria-labelledby points at; a FormItem label ends with its "(required field)" marker. */
function labelledByText(el: HTMLElement): string | undefined {
  const ids = el.getAttribute("aria-labelledby");
  if (!ids) return undefined;
  return ids
    .split(/\s+/)
    .map((id) => document.getElementById(id))
    .filter((label): label is HTMLElement => !!label && !label.closest('[aria-hidden="true"]'))
    .map((label) => (label.textContent ?? "").replace(/\(required field\)\*?$/, ""))
    .join(" ")
    .trim();
}

/** Every form control in the card and the visible text that labels it (empty when it has none). */
function controlLabels(): Array<{ control: HTMLElement; label: string }> {
  const card = document.querySelector(".wizard-card") as HTMLElement;
  const controls = [...card.querySelectorAll<HTMLElement>('input, textarea, select, [role="radio"], [role="checkbox"]')];
  return controls.map((control) => {
    let label = labelledByText(control) ?? "";
    if (!label && (control as HTMLInputElement).labels?.length)
      label = [...(control as HTMLInputElement).labels!].map((l) => l.textContent ?? "").join(" ");
    // A checkbox's label is its own visible text.
    if (!label && control.getAttribute("role") === "checkbox") label = control.textContent ?? "";
    return { control, label: label.trim() };
  });
}

function expectEveryControlVisiblyLabelled() {
  const controls = controlLabels();
  expect(controls.length).toBeGreaterThan(0);
  for (const { control, label } of controls) expect(label, `${control.outerHTML.slice(0, 120)} has no visible label`).not.toBe("");
}

/** What has focus, as a screen reader names it: role and name. */
function focused(): string {
  const el = document.activeElement as HTMLElement;
  const type = el.getAttribute("type");
  const role =
    el.getAttribute("role") ??
    (el.tagName === "BUTTON" || (el.tagName === "INPUT" && type === "button")
      ? "button"
      : el.tagName === "INPUT" || el.tagName === "TEXTAREA"
        ? "textbox"
        : el.tagName.toLowerCase());
  const name = labelledByText(el) || el.getAttribute("aria-label") || el.textContent || "";
  return `${role} ${name.trim()}`;
}

const KEY_CODES = { ArrowDown: 40, ArrowUp: 38, " ": 32, Enter: 13 } as const;

/**
 * Presses a key on what has focus. user-event 14 in jsdom leaves KeyboardEvent.which at 0, and azure-devops-ui's
 * radio groups and checkboxes read `which` (as every browser sets it), so those keys are sent with it here.
 */
function press(key: keyof typeof KEY_CODES) {
  const target = document.activeElement as HTMLElement;
  fireEvent.keyDown(target, { key, keyCode: KEY_CODES[key], which: KEY_CODES[key] });
  fireEvent.keyUp(target, { key, keyCode: KEY_CODES[key], which: KEY_CODES[key] });
}

/** Moves focus as a click or a screen reader's cursor would; focus handlers update state, so inside act. */
function focusOn(element: HTMLElement) {
  act(() => element.focus());
}

/** azure-devops-ui's focus tracking (FocusWithin) settles on a zero-delay timer after focus moves out of a callout. */
async function settleFocus() {
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

async function tabOrder(user: User, count: number): Promise<string[]> {
  act(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    await user.tab();
    await settleFocus();
    seen.push(focused());
  }
  return seen;
}

describe("the guided form", () => {
  it("walks from sign-in to the result, and creates exactly what the review listed", async () => {
    const { user, runs, onClose } = renderWizard();
    expect(pageTitle()).toBe("Sign in");
    // Nothing can be chosen before signing in.
    expect(next()).toHaveAttribute("aria-disabled", "true");
    await user.click(next());
    expect(pageTitle()).toBe("Sign in");

    await toScopeChosen(user);
    await user.click(next());
    expect(pageTitle()).toBe("App registration");
    expect(textbox("Name")).toHaveValue("contoso-Fabrikam Web-Contoso Production");

    await user.click(next());
    expect(pageTitle()).toBe("Authentication");
    // Federation is recommended and chosen where the cloud offers it; this journey takes the article's secret.
    expect(screen.getByRole("radio", { name: /^Workload identity federation/ })).toHaveAttribute("aria-checked", "true");
    await user.click(screen.getByRole("radio", { name: "Client secret" }));
    await user.click(next());
    expect(pageTitle()).toBe("Role");
    await waitFor(() => expect(picker("Role")).toHaveAccessibleDescription("Reader."));
    await user.click(next());
    expect(pageTitle()).toBe("Service connection");
    expect(textbox("Service connection name")).toHaveValue("contoso-Fabrikam Web-Contoso Production");
    await user.click(await screen.findByRole("checkbox", { name: "web-deploy (Deploy)" }));
    await user.click(next());

    expect(pageTitle()).toBe("Review");
    const plan = screen.getByRole("list", { name: "What will be created" });
    expect(plan).toHaveTextContent('App registration "contoso-Fabrikam Web-Contoso Production"');
    expect(plan).toHaveTextContent("Reader role at the subscription Contoso Production");
    expect(plan).toHaveTextContent("Access for 1 pipeline(s)web-deploy");
    expect(await screen.findByText("The name is free.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Next" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(await screen.findByText("The connection is ready and verified.")).toBeInTheDocument();
    expect(pageTitle()).toBe("Result");

    expect(runs[0]!.form()).toMatchObject({
      tenantId: TENANT,
      scope: { level: "Subscription", subscriptionId: PRODUCTION.subscriptionId, subscriptionName: "Contoso Production" },
      app: { displayName: "contoso-Fabrikam Web-Contoso Production", signInAudience: "AzureADMyOrg", coOwnerIds: [] },
      secret: { description: "Azure DevOps service connection", endDateTime: "2027-05-25T12:00:00.000Z" },
      role: { roleName: "Reader" },
      connection: { name: "contoso-Fabrikam Web-Contoso Production", pipelineIds: [12], allPipelines: false, verify: true },
    });
    expect(screen.getByRole("link", { name: "contoso-Fabrikam Web-Contoso Production" })).toHaveAttribute(
      "href",
      expect.stringContaining("e1e1e1e1-0000-4000-8000-000000000001"),
    );

    // The secret shows only when asked, and is dropped when the person is done.
    expect(document.body).not.toHaveTextContent(SECRET);
    await user.click(screen.getByRole("button", { name: "Show the client secret" }));
    expect(screen.getByTestId("secret-value")).toHaveTextContent(SECRET);
    await user.click(screen.getByRole("button", { name: "Done" }));
    expect(runs[0]!.calls).toContain("dropSecret");
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("blocks Next with the field's message, shown only once Next was chosen, on the page that has the problem", async () => {
    const { user } = renderWizard();
    await signIn(user);
    await user.click(next());
    await screen.findByText("2 enabled subscription(s) of this directory.");
    const subscription = screen.getByRole("button", { name: /^Subscription/ });
    expect(subscription).not.toHaveAccessibleDescription("Choose a subscription.");

    await user.click(next());
    expect(pageTitle()).toBe("Scope");
    expect(subscription).toHaveAccessibleDescription("Choose a subscription.");
    await choose(user, /^Subscription/, "Contoso Production");
    expect(subscription).not.toHaveAccessibleDescription("Choose a subscription.");

    await user.click(next());
    // The step list offers the pages already reached, never one ahead.
    const steps = screen.getByRole("navigation", { name: "Steps of the guided form" });
    expect(
      within(steps)
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(["1 Sign in", "2 Scope"]);
    await user.clear(textbox("Name"));
    await user.click(next());
    expect(pageTitle()).toBe("App registration");
    expect(textbox("Name")).toHaveAccessibleDescription("Enter a name for the app registration.");
    await user.type(textbox("Name"), "sc-fabrikam");

    await toPage(user, "Service connection");
    expect(textbox("Service connection name")).toHaveValue("sc-fabrikam");
    await user.type(textbox("Service connection name"), ",eu");
    await user.click(next());
    expect(pageTitle()).toBe("Service connection");
    expect(textbox("Service connection name")).toHaveAccessibleDescription(
      "Remove the comma: Azure DevOps cannot look up a service connection whose name has one.",
    );
    await user.type(textbox("Service connection name"), "{Backspace>3}");

    // Back to the secret by the step list: a custom date left empty, then ahead again by the step list.
    expect(within(steps).getByText("Service connection").closest("[aria-current]")).toHaveAttribute("aria-current", "step");
    await user.click(within(steps).getByRole("button", { name: /Authentication/ }));
    expect(pageTitle()).toBe("Authentication");
    await user.click(screen.getByRole("radio", { name: "Client secret" }));
    await choose(user, /^Expires/, "Custom date");
    await user.click(within(steps).getByRole("button", { name: /Service connection/ }));
    expect(pageTitle()).toBe("Service connection");

    // Next goes back to the page with the problem, and the message is there.
    await user.click(next());
    expect(pageTitle()).toBe("Authentication");
    expect(textbox("Expiry date")).toHaveAccessibleDescription("Choose a valid expiry date.");
    await user.type(textbox("Expiry date"), "2027-05-31");
    await user.click(next());
    expect(pageTitle()).toBe("Role");
  });

  it("the app name follows the scope until the person edits it", async () => {
    const { user } = renderWizard();
    await toScopeChosen(user);
    await user.click(next());
    expect(textbox("Name")).toHaveValue("contoso-Fabrikam Web-Contoso Production");

    await user.click(screen.getByRole("button", { name: "Back" }));
    await choose(user, /^Subscription/, "Contoso Development");
    await user.click(next());
    expect(textbox("Name")).toHaveValue("contoso-Fabrikam Web-Contoso Development");

    await user.clear(textbox("Name"));
    await user.type(textbox("Name"), "sc-fabrikam");
    await user.click(screen.getByRole("button", { name: "Back" }));
    await choose(user, /^Subscription/, "Contoso Production");
    await user.click(next());
    expect(textbox("Name")).toHaveValue("sc-fabrikam");
  });

  it("starts from the organization's default tenant", async () => {
    const OTHER = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";
    const { user } = renderWizard({ defaults: { tenantId: OTHER } });
    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    await waitFor(() => expect(screen.getByRole("button", { name: /^Directory \(tenant\)/ })).toHaveValue(OTHER));
  });

  it("starts from the organization's default secret lifetime and role", async () => {
    const { user } = renderWizard({ defaults: { secretDays: 90, role: { id: ROLES[1]!.name, roleName: "Contributor" } } });
    await toScopeChosen(user);
    await toPage(user, "Authentication");
    await user.click(screen.getByRole("radio", { name: "Client secret" }));
    expect(picker("Expires")).toHaveValue("90 days (3 months)");
    await user.click(next());
    await waitFor(() => expect(picker("Role")).toHaveAccessibleDescription("Contributor."));
    expect(picker("Role")).toHaveValue("Contributor");
    expect(screen.getByTestId("role-warning")).toHaveTextContent(
      "Contributor lets every pipeline that uses this connection change or delete Azure resources",
    );
  });

  it("names the organization's default role as Azure does for its id on Role, Review, Run and Result, never as the settings say", async () => {
    const OWNER = role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner", ["*"]);
    const { user, runs } = renderWizard({
      // Settings anyone can write: Owner's id under the name "Reader".
      defaults: { role: { id: OWNER.name, roleName: "Reader" } },
      services: {
        directory: (_cloud, tenantId) =>
          new AzureDirectory(tenantId, { ...ARM, listRoleDefinitions: async () => [...ROLES, OWNER] }, { findUser: async () => undefined }),
      },
    });
    await toScopeChosen(user);
    await toPage(user, "Role");
    await waitFor(() => expect(picker("Role")).toHaveValue("Owner"));
    expect(screen.getByTestId("role-warning")).toHaveTextContent(
      /^Owner lets every pipeline that uses this connection give other identities/,
    );
    await toPage(user, "Review");
    const plan = screen.getByRole("list", { name: "What will be created" });
    await waitFor(() => expect(plan).toHaveTextContent("Owner role at the subscription Contoso Production"));
    expect(plan).not.toHaveTextContent(/Reader/);
    expect(screen.getByText(/^Owner lets every pipeline that uses this connection give other identities/)).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "The steps the run takes" })).toHaveTextContent("Assign Owner at the scope");
    await user.click(await screen.findByRole("button", { name: "Create" }));
    expect(await screen.findByText("The connection is ready and verified.")).toBeInTheDocument();
    expect(runs[0]!.form().role).toEqual({ id: OWNER.name, roleName: "Owner" });
    expect(screen.getByText("Owner at the subscription Contoso Production")).toBeInTheDocument();
  });

  it("says the default role's name could not be confirmed when Azure's role definitions cannot be read", async () => {
    const OWNER_ID = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    const { user } = renderWizard({
      defaults: { role: { id: OWNER_ID, roleName: "Reader" } },
      services: {
        directory: (_cloud, tenantId) =>
          new AzureDirectory(
            tenantId,
            { ...ARM, listRoleDefinitions: async () => Promise.reject(new Error("ARM is unreachable")) },
            { findUser: async () => undefined },
          ),
      },
    });
    await toScopeChosen(user);
    await toPage(user, "Review");
    const plan = screen.getByRole("list", { name: "What will be created" });
    await waitFor(() =>
      expect(plan).toHaveTextContent(`Role ${OWNER_ID} (name not confirmed by Azure) at the subscription Contoso Production`),
    );
    expect(screen.getByText(/^Azure could not confirm which role/)).toBeInTheDocument();
    expect(plan).not.toHaveTextContent(/Reader/);
  });

  async function toMlReview(user: User) {
    await signIn(user);
    await user.click(next());
    await user.click(screen.getByRole("radio", { name: "Machine Learning Workspace" }));
    await screen.findByText("2 enabled subscription(s) of this directory.");
    await choose(user, /^Subscription of the workspace/, "Contoso Production");
    await choose(user, /^Resource group/, "ml-rg");
    await choose(user, /^ML workspace name/, "churn-ws");
    expect(screen.getByText("ML workspace location: westeurope")).toBeInTheDocument();
    await toPage(user, "Review");
  }

  it("for a Machine Learning workspace, Create waits for a choice; Save without verification turns Verify off and Verify again is not offered", async () => {
    const { user, runs } = renderWizard();
    await toMlReview(user);
    const create = () => screen.getByRole("button", { name: "Create" });
    await waitFor(() => expect(screen.getByText("Choose how to verify the connection first.")).toBeInTheDocument());
    expect(create()).toHaveAttribute("aria-disabled", "true");
    await user.click(screen.getByRole("radio", { name: "Save without verification" }));
    expect(screen.getByRole("list", { name: "What will be created" })).toHaveTextContent("Saved without verification");
    expect(create()).not.toHaveAttribute("aria-disabled");

    await user.click(create());
    expect(await screen.findByText(/The connection was saved without verification\. Verify reads the subscription/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Verify again" })).not.toBeInTheDocument();
    expect(runs[0]!.form()).toMatchObject({
      scope: { level: "AzureMLWorkspace", workspaceName: "churn-ws", workspaceLocation: "westeurope", resourceGroupName: "ml-rg" },
      connection: { verify: false },
    });
    expect(runs[0]!.form().verifyReaderAtSubscription).toBeUndefined();
  });

  it("for a Machine Learning workspace, Reader at the subscription is one more role on Review and a form field for the run", async () => {
    const { user, runs } = renderWizard();
    await toMlReview(user);
    await user.click(await screen.findByRole("radio", { name: /Also grant Reader at the subscription Contoso Production/ }));
    expect(screen.getByRole("list", { name: "What will be created" })).toHaveTextContent(
      "Reader role at the subscription Contoso Production (for Verify)",
    );
    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(await screen.findByText("The connection is ready and verified.")).toBeInTheDocument();
    expect(runs[0]!.form()).toMatchObject({ connection: { verify: true }, verifyReaderAtSubscription: true });
  });

  it("checks the connection name as it is typed: a taken name stops the form on the Service connection page", async () => {
    const taken: ReviewHint = {
      id: "connectionName",
      status: "warning",
      blocks: true,
      text: 'A service connection named "contoso-prod" already exists in this project. Choose another name.',
    };
    const reviewChecks = vi.fn(async (form: ProvisioningForm) => [
      form.connection.name === "contoso-prod"
        ? taken
        : {
            id: "connectionName" as const,
            status: "ok" as const,
            text: "No service connection you can see has this name (one you cannot see may still have it).",
          },
    ]);
    const { user, runs } = renderWizard({ services: { reviewChecks } });
    await toScopeChosen(user);
    await toPage(user, "Service connection");
    const name = textbox("Service connection name");
    await user.clear(name);
    await user.type(name, "contoso-prod");
    await waitFor(() => expect(name).toHaveAccessibleDescription(taken.text), { timeout: 3000 });
    expect(name).toHaveAttribute("aria-invalid", "true");
    await user.click(next());
    expect(pageTitle()).toBe("Service connection");

    await user.clear(name);
    await user.type(name, "contoso-prod-2");
    await waitFor(() => expect(name).toHaveAccessibleDescription(/one you cannot see may still have it/), { timeout: 3000 });
    expect(name).not.toHaveAttribute("aria-invalid");
    await toPage(user, "Review");
    await waitFor(() => expect(screen.getByRole("button", { name: "Create" })).not.toHaveAttribute("aria-disabled"));
    expect(runs).toHaveLength(0);
  });

  it("a name found taken on Review disables Create and creates nothing", async () => {
    const taken: ReviewHint = {
      id: "connectionName",
      status: "warning",
      blocks: true,
      text: 'A service connection named "x" already exists in this project. Choose another name.',
    };
    let reviewing = false;
    const reviewChecks = vi.fn(async () => [reviewing ? taken : HINTS[0]!]);
    const { user, runs } = renderWizard({ services: { reviewChecks } });
    await toScopeChosen(user);
    await toPage(user, "Service connection");
    reviewing = true;
    await toPage(user, "Review");
    await screen.findByText(taken.text);
    const create = screen.getByRole("button", { name: "Create" });
    expect(create).toHaveAttribute("aria-disabled", "true");
    await user.click(create);
    expect(runs).toHaveLength(0);
  });

  it("keeps Create disabled while Review's checks are still running", async () => {
    let finish: (hints: ReviewHint[]) => void = () => undefined;
    const reviewChecks = vi.fn(() => new Promise<ReviewHint[]>((resolve) => (finish = resolve)));
    const { user, runs } = renderWizard({ services: { reviewChecks } });
    await toScopeChosen(user);
    await toPage(user, "Review");
    expect(screen.getByText(/Checking…/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(runs).toHaveLength(0);
    await act(async () => finish(HINTS));
    expect(screen.getByRole("button", { name: "Create" })).not.toHaveAttribute("aria-disabled");
  });

  it("when a step fails, shows the problem with Retry and Roll back, and a taken name can be changed", async () => {
    const taken: Problem = {
      title: "Creating the service connection failed.",
      detail: "A service connection with that name already exists.",
      action: "Choose another name and continue.",
      remedy: "renameConnection",
    };
    const { user, runs } = renderWizard({ answers: [failed(taken)] });
    await toScopeChosen(user);
    await toPage(user, "Review");
    await user.click(screen.getByRole("button", { name: "Create" }));

    expect(await screen.findByText("Creating the service connection failed.")).toBeInTheDocument();
    expect(pageTitle()).toBe("Create");
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Roll back" })).toBeInTheDocument();
    // Once a run exists, its inputs are fixed: the step list no longer navigates.
    expect(within(screen.getByRole("navigation", { name: "Steps of the guided form" })).queryAllByRole("button")).toEqual([]);

    const name = screen.getByRole("textbox", { name: /^New service connection name/ });
    await user.clear(name);
    await user.type(name, "prod,eu");
    await user.click(screen.getByRole("button", { name: "Rename and continue" }));
    expect(name).toHaveAccessibleDescription("Remove the comma: Azure DevOps cannot look up a service connection whose name has one.");
    expect(runs[0]!.calls).toEqual(["start"]);

    await user.clear(name);
    await user.type(name, " prod-2 ");
    await user.click(screen.getByRole("button", { name: "Rename and continue" }));
    expect(await screen.findByText("The connection is ready and verified.")).toBeInTheDocument();
    expect(runs[0]!.calls).toEqual(["start", "amend", "retry"]);
    expect(runs[0]!.form().connection.name).toBe("prod-2");
    expect(screen.getByRole("link", { name: "prod-2" })).toBeInTheDocument();
  });

  it("Roll back after a failure stays on the run and says what was removed", async () => {
    const problem: Problem = { title: "Assigning the role failed.", detail: "Denied.", action: "Roll back." };
    const rolledBack: RunSnapshot = { status: "rolledBack", steps: STEPS.map((title, i) => ({ id: `s${i}`, title, status: "undone" })) };
    const { user, runs } = renderWizard({ answers: [failed(problem), rolledBack] });
    await toScopeChosen(user);
    await toPage(user, "Review");
    await user.click(screen.getByRole("button", { name: "Create" }));
    await user.click(await screen.findByRole("button", { name: "Roll back" }));
    expect(await screen.findByTestId("rolled-back")).toHaveTextContent("Everything this run created was removed.");
    expect(runs[0]!.calls).toEqual(["start", "rollback"]);
  });

  it("a shorter secret lifetime, then a new sign-in, continue the same run", async () => {
    const lifetime: Problem = {
      title: "Adding the client secret failed.",
      detail: "Your directory's policy does not allow a client secret with this lifetime.",
      action: "Choose a shorter lifetime and retry.",
      remedy: "shorterSecretLifetime",
    };
    const expired: Problem = {
      title: "Assigning the role failed.",
      detail: "Your sign-in has expired or is no longer accepted.",
      action: "Sign in again, then retry.",
      remedy: "signInAgain",
    };
    const { user, runs, signIn: signInCalls } = renderWizard({ answers: [failed(lifetime), failed(expired)] });
    await toScopeChosen(user);
    await toPage(user, "Review");
    await user.click(screen.getByRole("button", { name: "Create" }));

    await user.click(await screen.findByRole("button", { name: "Use this lifetime and continue" }));
    expect(await screen.findByText("Assigning the role failed.")).toBeInTheDocument();
    // 90 days from the services' clock (2026-11-26T12:00Z), instead of the 180 chosen.
    expect(runs[0]!.form().secret.endDateTime).toBe("2027-02-24T12:00:00.000Z");

    await user.click(screen.getByRole("button", { name: "Sign in again and continue" }));
    expect(await screen.findByText("The connection is ready and verified.")).toBeInTheDocument();
    expect(signInCalls).toHaveBeenCalledTimes(2);
    expect(runs[0]!.calls).toEqual(["start", "amend", "retry", "retry"]);
  });

  it("when signing in again fails, says so on the run with Retry", async () => {
    const expired: Problem = {
      title: "Assigning the role failed.",
      detail: "Your sign-in has expired.",
      action: "Sign in again, then retry.",
      remedy: "signInAgain",
    };
    const signIn = vi.fn<HubServices["signIn"]>().mockResolvedValueOnce(ADA).mockRejectedValueOnce(new Error("popup_window_error"));
    const { user, runs } = renderWizard({ answers: [failed(expired)], services: { signIn } });
    await toScopeChosen(user);
    await toPage(user, "Review");
    await user.click(screen.getByRole("button", { name: "Create" }));
    await user.click(await screen.findByRole("button", { name: "Sign in again and continue" }));
    expect(await screen.findByText("Signing in again failed.")).toBeInTheDocument();
    expect(screen.getByText(/popup_window_error/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
    expect(runs[0]!.calls).toEqual(["start"]);
  });

  it("an interrupted run is offered for Resume or Roll back once the person signs in", async () => {
    const form = { ...formForResume(), connection: { ...formForResume().connection, name: "contoso-prod" } };
    const journal: ProvisioningJournal = {
      id: "11111111-2222-4333-8444-555555555555",
      version: 1,
      createdAt: "2026-11-25T09:30:00.000Z",
      updatedAt: "2026-11-25T09:31:00.000Z",
      status: "running",
      form,
      context: { organization: "contoso", project: SESSION.project, userObjectId: ADA.objectId },
      created: { appId: "3c9d8e7f-6a5b-4c4d-8e3f-2a1b0c9d8e7f" },
      steps: [],
    };
    let resumed: ScriptedRun | undefined;
    const services = fakeHubServices(SESSION, {
      signIn: async () => ADA,
      directory: (_cloud, tenantId) => new AzureDirectory(tenantId, ARM, { findUser: async () => undefined }),
      resumeRun: (j, onChange) => {
        resumed = scriptedRun(j.form, onChange, []);
        return {
          ...resumed.run,
          snapshot: () => ({
            status: "ready",
            steps: STEPS.map((title, i) => ({ id: `s${i}`, title, status: i < 1 ? "done" : "waiting" })),
          }),
        } as unknown as ProvisioningRun;
      },
    });
    const user = userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 });
    render(<ProvisioningWizard services={services} defaults={{ allowAllPipelines: false }} resume={journal} onClose={() => undefined} />);
    expect(screen.getByText('Sign in to resume or roll back the run started on 2026-11-25 for "contoso-prod".')).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    expect(await screen.findByRole("button", { name: "Resume" })).toBeInTheDocument();
    expect(pageTitle()).toBe("Create");
    expect(screen.getByRole("button", { name: "Roll back" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Resume" }));
    expect(await screen.findByText("The connection is ready and verified.")).toBeInTheDocument();
    expect(resumed!.calls).toEqual(["retry"]);
  });

  it("a person can fill in the whole form with the keyboard alone, every field visibly labelled", async () => {
    // azure-devops-ui's focus zones skip elements with no layout box, and jsdom lays nothing out: give them a height.
    const layout = vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockReturnValue(20);
    onTestFinished(() => layout.mockRestore());
    const { user, runs } = renderWizard({ defaults: { allowAllPipelines: true } });

    // Sign in: the button, then Cancel (Next is disabled, so Tab skips it).
    expect(await tabOrder(user, 2)).toEqual(["button Sign in to Microsoft Entra ID", "button Cancel"]);
    focusOn(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.getByRole("button", { name: /^Directory \(tenant\)/ })).toHaveValue("Contoso (contoso.com)"));
    expect(await tabOrder(user, 4)).toEqual(["button Sign out", "button Directory (tenant)", "button Next", "button Cancel"]);
    expectEveryControlVisiblyLabelled();
    await user.tab({ shift: true });
    expect(focused()).toBe("button Next");
    await user.keyboard("{Enter}");

    // Scope: the level radios are one Tab stop; arrow keys move between them, circularly, and choose as they go.
    expect(pageTitle()).toBe("Scope");
    await screen.findByText("2 enabled subscription(s) of this directory.");
    expect(await tabOrder(user, 7)).toEqual([
      "button 1 Sign in",
      "radio Subscription",
      "button Subscription",
      "checkbox Create connections for several scopes in one run (up to 50)",
      "button Back",
      "button Next",
      "button Cancel",
    ]);
    expectEveryControlVisiblyLabelled();
    focusOn(screen.getByRole("radio", { name: "Subscription" }));
    press("ArrowDown");
    expect(focused()).toBe("radio Management Group");
    expect(screen.getByRole("radio", { name: "Management Group" })).toHaveAttribute("aria-checked", "true");
    await waitFor(() =>
      expect(screen.getByRole("button", { name: /^Management group/ })).toHaveAttribute("placeholder", "Choose a management group"),
    );
    expectEveryControlVisiblyLabelled();
    press("ArrowDown");
    expect(screen.getByRole("radio", { name: "Machine Learning Workspace" })).toHaveAttribute("aria-checked", "true");
    await screen.findByText("2 enabled subscription(s) of this directory.");
    expectEveryControlVisiblyLabelled();
    press("ArrowDown");
    expect(focused()).toBe("radio Subscription");
    press("ArrowUp");
    expect(screen.getByRole("radio", { name: "Machine Learning Workspace" })).toHaveAttribute("aria-checked", "true");
    press("ArrowDown");
    // The focused radio is always the chosen one, so Space and Enter leave it chosen.
    press(" ");
    press("Enter");
    expect(screen.getByRole("radio", { name: "Subscription" })).toHaveAttribute("aria-checked", "true");
    await screen.findByText("2 enabled subscription(s) of this directory.");

    // A Dropdown opens with Enter; arrow keys walk its options and Enter picks one.
    await user.tab();
    expect(focused()).toBe("button Subscription");
    await user.keyboard("{Enter}");
    expect(await screen.findAllByRole("option")).toHaveLength(2);
    press("ArrowDown");
    expect(focused()).toBe(`option Contoso Development (${DEVELOPMENT.subscriptionId})`);
    press("ArrowDown");
    expect(focused()).toBe(`option Contoso Production (${PRODUCTION.subscriptionId})`);
    press("Enter");
    await settleFocus();
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^Subscription/ })).toHaveValue(`Contoso Production (${PRODUCTION.subscriptionId})`);
    expect(focused()).toBe("button Subscription");
    // Space presses a button too (past the several-scopes choice and Back).
    await user.tab();
    await user.tab();
    await user.tab();
    expect(focused()).toBe("button Next");
    await user.keyboard(" ");

    // App registration.
    expect(pageTitle()).toBe("App registration");
    expect(await tabOrder(user, 9)).toEqual([
      "button 1 Sign in",
      "button 2 Scope",
      "textbox Name",
      "radio Accounts in this organizational directory only (single tenant)",
      "textbox Co-owners (optional)",
      "button Add co-owner",
      "button Back",
      "button Next",
      "button Cancel",
    ]);
    expectEveryControlVisiblyLabelled();
    focusOn(screen.getByRole("radio", { name: "Accounts in this organizational directory only (single tenant)" }));
    press("ArrowDown");
    expect(screen.getByRole("radio", { name: "Accounts in any organizational directory (multitenant)" })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    focusOn(next());
    await user.keyboard("{Enter}");

    // Authentication: a multi-tenant app takes the client secret; a custom date, typed.
    expect(pageTitle()).toBe("Authentication");
    expect(screen.getByRole("radio", { name: "Client secret" })).toHaveAttribute("aria-checked", "true");
    expect(screen.getByRole("radio", { name: /^Workload identity federation/ })).toHaveAttribute("aria-disabled", "true");
    expect(await tabOrder(user, 9)).toEqual([
      "button 1 Sign in",
      "button 2 Scope",
      "button 3 App registration",
      "radio Client secret",
      "textbox Description",
      "button Expires",
      "button Back",
      "button Next",
      "button Cancel",
    ]);
    focusOn(picker("Expires"));
    await user.keyboard("{Enter}");
    await screen.findAllByRole("option");
    for (let i = 0; i < 6; i++) press("ArrowDown");
    expect(focused()).toBe("option Custom date");
    press("Enter");
    await settleFocus();
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    await user.tab();
    await settleFocus();
    expect(focused()).toBe("textbox Expiry date (yyyy-mm-dd)");
    await user.keyboard("2027-05-31");
    expectEveryControlVisiblyLabelled();
    focusOn(next());
    await user.keyboard("{Enter}");

    // Role.
    expect(pageTitle()).toBe("Role");
    await waitFor(() => expect(picker("Role")).toHaveAccessibleDescription("Reader."));
    expectEveryControlVisiblyLabelled();
    focusOn(next());
    await user.keyboard("{Enter}");

    // Service connection: Space ticks checkboxes.
    expect(pageTitle()).toBe("Service connection");
    await screen.findByRole("checkbox", { name: "web-ci" });
    expect((await tabOrder(user, 14)).slice(5)).toEqual([
      "textbox Service connection name",
      "textbox Description (optional)",
      "checkbox Verify the connection before saving it (recommended)",
      "checkbox web-ci",
      "checkbox web-deploy (Deploy)",
      "checkbox Grant access permission to all pipelines",
      "button Back",
      "button Next",
      "button Cancel",
    ]);
    expectEveryControlVisiblyLabelled();
    focusOn(screen.getByRole("checkbox", { name: "web-ci" }));
    press(" ");
    expect(screen.getByRole("checkbox", { name: "web-ci" })).toHaveAttribute("aria-checked", "true");
    focusOn(next());
    await user.keyboard("{Enter}");

    // Review and create.
    expect(pageTitle()).toBe("Review");
    focusOn(screen.getByRole("button", { name: "Create" }));
    await user.keyboard("{Enter}");
    expect(await screen.findByText("The connection is ready and verified.")).toBeInTheDocument();
    expect(runs[0]!.form()).toMatchObject({
      app: { signInAudience: "AzureADMultipleOrgs" },
      secret: { endDateTime: "2027-05-31T23:59:59.000Z" },
      connection: { pipelineIds: [11] },
    });
    focusOn(screen.getByRole("button", { name: "Show the client secret" }));
    await user.keyboard(" ");
    expect(screen.getByTestId("secret-value")).toHaveTextContent(SECRET);
  }, 20_000);
});
