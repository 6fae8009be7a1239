/**
 * Hostile text on every page: markup and script, right-to-left overrides, control characters and very long strings,
 * typed by the person or coming back from a service (a subscription, a pipeline, an error message, a journal in
 * extension data). Every page must show it as text, literally, and no payload may run.
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import type { ArmSubscription } from "../../../src/clients/arm/armTypes";
import { HubHome } from "../../../src/hub/HubHome";
import { AppRegistrationPage } from "../../../src/hub/wizard/pages/AppRegistrationPage";
import { ConnectionPage } from "../../../src/hub/wizard/pages/ConnectionPage";
import { ResultPage } from "../../../src/hub/wizard/pages/ResultPage";
import { ReviewPage } from "../../../src/hub/wizard/pages/ReviewPage";
import { RunPage } from "../../../src/hub/wizard/pages/RunPage";
import { ScopePage } from "../../../src/hub/wizard/pages/ScopePage";
import { AZURE_CLOUD } from "../../../src/platform/clouds";
import { describeError } from "../../../src/platform/describeError";
import { ServiceError } from "../../../src/platform/http/serviceError";
import { AzureDirectory, type DirectoryArm } from "../../../src/workflows/directory/azureDirectory";
import { newDraft, validateDraft, type ProvisioningDraft } from "../../../src/workflows/provisioning/draft";
import type { ProvisioningJournal } from "../../../src/workflows/provisioning/journal";
import { planProvisioning } from "../../../src/workflows/provisioning/plan";
import { DEFAULT_SETTINGS } from "../../../src/workflows/settings/settings";
import { formFor } from "../../support/provisioningForms";
import { fakeHubServices } from "../fakes/fakeHubServices";
import { HOSTILE_SAMPLES, PWNED } from "../reliability/hostileStrings";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const SUBSCRIPTION_ID = "8f3a1c2e-5b6d-4e7f-9a0b-1c2d3e4f5a6b";
const SESSION = {
  organization: "contoso",
  project: { id: "0f5c0a3a-7d0e-4c4b-9b0a-6d5b3c2a1f00", name: "Fabrikam Web" },
  user: { id: "u", name: "Ada", displayName: "Ada Admin" },
} as const;

/** Markup, script, right-to-left, control characters, very long: one of each kind. */
const PAYLOADS = [
  HOSTILE_SAMPLES[0]!, // <img src=x onerror=…>
  HOSTILE_SAMPLES[1]!, // <script>…</script>
  HOSTILE_SAMPLES[2]!, // "><svg onload=…>
  "\u202Eved\u202C-prod شبكة",
  "next\u0085line\u2028tab\there",
  `${"<b>long</b>".repeat(300)}`,
];

const flagOf = () => (window as unknown as Record<string, unknown>)[PWNED];

/** No payload ran, and no element a payload would create is in the page. */
async function expectInert(container: HTMLElement): Promise<void> {
  await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  expect(flagOf()).toBeUndefined();
  expect(container.querySelector("img[src='x'], script, svg[onload], b")).toBeNull();
  expect(document.querySelector("img[src='x'], body script, svg[onload]")).toBeNull();
}

/** The text appears as it was, character for character. */
function expectLiteral(container: HTMLElement, text: string): void {
  expect(container.textContent ?? "").toContain(text);
}

function directoryWith(subscriptions: ArmSubscription[]): AzureDirectory {
  const arm: DirectoryArm = {
    listTenants: async () => [],
    listSubscriptions: async () => subscriptions,
    listManagementGroups: async () => [],
    listResourceGroups: async () => [],
    listWorkspaces: async () => [],
    listRoleDefinitions: async () => [],
  };
  return new AzureDirectory(TENANT, arm, { findUser: async () => undefined });
}

afterEach(() => {
  delete (window as unknown as Record<string, unknown>)[PWNED];
});

describe.each(PAYLOADS.map((payload) => [JSON.stringify(payload.slice(0, 40)), payload]))("hostile text %s", (_label, payload) => {
  it("as a subscription's name from ARM: listed in the picker as text", async () => {
    const directory = directoryWith([{ subscriptionId: SUBSCRIPTION_ID, displayName: payload, state: "Enabled", tenantId: TENANT }]);
    function Host() {
      const [draft, setDraft] = useState(newDraft("AzureCloud", TENANT));
      return <ScopePage directory={directory} draft={draft} update={(change) => setDraft((d) => ({ ...d, ...change }))} />;
    }
    const { container } = render(<Host />);
    const user = userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 });
    await screen.findByText("1 enabled subscription(s) of this directory.");
    await user.click(screen.getByRole("button", { name: /^Subscription/ }));
    const option = await screen.findByRole("option");
    expect(option.textContent).toBe(`${payload} (${SUBSCRIPTION_ID})`);
    await user.click(option);
    expect(screen.getByRole("button", { name: /^Subscription/ })).toHaveValue(`${payload} (${SUBSCRIPTION_ID})`);
    await expectInert(container);
  });

  it("as a pipeline's name from Azure DevOps: a checkbox labelled with the text", async () => {
    const draft = newDraft("AzureCloud", TENANT);
    const { container } = render(
      <ConnectionPage
        draft={draft}
        update={() => undefined}
        pipelines={{ status: "ready", value: [{ id: 7, name: payload, path: "\\" }] }}
        reloadPipelines={() => undefined}
        allowAllPipelines={false}
        errors={{}}
      />,
    );
    expectLiteral(container, payload);
    await expectInert(container);
  });

  it("typed as the app registration's name: kept as typed, with a clear sentence when it is not allowed", async () => {
    const draft: ProvisioningDraft = { ...newDraft("AzureCloud", TENANT), appName: payload, appNameEdited: true };
    const error = validateDraft(draft, new Date()).appName;
    const { container } = render(
      <AppRegistrationPage directory={directoryWith([])} draft={draft} update={() => undefined} {...(error ? { error } : {})} />,
    );
    expect(screen.getByRole("textbox", { name: /App registration name|Name/ })).toHaveValue(payload);
    if (error) {
      expect(error).toMatch(/^[A-Z].*\.$/);
      await screen.findByText(error);
    }
    await expectInert(container);
  });

  it("on the Review page, in the names of the plan", async () => {
    const form = formFor("Subscription", {
      scope: { level: "Subscription", subscriptionId: SUBSCRIPTION_ID, subscriptionName: payload },
      app: { displayName: payload.slice(0, 120) },
      connection: { name: payload.slice(0, 256) },
    });
    const plan = planProvisioning(
      form,
      { organization: "contoso", project: { ...SESSION.project }, userObjectId: "u" },
      AZURE_CLOUD,
      "11111111-2222-4333-8444-555555555555",
      { pipelineNames: [payload] },
    );
    const { container } = render(<ReviewPage plan={plan} hints={{ status: "ready", value: [] }} onCreate={() => undefined} />);
    expectLiteral(container, payload.slice(0, 120));
    await expectInert(container);
  });

  it("in a service's error message on the Run page: shown as text inside the problem", async () => {
    const problem = describeError(new ServiceError("graph", 400, "Request_BadRequest", payload), {
      step: "Creating the app registration",
      connectionName: payload,
    });
    const { container } = render(
      <RunPage
        snapshot={{
          status: "failed",
          problem,
          steps: [{ id: "createApp", title: "Create the app registration", status: "failed", problem }],
        }}
        now={() => 0}
        connectionName={payload}
        onRetry={() => undefined}
        onRollback={() => undefined}
        onCancel={() => undefined}
        onRename={() => undefined}
        onShorterLifetime={() => undefined}
        onSignInAgain={() => undefined}
      />,
    );
    expectLiteral(container, payload);
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
    await expectInert(container);
  });

  it("on the Result page, in the connection's name, scope and Verify's message", async () => {
    const { container } = render(
      <ResultPage
        summary={{
          connectionName: payload,
          connectionUrl: "https://dev.azure.com/contoso/x",
          appId: "a",
          appUrl: "https://entra.microsoft.com/x",
          roleName: payload,
          scopeDescription: payload,
          created: { verified: false, verifyMessage: payload },
        }}
        revealSecret={() => undefined}
        verifyAgain={async () => false}
        onDone={() => undefined}
      />,
    );
    expectLiteral(container, payload);
    await expectInert(container);
  });

  it("in a journal read back from extension data: the Unfinished runs card names it as text", async () => {
    const journal: ProvisioningJournal = {
      id: "11111111-2222-4333-8444-555555555555",
      version: 1,
      createdAt: "2026-11-26T10:00:00.000Z",
      updatedAt: "2026-11-26T10:01:00.000Z",
      status: "failed",
      form: formFor("Subscription", { connection: { name: payload } }),
      context: { organization: "contoso", project: { ...SESSION.project }, userObjectId: "u" },
      created: {},
      steps: [],
    };
    const services = fakeHubServices(SESSION as never, { unfinishedRuns: async () => [journal] });
    const { container } = render(<HubHome services={services} settings={DEFAULT_SETTINGS} />);
    await waitFor(() => expectLiteral(container, `"${payload}"`));
    expect(screen.getByRole("button", { name: "Resume or roll back" })).toBeInTheDocument();
    await expectInert(container);
  });
});
