import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MyRequestsCard } from "../../../../src/hub/requests/MyRequests";
import { RequestsTab } from "../../../../src/hub/requests/RequestsTab";
import { ReviewOrAsk } from "../../../../src/hub/requests/ReviewOrAsk";
import { RunOrAsk } from "../../../../src/hub/requests/RunOrAsk";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { describeError } from "../../../../src/platform/describeError";
import { ServiceError } from "../../../../src/platform/http/serviceError";
import type { ReviewHint } from "../../../../src/workflows/provisioning/reviewChecks";
import { planProvisioning } from "../../../../src/workflows/provisioning/plan";
import { REQUESTS_COLLECTION } from "../../../../src/workflows/requests/requestDocument";
import { approveRequest, createRequest, rejectRequest } from "../../../../src/workflows/requests/requests";
import {
  createRequesterServices,
  createRequestReviewServices,
  type RequesterServices,
} from "../../../../src/workflows/requests/requestServices";
import { MemoryDocumentStore } from "../../fakes/memoryDocumentStore";
import { ADMIN, form, NOW, PROJECT, READER_ROLE, REQUEST_ID, REQUESTER } from "../../workflows/requests/requestFixtures";

const user = () => userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 });
const clock = { now: () => NOW } as never;

function requester(store: MemoryDocumentStore, existing: Array<{ id: string; name: string }> = []): RequesterServices {
  return createRequesterServices({
    store,
    connections: {
      get: async (_p, id) => existing.find((c) => c.id === id) as never,
      findByName: async (_p, name) => existing.find((c) => c.name === name) as never,
    },
    project: PROJECT,
    requester: REQUESTER,
    clock,
    newId: () => REQUEST_ID,
    organizationUrl: "https://dev.azure.com/contoso/",
    extensionId: "arm-connection-tools.arm-connection-hub",
  });
}

const plan = () => planProvisioning(form(), { organization: "contoso", project: PROJECT, userObjectId: ADMIN.id }, AZURE_CLOUD, REQUEST_ID);
const hints = (assign: ReviewHint["status"]): ReviewHint[] => [
  { id: "connectionName", status: "ok", text: "Name free." },
  { id: "registerApps", status: "ok", text: "You may register applications in this directory." },
  { id: "assignRoles", status: assign, text: "About assigning roles." },
];

describe("asking an administrator from Review", () => {
  it("is offered only when a check says a right is missing", () => {
    const store = new MemoryDocumentStore();
    const { rerender } = render(
      <ReviewOrAsk
        requests={requester(store)}
        onDone={vi.fn()}
        plan={plan()}
        hints={{ status: "ready", value: hints("ok") }}
        onCreate={vi.fn()}
      />,
    );
    expect(screen.queryByRole("button", { name: "Ask an administrator" })).toBeNull();
    rerender(
      <ReviewOrAsk
        requests={requester(store)}
        onDone={vi.fn()}
        plan={plan()}
        hints={{ status: "ready", value: hints("warning") }}
        onCreate={vi.fn()}
      />,
    );
    expect(screen.getByRole("button", { name: "Ask an administrator" })).toBeInTheDocument();
    // Without request services (no extension data), nothing is offered.
    rerender(
      <ReviewOrAsk
        requests={undefined}
        onDone={vi.fn()}
        plan={plan()}
        hints={{ status: "ready", value: hints("warning") }}
        onCreate={vi.fn()}
      />,
    );
    expect(screen.queryByRole("button", { name: "Ask an administrator" })).toBeNull();
  });

  it("needs a reason in a labelled field, then saves the request and links to it", async () => {
    const store = new MemoryDocumentStore();
    render(
      <ReviewOrAsk
        requests={requester(store)}
        onDone={vi.fn()}
        plan={plan()}
        hints={{ status: "ready", value: hints("warning") }}
        onCreate={vi.fn()}
      />,
    );
    const u = user();
    await u.click(screen.getByRole("button", { name: "Ask an administrator" }));
    await u.click(screen.getByRole("button", { name: "Send the request" }));
    expect(screen.getByText("Say why you need this connection, so the administrator can decide.")).toBeInTheDocument();
    expect(store.writes).toHaveLength(0);
    await u.type(screen.getByRole("textbox", { name: /Why you need it/ }), "Deploys the web app.");
    await u.click(screen.getByRole("button", { name: "Send the request" }));
    const link = await screen.findByRole("link", { name: "Open the request" });
    expect(link).toHaveAttribute("href", expect.stringContaining(`?request=${REQUEST_ID}`));
    expect(store.writes).toHaveLength(1);
    expect(store.writes[0]!.document).toMatchObject({ status: "open", reason: "Deploys the web app.", requestedBy: REQUESTER });
  });

  it("says what went wrong when extension data cannot be written, and sends on retry", async () => {
    const store = new MemoryDocumentStore();
    store.failWrites = 1;
    render(
      <ReviewOrAsk
        requests={requester(store)}
        onDone={vi.fn()}
        plan={plan()}
        hints={{ status: "ready", value: hints("warning") }}
        onCreate={vi.fn()}
      />,
    );
    const u = user();
    await u.click(screen.getByRole("button", { name: "Ask an administrator" }));
    await u.type(screen.getByRole("textbox", { name: /Why you need it/ }), "Because.");
    await u.click(screen.getByRole("button", { name: "Send the request" }));
    expect(await screen.findByText("Sending the request failed.")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Send the request" }));
    expect(await screen.findByTestId("request-sent")).toBeInTheDocument();
  });
});

describe("asking an administrator after a run stopped for lack of a right", () => {
  const runProps = (problem: ReturnType<typeof describeError>, status: "failed" | "rolledBack" = "failed") => ({
    snapshot: { status, steps: [], problem },
    now: () => NOW,
    connectionName: "c",
    onRetry: vi.fn(),
    onRollback: vi.fn(),
    onCancel: vi.fn(),
    onRename: () => undefined,
    onShorterLifetime: vi.fn(),
    onSignInAgain: vi.fn(),
  });

  it("offers to roll back and ask when Graph or ARM refused for lack of rights, not for other failures", async () => {
    const store = new MemoryDocumentStore();
    const denied = describeError(new ServiceError("graph", 403, "Authorization_RequestDenied", "Insufficient privileges"), {
      step: "Creating the app",
    });
    const roles = describeError(new ServiceError("arm", 403, "AuthorizationFailed", "roleAssignments/write"), { step: "Assigning" });
    const outage = describeError(new ServiceError("arm", 503, "ServiceUnavailable", "down"), { step: "Assigning" });
    const props = runProps(denied);
    const { rerender } = render(<RunOrAsk requests={requester(store)} form={form()} onDone={vi.fn()} {...props} />);
    await user().click(screen.getByRole("button", { name: "Roll back and ask an administrator" }));
    expect(props.onRollback).toHaveBeenCalledTimes(1);
    rerender(<RunOrAsk requests={requester(store)} form={form()} onDone={vi.fn()} {...runProps(denied, "rolledBack")} />);
    expect(screen.getByTestId("ask-administrator")).toBeInTheDocument();
    rerender(<RunOrAsk key="fresh" requests={requester(store)} form={form()} onDone={vi.fn()} {...runProps(roles)} />);
    expect(screen.getByRole("button", { name: "Roll back and ask an administrator" })).toBeInTheDocument();
    rerender(<RunOrAsk key="other" requests={requester(store)} form={form()} onDone={vi.fn()} {...runProps(outage)} />);
    expect(screen.queryByRole("button", { name: "Roll back and ask an administrator" })).toBeNull();
  });
});

describe("the requester's requests on the home page", () => {
  it("show each outcome with the connection as Azure DevOps has it", async () => {
    const store = new MemoryDocumentStore();
    const ids = ["aaaaaaaa-0000-4000-8000-000000000001", "aaaaaaaa-0000-4000-8000-000000000002", "aaaaaaaa-0000-4000-8000-000000000003"];
    for (const [index, id] of ids.entries()) {
      const f = form({ connection: { ...form().connection, name: `conn-${index}` } });
      await createRequest(store, { id, form: f, project: PROJECT, requester: REQUESTER, reason: "why" }, NOW);
    }
    const connectionId = "9a9a9a9a-0000-4000-8000-000000000009";
    await approveRequest(store, ids[0]!, { connectionId, assignedRole: READER_ROLE, admin: ADMIN }, NOW);
    await rejectRequest(store, ids[1]!, "Use the shared one.", ADMIN, NOW);
    store.plant(REQUESTS_COLLECTION, "broken", { id: "broken", status: "open" });
    render(<MyRequestsCard requests={requester(store, [{ id: connectionId, name: "conn-0" }])} />);

    const approved = await screen.findByText(/Approved by Ada Admin/);
    const entry = approved.closest("li")!;
    expect(within(entry as HTMLElement).getByText(/with the role Reader/)).toBeInTheDocument();
    expect(within(entry as HTMLElement).getByTestId("role-changed")).toHaveTextContent("changed from Contributor to Reader by Ada Admin");
    expect(within(entry as HTMLElement).getByRole("link", { name: "conn-0" })).toHaveAttribute(
      "href",
      expect.stringContaining(connectionId),
    );
    expect(screen.getByText(/Reason: Use the shared one\./)).toBeInTheDocument();
    expect(screen.getByText(/Waiting for an administrator/)).toBeInTheDocument();
    expect(screen.getByText(/1 request\(s\) in this organization could not be read/)).toBeInTheDocument();

    await user().click(screen.getByRole("button", { name: "Withdraw" }));
    expect(await screen.findByText("You withdrew this request.")).toBeInTheDocument();
  });

  it("shows nothing when the person has asked nothing", async () => {
    const store = new MemoryDocumentStore();
    const { container } = render(<MyRequestsCard requests={requester(store)} />);
    await waitFor(() => expect(container).toBeEmptyDOMElement());
  });
});

describe("the administrator's Requests tab", () => {
  const reviews = (store: MemoryDocumentStore, projects = [PROJECT]) =>
    createRequestReviewServices({
      store,
      projects: { listProjects: async () => projects },
      admin: ADMIN,
      clock,
      linkedRequestId: async () => undefined,
      provisioningFor: async () => {
        throw new Error("The test did not expect a run.");
      },
    });

  it("lists open requests and the unreadable count, and rejects one with a reason", async () => {
    const store = new MemoryDocumentStore();
    await createRequest(
      store,
      { id: REQUEST_ID, form: form(), project: PROJECT, requester: REQUESTER, reason: "Deploys <b>web</b>." },
      NOW,
    );
    store.plant(REQUESTS_COLLECTION, "x", { schema: 1, id: "x" });
    render(<RequestsTab reviews={reviews(store)} />);
    const u = user();
    expect(await screen.findByText(/Open requests \(1\)/)).toBeInTheDocument();
    expect(screen.getByTestId("requests-unreadable")).toHaveTextContent("1 request document(s) could not be read");
    await u.click(screen.getByRole("button", { name: 'Open the request for "contoso-fabrikam-web"' }));
    // Text, never markup.
    expect(await screen.findByText("Deploys <b>web</b>.")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Reject" }));
    expect(screen.getByText("Say why you need this connection, so the administrator can decide.")).toBeInTheDocument();
    await u.type(screen.getByRole("textbox", { name: /Reason for rejecting/ }), "Not this quarter.");
    await u.click(screen.getByRole("button", { name: "Reject" }));
    expect(await screen.findByTestId("request-status")).toHaveTextContent("rejected, by Ada Admin");
    expect(store.writes.at(-1)!.document).toMatchObject({ status: "rejected", decision: { reason: "Not this quarter." } });
  });

  it("refuses to run for a project the administrator cannot see", async () => {
    const store = new MemoryDocumentStore();
    await createRequest(store, { id: REQUEST_ID, form: form(), project: PROJECT, requester: REQUESTER, reason: "why" }, NOW);
    render(<RequestsTab reviews={reviews(store, [])} linkedId={REQUEST_ID} />);
    expect(await screen.findByText("The request's project is not one you can see.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Approve and create" })).toBeNull();
  });

  it("says a linked request is gone or unreadable", async () => {
    render(<RequestsTab reviews={reviews(new MemoryDocumentStore())} linkedId={REQUEST_ID} />);
    expect(await screen.findByText("This request is gone or could not be read.")).toBeInTheDocument();
  });
});
