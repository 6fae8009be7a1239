import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { BringYourOwnApp } from "../../../../src/hub/byo/BringYourOwnApp";
import { AZURE_CHINA_CLOUD } from "../../../../src/platform/clouds";
import type { ByoFederationRun } from "../../../../src/workflows/byo/byoFederation";
import type { ByoForm } from "../../../../src/workflows/byo/byoForm";
import type { RunSnapshot } from "../../../../src/workflows/engine/workflowTypes";
import { fakeHubServices } from "../../fakes/fakeHubServices";

const SESSION = {
  organization: "contoso",
  project: { id: "0f5c0a3a-7d0e-4c4b-9b0a-6d5b3c2a1f00", name: "Fabrikam Web" },
  user: { id: "u", name: "Ada", displayName: "Ada Admin" },
} as const;
const APP_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const SUBSCRIPTION = "8f3a1c2e-5b6d-4e7f-9a0b-1c2d3e4f5a6b";
const ISSUER = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";
const SUBJECT = "/eid1/c/pub/t/abc/a/def/sc/org/endpoint";

/** A federation run that saved the connection and now waits for an owner of the app; Verify answers as told. */
function waitingRun(
  form: ByoForm,
  verify: Array<{ ok: true } | { ok: false; problem: { title: string; detail: string; action: string } }>,
) {
  const created: Record<string, unknown> = { endpointId: "e1", issuer: ISSUER, subject: SUBJECT, waitingForTrust: true };
  const snapshot = { status: "succeeded", steps: [] } as unknown as RunSnapshot;
  return {
    created,
    currentForm: () => form,
    snapshot: () => snapshot,
    start: async () => snapshot,
    refreshIdentity: async () => undefined,
    instructions: () =>
      created["verified"]
        ? undefined
        : {
            appId: APP_ID,
            issuer: ISSUER,
            subject: SUBJECT,
            audience: "api://AzureADTokenExchange",
            command: `az ad app federated-credential create --id ${APP_ID} --parameters '{}'`,
          },
    verifyTrust: async () => {
      const next = verify.shift()!;
      if (next.ok) created["verified"] = true;
      return next;
    },
    rollback: async () => snapshot,
  } as unknown as ByoFederationRun;
}

const user = () => userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 });

async function fillForm(u: ReturnType<typeof user>) {
  await u.type(screen.getByRole("textbox", { name: /^Subscription Id/ }), SUBSCRIPTION);
  await u.type(screen.getByRole("textbox", { name: /^Subscription Name/ }), "Contoso Development");
  await u.type(screen.getByRole("textbox", { name: /^Application \(client\) ID/ }), APP_ID);
  await u.type(screen.getByRole("textbox", { name: /^Directory \(tenant\) ID/ }), TENANT);
  await u.type(screen.getByRole("textbox", { name: /^Service connection name/ }), "byo-fed");
}

describe("bring your own app: how pipelines authenticate", () => {
  it("recommends federation and asks for no secret; Client secret brings the secret field back", async () => {
    const u = user();
    render(<BringYourOwnApp services={fakeHubServices(SESSION as never)} allowAllPipelines={false} onClose={() => undefined} />);
    expect(screen.getByRole("radio", { name: /^Workload identity federation/ })).toHaveAttribute("aria-checked", "true");
    expect(screen.queryByRole("textbox", { name: /^Client secret/ })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Save and verify" })).toBeInTheDocument();
    await u.click(screen.getByRole("radio", { name: "Client secret" }));
    expect(screen.getByLabelText(/^Client secret/, { selector: "input" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Verify and save" })).toBeInTheDocument();
  });

  it("offers only the secret in a cloud without federation", () => {
    const services = { ...fakeHubServices(SESSION as never), clouds: [AZURE_CHINA_CLOUD] };
    render(<BringYourOwnApp services={services} allowAllPipelines={false} onClose={() => undefined} />);
    expect(screen.getByRole("radio", { name: /^Workload identity federation/ })).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByRole("radio", { name: "Client secret" })).toHaveAttribute("aria-checked", "true");
  });

  it("when the app does not trust the connection yet: shows issuer, subject and command, says what to do, then verifies", async () => {
    const u = user();
    let started: ByoForm | undefined;
    const services = fakeHubServices(SESSION as never, {
      startByoFederation: (form) => {
        started = form;
        return waitingRun(form, [
          {
            ok: false,
            problem: { title: "The app does not trust the connection yet.", detail: "AADSTS70021", action: "Entra can take a minute." },
          },
          { ok: true },
        ]);
      },
      connectionUrl: () => "https://dev.azure.com/contoso",
      appRegistrationUrl: () => "https://entra.microsoft.com",
    });
    render(<BringYourOwnApp services={services} allowAllPipelines={false} onClose={() => undefined} />);
    await fillForm(u);
    await u.click(screen.getByRole("button", { name: "Save and verify" }));
    await screen.findByRole("heading", { name: "Waiting for the app to trust the connection" });
    expect(started).toMatchObject({ credential: "federation", appId: APP_ID });
    expect(screen.getByLabelText("Issuer")).toHaveValue(ISSUER);
    expect(screen.getByLabelText("Subject identifier")).toHaveValue(SUBJECT);
    expect((screen.getByLabelText("Azure CLI command for an owner of the app (bash)") as HTMLInputElement).value).toContain(
      `az ad app federated-credential create --id ${APP_ID}`,
    );
    expect(screen.getByRole("button", { name: "Copy Subject identifier" })).toBeInTheDocument();

    await u.click(screen.getByRole("button", { name: "Verify" }));
    expect(await screen.findByText("The app does not trust the connection yet.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Roll back the connection" })).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Verify" }));
    await waitFor(() => expect(document.body.textContent).toContain("The connection is ready and verified."));
  });
});
