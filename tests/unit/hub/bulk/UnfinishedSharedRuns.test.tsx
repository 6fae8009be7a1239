import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HubHome } from "../../../../src/hub/HubHome";
import type { BulkSnapshot } from "../../../../src/workflows/bulk/bulkRun";
import type { SharedAppJournal, SharedAppRun } from "../../../../src/workflows/bulk/sharedAppRun";
import type { HubServices } from "../../../../src/workflows/hub/hubServices";
import { DEFAULT_SETTINGS } from "../../../../src/workflows/settings/settings";
import { formFor } from "../../../support/provisioningForms";
import { fakeHubServices } from "../../fakes/fakeHubServices";

const SESSION = {
  organization: "contoso",
  userDisplayName: "Ada Admin",
  extensionId: "arm-secret-connection-hub",
  project: { id: "p-1", name: "Fabrikam Web" },
};
const ACCOUNT = { username: "ada@contoso.com", name: "Ada", tenantId: "t", objectId: "o" };

const forms = [0, 1, 2].map((i) => {
  const form = formFor("Subscription");
  return { ...form, app: { ...form.app, displayName: "deploy-all" }, connection: { ...form.connection, name: `conn-${i}` } };
});
const step = (id: string, status: "done" | "failed" | "waiting") => ({ id, title: id, status });
const JOURNAL: SharedAppJournal = {
  id: "aaaaaaaa-0000-4000-8000-000000000001",
  version: 1,
  createdAt: "2026-11-26T10:00:00.000Z",
  updatedAt: "2026-11-26T10:05:00.000Z",
  status: "running",
  forms,
  context: { organization: "contoso", project: { id: "p-1", name: "Fabrikam Web" }, userObjectId: "o" },
  created: { app: {}, scopes: [{}, {}, {}] },
  retired: [],
  steps: [step("createConnection#0", "done"), step("createConnection#1", "failed"), step("createConnection#2", "done")],
};

function snapshotOf(statuses: BulkSnapshot["rows"][number]["status"][]): BulkSnapshot {
  const rows = statuses.map((status, index) => ({
    index,
    runId: `${JOURNAL.id}#${index}`,
    scope: forms[index]!.scope,
    appName: "deploy-all",
    connectionName: `conn-${index}`,
    roleName: "Contributor",
    status,
    created: {},
  }));
  return { rows, busy: false };
}

/** A resumed run that records what the page asked of it. */
function fakeRun(calls: string[]) {
  let onChange: (snapshot: BulkSnapshot) => void = () => undefined;
  let current = snapshotOf(["succeeded", "failed", "succeeded"]);
  const act = (name: string, next: BulkSnapshot) => () => {
    calls.push(name);
    current = next;
    onChange(next);
    return Promise.resolve(next);
  };
  const run = {
    snapshot: () => current,
    retryFailed: act("retryFailed", snapshotOf(["succeeded", "succeeded", "succeeded"])),
    rollbackFailed: act("rollbackFailed", snapshotOf(["succeeded", "rolledBack", "succeeded"])),
    rollbackAll: act("rollbackAll", snapshotOf(["rolledBack", "rolledBack", "rolledBack"])),
    start: act("start", current),
    cancel: () => calls.push("cancel"),
    revealSecret: () => undefined,
    dropSecrets: () => calls.push("dropSecrets"),
  };
  const resume = (journal: SharedAppJournal, change: (snapshot: BulkSnapshot) => void) => {
    calls.push(`resume ${journal.id}`);
    onChange = change;
    return run as unknown as SharedAppRun;
  };
  return resume;
}

function servicesWith(calls: string[], overrides: Partial<HubServices> = {}) {
  return fakeHubServices(SESSION, {
    account: () => ACCOUNT,
    unfinishedSharedAppRuns: async () => ({ runs: [JOURNAL], unreadable: 2 }),
    resumeSharedAppRun: fakeRun(calls),
    ...overrides,
  });
}

describe("unfinished shared app runs on the start page", () => {
  it("lists each with its progress, and counts the journals that could not be read without offering them", async () => {
    render(<HubHome services={servicesWith([])} settings={DEFAULT_SETTINGS} />);
    const entry = await screen.findByText(/Shared app deploy-all: 2 of 3 scopes done/);
    const item = entry.closest("li")!;
    expect(within(item).getByRole("button", { name: "Resume Shared app deploy-all: 2 of 3 scopes done" })).toBeInTheDocument();
    expect(within(item).getByRole("button", { name: "Roll back Shared app deploy-all: 2 of 3 scopes done" })).toBeInTheDocument();
    expect(screen.getByTestId("shared-unreadable")).toHaveTextContent("2 saved shared app runs could not be read");
  });

  it("Resume opens the run page on the resumed run, where Roll back failed acts on it", async () => {
    const user = userEvent.setup();
    const calls: string[] = [];
    render(<HubHome services={servicesWith(calls)} settings={DEFAULT_SETTINGS} />);
    await user.click(await screen.findByRole("button", { name: /^Resume Shared app deploy-all/ }));
    expect(await screen.findByTestId("bulk-summary")).toBeInTheDocument();
    expect(calls).toEqual([`resume ${JOURNAL.id}`]);
    await user.click(screen.getByRole("button", { name: "Roll back failed" }));
    expect(calls).toContain("rollbackFailed");
    expect(calls).not.toContain("rollbackAll");
  });

  it("Roll back removes everything the run made, at once", async () => {
    const user = userEvent.setup();
    const calls: string[] = [];
    render(<HubHome services={servicesWith(calls)} settings={DEFAULT_SETTINGS} />);
    await user.click(await screen.findByRole("button", { name: /^Roll back Shared app deploy-all/ }));
    expect(await screen.findByTestId("bulk-summary")).toBeInTheDocument();
    expect(calls.slice(0, 2)).toEqual([`resume ${JOURNAL.id}`, "rollbackAll"]);
    await user.click(await screen.findByRole("button", { name: "Close" }));
    expect(await screen.findByRole("button", { name: "New service connection" })).toBeInTheDocument();
  });

  it("asks for a sign-in first when nobody is signed in", async () => {
    const user = userEvent.setup();
    const calls: string[] = [];
    let signedIn = false;
    const services = servicesWith(calls, {
      account: () => (signedIn ? ACCOUNT : undefined),
      signIn: async () => {
        signedIn = true;
        return ACCOUNT;
      },
    });
    render(<HubHome services={services} settings={DEFAULT_SETTINGS} />);
    await user.click(await screen.findByRole("button", { name: /^Resume Shared app deploy-all/ }));
    expect(await screen.findByText(/Sign in to resume or roll back the run started on 2026-11-26/)).toBeInTheDocument();
    expect(calls).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByTestId("bulk-summary")).toBeInTheDocument();
    expect(calls).toEqual([`resume ${JOURNAL.id}`]);
  });

  it("shows nothing when there is no unfinished shared run", async () => {
    render(<HubHome services={fakeHubServices(SESSION)} settings={DEFAULT_SETTINGS} />);
    expect(await screen.findByRole("button", { name: "New service connection" })).toBeInTheDocument();
    expect(screen.queryByText(/Unfinished shared app runs/)).not.toBeInTheDocument();
  });
});
