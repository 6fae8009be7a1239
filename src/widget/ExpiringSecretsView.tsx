import { Link } from "azure-devops-ui/Link";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { Status, Statuses, StatusSize } from "azure-devops-ui/Status";
import type { MouseEvent, KeyboardEvent } from "react";
import type { Problem } from "../platform/problem";
import { describeDays, type ExpiringConnection, type ExpiringSummary } from "../workflows/expiry/expiringConnections";

/**
 * The dashboard widget "Azure secrets expiring", as pure rendering: the widget entry reads the data and passes it in.
 * Every string that came from the expiry index (a reader's display name) is rendered as React text, never as markup
 * or a link; links are built only from a connection id the viewer's own Azure DevOps call returned.
 */
export type WidgetViewState =
  | { kind: "loading" }
  | { kind: "failed"; problem: Problem }
  | { kind: "ready"; summary: ExpiringSummary; thresholdDays: number; now: number };

export interface ExpiringSecretsViewProps {
  title: string;
  /** Column span of the widget (2 or 4): the wide layout puts the reading next to the expiry. */
  columnSpan: number;
  state: WidgetViewState;
  /** The hub's page, with a connection to open when one is given; undefined when the hub's address is unknown. */
  hubUrl: (connectionId?: string) => string | undefined;
  /** Opens a URL in the top page through the host (an extension frame may not navigate its parent itself). */
  open: (url: string) => void;
}

const dateText = (iso: string) =>
  new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

function expiryText(row: ExpiringConnection): string {
  if (row.state === "expired") return row.daysLeft === -1 || row.daysLeft === 0 ? "Expired today" : `Expired ${describeDays(row.daysLeft)}`;
  return `Expires ${describeDays(row.daysLeft)}`;
}

function readText(row: ExpiringConnection): string {
  const when = row.readDaysAgo === 0 ? "today" : describeDays(-row.readDaysAgo);
  return `Read ${when} by ${row.readByName}`;
}

function summaryText(summary: ExpiringSummary, thresholdDays: number): string {
  const expired = summary.expiring.filter((r) => r.state === "expired").length;
  const expiring = summary.expiring.length - expired;
  if (expired === 0 && expiring === 0) return `No secret expires within ${thresholdDays} days.`;
  const parts: string[] = [];
  if (expired > 0) parts.push(expired === 1 ? "1 secret has expired" : `${expired} secrets have expired`);
  if (expiring > 0) parts.push(`${expiring === 1 ? "1 secret expires" : `${expiring} secrets expire`} within ${thresholdDays} days`);
  return `${parts.join(" · ")}.`;
}

function HostLink({ url, open, children, className }: { url: string; open: (url: string) => void; children: string; className?: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement> | KeyboardEvent<HTMLAnchorElement>) => {
    // A plain click goes through the host; ctrl/cmd/shift-click keeps the browser's own "open in new tab".
    if ("button" in event && (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey)) return;
    event.preventDefault();
    open(url);
  };
  return (
    <Link href={url} target="_top" rel="noopener noreferrer" onClick={onClick} {...(className ? { className } : {})}>
      {children}
    </Link>
  );
}

function Row({
  row,
  wide,
  hubUrl,
  open,
}: {
  row: ExpiringConnection;
  wide: boolean;
  hubUrl: ExpiringSecretsViewProps["hubUrl"];
  open: ExpiringSecretsViewProps["open"];
}) {
  const url = hubUrl(row.connectionId);
  const expired = row.state === "expired";
  return (
    <li className={`expiry-row flex-row ${wide ? "expiry-row-wide" : ""}`} data-testid="expiring-connection">
      <Status
        {...(expired ? Statuses.Failed : Statuses.Warning)}
        size={StatusSize.m}
        className="expiry-status flex-noshrink"
        ariaLabel={expired ? "Expired" : "Expiring"}
      />
      <div className="expiry-text flex-column">
        {url ? (
          <HostLink url={url} open={open} className="expiry-name text-ellipsis">
            {row.name}
          </HostLink>
        ) : (
          <span className="expiry-name text-ellipsis">{row.name}</span>
        )}
        <span className={expired ? "expiry-when expiry-expired" : "expiry-when"}>
          {expiryText(row)} (<time dateTime={row.endDateTime}>{dateText(row.endDateTime)}</time>)
        </span>
        <span className={`expiry-read secondary-text ${row.stale ? "expiry-stale" : ""}`}>
          {readText(row)} (<time dateTime={row.readAt}>{dateText(row.readAt)}</time>){row.stale ? " · may be out of date" : ""}
        </span>
      </div>
    </li>
  );
}

function Footer({
  summary,
  hubUrl,
  open,
}: {
  summary: ExpiringSummary;
  hubUrl: ExpiringSecretsViewProps["hubUrl"];
  open: ExpiringSecretsViewProps["open"];
}) {
  const url = hubUrl();
  const notes: string[] = [];
  if (summary.unread > 0)
    notes.push(summary.unread === 1 ? "1 connection has no reading yet" : `${summary.unread} connections have no reading yet`);
  if (summary.ignored > 0)
    notes.push(summary.ignored === 1 ? "1 unreadable index entry ignored" : `${summary.ignored} unreadable index entries ignored`);
  return (
    <div className="expiry-footer secondary-text">
      {notes.length > 0 ? <span data-testid="expiry-notes">{notes.join(" · ")}. </span> : null}
      {url ? (
        <HostLink url={url} open={open}>
          Open Azure connections
        </HostLink>
      ) : null}
    </div>
  );
}

export function ExpiringSecretsView({ title, columnSpan, state, hubUrl, open }: ExpiringSecretsViewProps) {
  const wide = columnSpan >= 4;
  return (
    <section className={`expiry-widget flex-column ${wide ? "expiry-widget-wide" : ""}`} aria-labelledby="expiry-widget-title">
      <h2 id="expiry-widget-title" className="expiry-title title-s text-ellipsis">
        {title}
      </h2>
      {state.kind === "loading" ? <Spinner size={SpinnerSize.medium} label="Reading the project's connections…" /> : null}
      {state.kind === "failed" ? (
        <MessageCard severity={MessageCardSeverity.Error} className="expiry-problem">
          <span>
            {state.problem.title} {state.problem.action}
          </span>
        </MessageCard>
      ) : null}
      {state.kind === "ready" ? (
        <>
          <p className="expiry-summary" data-testid="expiry-summary">
            {summaryText(state.summary, state.thresholdDays)}
          </p>
          {state.summary.expiring.length > 0 ? (
            // Focusable so a keyboard user can scroll a list longer than the tile.
            <ul className="expiry-list" tabIndex={0} aria-label="Connections whose secret expires soon or has expired">
              {state.summary.expiring.map((row) => (
                <Row key={row.connectionId} row={row} wide={wide} hubUrl={hubUrl} open={open} />
              ))}
            </ul>
          ) : null}
          <Footer summary={state.summary} hubUrl={hubUrl} open={open} />
        </>
      ) : null}
    </section>
  );
}
