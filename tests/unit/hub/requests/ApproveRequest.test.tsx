import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ApproveRequest } from "../../../../src/hub/requests/ApproveRequest";
import type { ProvisioningPlan } from "../../../../src/workflows/provisioning/plan";
import type { ReviewHint } from "../../../../src/workflows/provisioning/reviewChecks";
import { createRequest } from "../../../../src/workflows/requests/requests";
import { createRequestReviewServices } from "../../../../src/workflows/requests/requestServices";
import { fakeHubServices } from "../../fakes/fakeHubServices";
import { MemoryDocumentStore } from "../../fakes/memoryDocumentStore";
import { ADMIN, CONTRIBUTOR, form, NOW, PROJECT, READER_ROLE, REQUEST_ID, REQUESTER } from "../../workflows/requests/requestFixtures";

const ENDPOINT = "9a9a9a9a-0000-4000-8000-000000000009";
const CO_OWNER = "dddddddd-0000-4000-8000-000000000001";
const ROLES = [
  { ...READER_ROLE, description: "View all resources.", builtIn: true, risk: "read" as const },
  { ...CONTRIBUTOR, description: "Manage everything.", builtIn: true, risk: "write" as const },
];
const HINTS: ReviewHint[] = [
  { id: "connectionName", status: "ok", text: "Name free." },
  { id: "registerApps", status: "ok", text: "You may register applications in this directory." },
  { id: "assignRoles", status: "ok", text: "You may assign roles." },
];

async function setUp() {
  const store = new MemoryDocumentStore();
  const asked = form({ app: { ...form().app, coOwnerIds: [CO_OWNER] } });
  const request = await createRequest(store, { id: REQUEST_ID, form: asked, project: PROJECT, requester: REQUESTER, reason: "why" }, NOW);
  let account: { objectId: string; name: string; username: string } | undefined;
  const started: ProvisioningPlan[] = [];
  const hub = fakeHubServices(
    { organization: "contoso", userDisplayName: "Ada Admin", extensionId: "p.e", project: PROJECT },
    {
      account: () => account as never,
      signIn: async () => (account = { objectId: ADMIN.id, name: "Ada Admin", username: "admin@contoso.onmicrosoft.com" }) as never,
      directory: () => ({ roles: async () => ROLES }) as never,
      reviewChecks: async () => HINTS,
      startRun: (plan) => {
        started.push(plan);
        const created: Record<string, string> = {};
        return {
          created,
          snapshot: () => ({ status: "ready", steps: [] }),
          currentForm: () => plan.form,
          start: async () => {
            created["endpointId"] = ENDPOINT;
            return { status: "succeeded", steps: [] };
          },
          cancel: () => undefined,
        } as never;
      },
    },
  );
  const reviews = createRequestReviewServices({
    store,
    projects: { listProjects: async () => [PROJECT] },
    admin: ADMIN,
    clock: { now: () => NOW } as never,
    linkedRequestId: async () => undefined,
    provisioningFor: async () => hub,
  });
  const onApproved = vi.fn();
  render(<ApproveRequest hub={hub} request={request} reviews={reviews} onApproved={onApproved} />);
  // The project's pipelines load at once (they name the plan's pipeline permissions).
  await act(async () => undefined);
  return { store, started, onApproved, user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }) };
}

describe("approving a request", () => {
  it("asks the administrator to sign in first: nothing is planned as anyone else", async () => {
    const { started } = await setUp();
    expect(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Approve and create" })).toBeNull();
    expect(started).toEqual([]);
  });

  it("runs the reviewed plan with the role the administrator chose, without co-owners they left out, and records the change", async () => {
    const { store, started, onApproved, user } = await setUp();
    await user.click(screen.getByRole("button", { name: "Sign in to Microsoft Entra ID" }));
    expect(await screen.findByText(/Signed in as/)).toHaveTextContent("admin@contoso.onmicrosoft.com");
    expect(screen.getByTestId("co-owners")).toHaveTextContent(CO_OWNER);
    await user.click(screen.getByRole("button", { name: /^Role/ }));
    await user.click(await screen.findByRole("option", { name: "Reader" }));
    expect(await screen.findByTestId("role-change-note")).toHaveTextContent("from Contributor (asked for) to Reader");
    await user.click(screen.getByRole("checkbox", { name: "Make these accounts owners of the app too" }));
    const approve = await screen.findByRole("button", { name: "Approve and create" });
    await vi.waitFor(() => expect(approve).toBeEnabled());
    await user.click(approve);
    expect(await screen.findByTestId("request-approved")).toHaveTextContent("marked the request approved");
    expect(started).toHaveLength(1);
    expect(started[0]!.form.role.id).toBe(READER_ROLE.id);
    expect(started[0]!.form.app.coOwnerIds).toEqual([]);
    expect(started[0]!.context.project).toEqual(PROJECT);
    expect(onApproved).toHaveBeenCalledTimes(1);
    expect(store.writes.at(-1)!.document).toMatchObject({
      status: "approved",
      decision: { connectionId: ENDPOINT, roleChange: { original: CONTRIBUTOR, assigned: READER_ROLE, changedBy: ADMIN } },
    });
  });
});
