import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { BulkResultPage } from "../../../../src/hub/bulk/BulkResultPage";
import { BulkRunPage, type BulkRunPageProps } from "../../../../src/hub/bulk/BulkRunPage";
import type { BulkRow } from "../../../../src/workflows/bulk/bulkRun";

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
