import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ExpiringSecretsView, type WidgetViewState } from "../../../src/widget/ExpiringSecretsView";
import { WidgetConfigurationView, thresholdError } from "../../../src/widget/WidgetConfigurationView";
import { hubAddress } from "../../../src/widget/widgetHost";
import type { ExpiringConnection, ExpiringSummary } from "../../../src/workflows/expiry/expiringConnections";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const ID_A = "0f8fad5b-d9cb-469f-a165-70867728950e";
const ID_B = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

const row = (over: Partial<ExpiringConnection>): ExpiringConnection => ({
  connectionId: ID_A,
  name: "deploy-prod",
  state: "expiring",
  endDateTime: "2026-12-17T12:00:00.000Z",
  daysLeft: 10,
  readAt: "2026-12-06T12:00:00.000Z",
  readByName: "Ada Admin",
  stale: false,
  readDaysAgo: 1,
  ...over,
});

const ready = (expiring: ExpiringConnection[], over: Partial<ExpiringSummary> = {}): WidgetViewState => ({
  kind: "ready",
  thresholdDays: 30,
  now: NOW,
  summary: { expiring, visible: expiring.length, unread: 0, ignored: 0, ...over },
});

const hubUrl = (id?: string) => `https://dev.azure.com/org/Web/_settings/pub.ext.azure-connections-hub${id ? `?connection=${id}` : ""}`;

function renderView(state: WidgetViewState, columnSpan = 2) {
  const open = vi.fn();
  render(<ExpiringSecretsView title="Azure secrets expiring" columnSpan={columnSpan} state={state} hubUrl={hubUrl} open={open} />);
  return { open };
}

describe("the widget's view", () => {
  it("lists expired and expiring secrets with their dates, and when and by whom they were read", () => {
    renderView(
      ready([
        row({ connectionId: ID_B, name: "old-app", state: "expired", daysLeft: -3, endDateTime: "2026-12-04T12:00:00.000Z" }),
        row({}),
      ]),
    );
    expect(screen.getByRole("heading", { name: "Azure secrets expiring" })).toBeInTheDocument();
    expect(screen.getByTestId("expiry-summary")).toHaveTextContent("1 secret has expired · 1 secret expires within 30 days.");
    const list = screen.getByRole("list", { name: "Connections whose secret expires soon or has expired" });
    const [first, second] = within(list).getAllByRole("listitem");
    expect(first).toHaveTextContent("old-appExpired 3 days ago (Dec 4, 2026)Read 1 day ago by Ada Admin (Dec 6, 2026)");
    expect(second).toHaveTextContent("deploy-prodExpires in 10 days (Dec 17, 2026)");
    expect(within(first!).getByLabelText("Expired")).toBeInTheDocument();
  });

  it("says when a reading is old and may be out of date", () => {
    renderView(ready([row({ stale: true, readDaysAgo: 200, readAt: "2026-05-21T12:00:00.000Z" })]));
    expect(screen.getByTestId("expiring-connection")).toHaveTextContent(
      "Read 200 days ago by Ada Admin (May 21, 2026) · may be out of date",
    );
  });

  it("shows a script-like reader name as text only", () => {
    const { container } = render(
      <ExpiringSecretsView
        title="t"
        columnSpan={2}
        state={ready([row({ readByName: '<img src=x onerror="alert(1)">' })])}
        hubUrl={hubUrl}
        open={vi.fn()}
      />,
    );
    expect(screen.getByText(/by <img src=x onerror="alert\(1\)">/)).toBeInTheDocument();
    expect(container.querySelector("img")).toBeNull();
  });

  it("links each name to the hub's page for that connection and opens it through the host", async () => {
    const { open } = renderView(ready([row({})]));
    const link = screen.getByRole("link", { name: "deploy-prod" });
    expect(link).toHaveAttribute("href", hubUrl(ID_A));
    await userEvent.click(link);
    expect(open).toHaveBeenCalledWith(hubUrl(ID_A));
  });

  it("leaves a ctrl-click to the browser (open in a new tab)", () => {
    const { open } = renderView(ready([row({})]));
    // jsdom cannot open a tab: stop the browser's default once the widget has let it through.
    const stop = (e: Event) => e.preventDefault();
    document.addEventListener("click", stop, { once: true });
    fireEvent.click(screen.getByRole("link", { name: "deploy-prod" }), { ctrlKey: true });
    expect(open).not.toHaveBeenCalled();
  });

  it("says when nothing expires, and what it could not read", () => {
    renderView(ready([], { unread: 2, ignored: 1 }));
    expect(screen.getByTestId("expiry-summary")).toHaveTextContent("No secret expires within 30 days.");
    expect(screen.getByTestId("expiry-notes")).toHaveTextContent("2 connections have no reading yet · 1 unreadable index entry ignored.");
    expect(screen.getByRole("link", { name: "Open Azure connections" })).toHaveAttribute("href", hubUrl());
  });

  it("shows a labelled spinner while reading, and a problem with what to do when it fails", () => {
    const { unmount } = render(<ExpiringSecretsView title="t" columnSpan={2} state={{ kind: "loading" }} hubUrl={hubUrl} open={vi.fn()} />);
    expect(screen.getByText("Reading the project's connections…")).toBeInTheDocument();
    unmount();
    renderView({ kind: "failed", problem: { title: "Azure DevOps refused the request.", detail: "403", action: "Ask for access." } });
    expect(screen.getByText("Azure DevOps refused the request. Ask for access.")).toBeInTheDocument();
  });

  it("lays the reading beside the expiry at 4x2", () => {
    const { container } = render(<ExpiringSecretsView title="t" columnSpan={4} state={ready([row({})])} hubUrl={hubUrl} open={vi.fn()} />);
    expect(container.querySelector(".expiry-widget-wide")).not.toBeNull();
  });
});

describe("the hub's address", () => {
  it("is the Project Settings page of the hub contribution, with the connection to open", () => {
    expect(hubAddress("https://dev.azure.com/contoso/", "Fabrikam Web", "pub.ext", ID_A)).toBe(
      `https://dev.azure.com/contoso/Fabrikam%20Web/_settings/pub.ext.azure-connections-hub?connection=${ID_A}`,
    );
    expect(hubAddress("https://contoso.visualstudio.com", "Web", "pub.ext")).toBe(
      "https://contoso.visualstudio.com/Web/_settings/pub.ext.azure-connections-hub",
    );
  });

  it("builds no link for an id that is not a GUID, or a root that is not a web address", () => {
    expect(hubAddress("https://dev.azure.com/contoso/", "Web", "pub.ext", "javascript:alert(1)")).toBeUndefined();
    expect(hubAddress("javascript:alert(1)//", "Web", "pub.ext")).toBeUndefined();
    expect(hubAddress("not a url", "Web", "pub.ext")).toBeUndefined();
  });
});

describe("the configuration page", () => {
  it("has a visible label, reports each valid number of days, and explains an invalid one", async () => {
    const onChange = vi.fn();
    render(<WidgetConfigurationView initialDays={30} onChange={onChange} />);
    const field = screen.getByLabelText("Warn about secrets expiring within (days)");
    expect(field).toHaveValue(30);
    await userEvent.clear(field);
    await userEvent.type(field, "45");
    expect(onChange).toHaveBeenLastCalledWith(45);
    await userEvent.clear(field);
    await userEvent.type(field, "400");
    expect(onChange).toHaveBeenLastCalledWith(undefined);
    expect(screen.getByText("Enter a whole number of days from 1 to 365.")).toBeInTheDocument();
  });

  it.each([["0"], ["366"], ["2.5"], ["-1"], [""], ["1e3"]])("refuses %j", (text) => {
    expect(thresholdError(text)).toBeDefined();
  });
});
