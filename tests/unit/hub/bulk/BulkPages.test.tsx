import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { BulkResultPage } from "../../../../src/hub/bulk/BulkResultPage";
import { BulkReview } from "../../../../src/hub/bulk/BulkReview";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { planBulk } from "../../../../src/workflows/bulk/bulkPlan";
import { planSharedApp } from "../../../../src/workflows/bulk/sharedAppRun";
import { READER } from "../../../../src/workflows/provisioning/form";
import { BulkRunPage, type BulkRunPageProps } from "../../../../src/hub/bulk/BulkRunPage";
import type { BulkRow } from "../../../../src/workflows/bulk/bulkRun";
import { formFor } from "../../../support/provisioningForms";

const SECRET = "Zq8~not-a-real-secret-but-shaped-like-one";

function row(index: number, over: Partial<BulkRow> = {}): BulkRow {
  return {
    index,
    runId: `run-${index}`,
    scope: { level: "Subscription", subscriptionId: `sub-${index}`, subscriptionName: `Team ${index}` },
    appName: `contoso-web-Team ${index}`,
    connectionName: `contoso-web-Team ${index}`,
    roleName: "Reader",
    status: "succeeded",
    created: { endpointId: `endpoint-${index}`, appId: `app-${index}`, verified: true },
    ...over,
  };
}

const FAILED = row(2, {
  status: "failed",
  created: { appId: "app-2" },
  problem: { title: "Assigning the role failed.", detail: "You may not assign roles there.", action: "Ask an Owner." },
});

function renderRun(rows: BulkRow[], busy = false) {
  const props: BulkRunPageProps = {
    snapshot: { rows, busy },
    onRetryFailed: vi.fn(),
    onRollbackFailed: vi.fn(),
    onRollbackAll: vi.fn(),
    onCancel: vi.fn(),
    onStartRest: vi.fn(),
    onResult: vi.fn(),
    onClose: vi.fn(),
  };
  render(<BulkRunPage {...props} />);
  return { props, user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }) };
}

describe("the bulk run page", () => {
  it("shows a line per scope with its own state while it runs, and only Cancel", () => {
    renderRun([row(0), row(1, { status: "running", created: {} }), row(2, { status: "ready", created: {} })], true);
    expect(screen.getByTestId("bulk-summary")).toHaveTextContent("Working: 1 of 3 finished. 1 created and verified, 2 not finished.");
    const table = screen.getByRole("grid", { name: "The connections of this run" });
    expect(within(table).getByText("Created and verified")).toBeInTheDocument();
    expect(within(table).getByText("Creating")).toBeInTheDocument();
    expect(within(table).getByText("Waiting")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Cancel" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Retry failed" })).not.toBeInTheDocument();
  });

  it("ends with the tally, each failure's reason, and Retry failed / Roll back failed / Roll back all", async () => {
    const { props, user } = renderRun([row(0), row(1), FAILED]);
    expect(screen.getByTestId("bulk-summary")).toHaveTextContent("2 created and verified, 1 failed.");
    expect(screen.getByText(/You may not assign roles there\. What to do: Ask an Owner\./)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Retry failed" }));
    await user.click(screen.getByRole("button", { name: "Roll back failed" }));
    await user.click(screen.getByRole("button", { name: "Roll back all" }));
    await user.click(screen.getByRole("button", { name: "See the connections" }));
    expect(props.onRetryFailed).toHaveBeenCalledOnce();
    expect(props.onRollbackFailed).toHaveBeenCalledOnce();
    expect(props.onRollbackAll).toHaveBeenCalledOnce();
    expect(props.onResult).toHaveBeenCalledOnce();
  });

  it("once everything is rolled back, offers only Close", () => {
    renderRun([row(0, { status: "rolledBack", created: {} }), row(1, { status: "rolledBack", created: {} })]);
    expect(screen.getByTestId("bulk-summary")).toHaveTextContent("2 rolled back.");
    expect(screen.getAllByRole("button").map((b) => b.textContent)).toEqual(["Close"]);
  });
});

describe("the bulk result page", () => {
  function renderResult(rows: BulkRow[]) {
    const reveal = vi.fn((index: number) => (index === 1 ? SECRET : undefined));
    render(
      <BulkResultPage
        rows={rows}
        connectionUrl={(id) => `https://dev.azure.com/contoso/web/_settings/adminservices?resourceId=${id}`}
        appUrl={(appId) => `https://entra.microsoft.com/#appId/${appId}`}
        revealSecret={reveal}
        onBack={vi.fn()}
        onDone={vi.fn()}
      />,
    );
    return { reveal, user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }) };
  }

  it("lists the created connections with links, and a CSV of names and ids without any secret", async () => {
    const { user } = renderResult([row(0), row(1), FAILED]);
    expect(screen.getByTestId("bulk-result-outcome")).toHaveTextContent("2 created and verified, 1 failed.");
    const table = screen.getByRole("grid", { name: "The connections created" });
    expect(within(table).getByRole("link", { name: "contoso-web-Team 0" })).toHaveAttribute(
      "href",
      "https://dev.azure.com/contoso/web/_settings/adminservices?resourceId=endpoint-0",
    );
    expect(within(table).queryByText("contoso-web-Team 2")).not.toBeInTheDocument();
    const download = screen.getByRole("link", { name: "Download the names and IDs (CSV)" });
    expect(download).toHaveAttribute("download", "service-connections.csv");
    const csv = decodeURIComponent(download.getAttribute("href")!.replace(/^data:text\/csv;charset=utf-8,/, ""));
    expect(csv).toContain("contoso-web-Team 1,endpoint-1,contoso-web-Team 1,app-1,subscription Team 1,Reader,verified");
    expect(csv).toContain("contoso-web-Team 2,,contoso-web-Team 2,app-2,subscription Team 2,Reader,failed");
    await user.click(screen.getByRole("button", { name: "Show the CSV" }));
    expect(screen.getByRole("textbox", { name: "Names and IDs (CSV)" })).toHaveValue(csv.replace(/\r\n/g, "\n"));
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it("shows one connection's secret only when asked, on its own line", async () => {
    const { user, reveal } = renderResult([row(0), row(1)]);
    expect(reveal).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Show the secret of contoso-web-Team 1" }));
    expect(reveal).toHaveBeenCalledExactlyOnceWith(1);
    expect(screen.getAllByTestId("secret-value").map((e) => e.textContent)).toEqual([SECRET]);
    await user.click(screen.getByRole("button", { name: "Hide the secret of contoso-web-Team 1" }));
    expect(document.body.innerHTML).not.toContain(SECRET);
  });
});

describe("the bulk result page with federation", () => {
  it("offers no secret for a federated connection", () => {
    const federated = row(0, { created: { endpointId: "endpoint-0", appId: "app-0", verified: true, federatedCredentialId: "fic-0" } });
    const reveal = vi.fn();
    render(
      <BulkResultPage
        rows={[federated, row(1)]}
        connectionUrl={(id) => `https://dev.azure.com/contoso/web/_settings/adminservices?resourceId=${id}`}
        appUrl={(appId) => `https://entra.microsoft.com/${appId}`}
        revealSecret={reveal}
        onBack={vi.fn()}
        onDone={vi.fn()}
      />,
    );
    expect(screen.getByText("None: workload identity federation")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Show the secret of contoso-web-Team 0" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Show the secret of contoso-web-Team 1" })).toBeInTheDocument();
  });
});

describe("the bulk Review", () => {
  const plan = planBulk({
    form: formFor("Subscription"),
    scopes: [0, 1, 2].map((i) => ({ level: "Subscription" as const, subscriptionId: `sub-${i}`, subscriptionName: `Team ${i}` })),
    context: { organization: "contoso", project: { id: "p", name: "web" }, userObjectId: "u" },
    cloud: AZURE_CLOUD,
    role: { id: READER.id, roleName: "Reader", confirmed: true, risk: "read" },
    newRunId: (() => {
      let n = 0;
      return () => `run-${++n}`;
    })(),
  });
  const ok = { id: "connectionName" as const, status: "ok" as const, text: "The name is free." };

  it("lists every scope with its app and connection names, and waits for the checks", () => {
    render(<BulkReview plan={plan} checks={{ status: "loading" }} onCreate={vi.fn()} />);
    const rows = within(screen.getByRole("table", { name: "The scopes, and what each gets" })).getAllByRole("row");
    expect(rows).toHaveLength(4);
    expect(
      within(rows[2]!)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["subscription Team 1", "contoso-web-Team 1", "contoso-web-Team 1", "Reader", "Checking…"]);
    expect(screen.getByRole("button", { name: "Create 3 connections" })).toHaveAttribute("aria-disabled", "true");
  });

  it("stops Create while a scope's check says it would fail, and says which", () => {
    const taken = { id: "connectionName" as const, status: "warning" as const, text: "The name is taken.", blocks: true };
    const checks = new Map(plan.parts.map((p, i) => [p.plan.runId, [i === 2 ? taken : ok]]));
    render(<BulkReview plan={plan} checks={{ status: "ready", value: checks }} onCreate={vi.fn()} />);
    expect(screen.getByText("The name is taken.")).toBeInTheDocument();
    expect(screen.getAllByText("No problem found")).toHaveLength(2);
    expect(screen.getByText(/a check says a scope would fail/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create 3 connections" })).toHaveAttribute("aria-disabled", "true");
  });

  it("offers Create once every check has passed", async () => {
    const onCreate = vi.fn();
    const checks = new Map(plan.parts.map((p) => [p.plan.runId, [ok]]));
    render(<BulkReview plan={plan} checks={{ status: "ready", value: checks }} onCreate={onCreate} />);
    await userEvent.setup({ delay: null }).click(screen.getByRole("button", { name: "Create 3 connections" }));
    expect(onCreate).toHaveBeenCalledOnce();
  });

  it("for workspaces, asks how to verify, as a single workspace's Review does, before Create", async () => {
    const onChange = vi.fn();
    const checks = new Map(plan.parts.map((p) => [p.plan.runId, [ok]]));
    const mlChoice = { subscriptionName: "Contoso Production", value: undefined, onChange };
    render(<BulkReview plan={plan} checks={{ status: "ready", value: checks }} mlChoice={mlChoice} onCreate={vi.fn()} />);
    expect(screen.getByText("Choose how to verify the connections first.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create 3 connections" })).toHaveAttribute("aria-disabled", "true");
    await userEvent
      .setup({ delay: null })
      .click(screen.getByRole("radio", { name: /Also grant Reader at the subscription Contoso Production/ }));
    expect(onChange).toHaveBeenCalledWith("subscriptionReader");
  });

  it("with one shared app, lists each object: the app, its principal, its secret, each role assignment and connection", () => {
    const shared = planSharedApp(plan, "shared-run", "contoso-web-shared");
    render(<BulkReview plan={plan} shared={shared} checks={{ status: "loading" }} onCreate={vi.fn()} />);
    expect(screen.getByText(/one app registration with one client secret shared by every scope/)).toBeInTheDocument();
    const objects = screen.getByTestId("shared-app-objects");
    expect(within(objects).getByText('App registration "contoso-web-shared"')).toBeInTheDocument();
    expect(within(objects).getByText(/^Its service principal/)).toBeInTheDocument();
    expect(within(objects).getByText(/^Its client secret .*used by every connection$/)).toBeInTheDocument();
    expect(within(objects).getAllByText("Reader role assignment for the service principal")).toHaveLength(3);
    for (const i of [0, 1, 2]) {
      expect(within(objects).getByText(`subscription Team ${i}`)).toBeInTheDocument();
      expect(within(objects).getByText(new RegExp(`^Service connection "contoso-web-Team ${i}"`))).toBeInTheDocument();
    }
    expect(screen.queryByText(/Steps of each scope/)).not.toBeInTheDocument();
  });

  it("with one shared app and federation, lists a federated credential per connection and no secret", () => {
    const federated = planBulk({
      form: formFor("Subscription", { credential: "federation" }),
      scopes: [0, 1, 2].map((i) => ({ level: "Subscription" as const, subscriptionId: `sub-${i}`, subscriptionName: `Team ${i}` })),
      context: { organization: "contoso", project: { id: "p", name: "web" }, userObjectId: "u" },
      cloud: AZURE_CLOUD,
      newRunId: () => "run",
    });
    const shared = planSharedApp(federated, "shared-run", "contoso-web-shared");
    render(<BulkReview plan={federated} shared={shared} checks={{ status: "loading" }} onCreate={vi.fn()} />);
    const objects = screen.getByTestId("shared-app-objects");
    expect(within(objects).getByText(/^No client secret/)).toBeInTheDocument();
    expect(within(objects).getAllByText(/^A federated credential on the app/)).toHaveLength(3);
    expect(within(objects).queryByText(/^Its client secret/)).not.toBeInTheDocument();
    expect(within(objects).getAllByText(/workload identity federation/)).toHaveLength(3);
  });
});
