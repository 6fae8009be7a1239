import { Button } from "azure-devops-ui/Button";
import { summaryText, tallyRows, type BulkRow, type BulkSnapshot } from "../../workflows/bulk/bulkRun";
import { problemText } from "../common/problemText";
import { BulkTable, SCOPE_COLUMN, STATUS_COLUMN, type BulkColumn } from "./BulkTable";

export interface BulkRunPageProps {
  snapshot: BulkSnapshot;
  onRetryFailed: () => void;
  onRollbackFailed: () => void;
  onRollbackAll: () => void;
  onCancel: () => void;
  /** Starts the scopes a Cancel left unstarted. */
  onStartRest: () => void;
  onResult: () => void;
  onClose: () => void;
}

const COLUMNS: BulkColumn[] = [
  SCOPE_COLUMN,
  {
    id: "connection",
    name: "Service connection",
    width: -25,
    render: (row) => <span className="bulk-cell-text">{row.connectionName}</span>,
  },
  STATUS_COLUMN,
];

/** Step 8 of a bulk run: one line per scope with its own state; at the end, what came of it and what to do next. */
export function BulkRunPage(props: BulkRunPageProps) {
  const { snapshot, onRetryFailed, onRollbackFailed, onRollbackAll, onCancel, onStartRest, onResult, onClose } = props;
  const { rows, busy } = snapshot;
  const tally = tallyRows(rows);
  const inFlight = rows.some((r) => r.status === "running");
  const leftToRollBack = rows.some((r) => r.status !== "ready" && r.status !== "rolledBack");
  const failed = rows.filter((r) => r.status === "failed" || r.status === "rollbackIncomplete" || r.status === "rollbackFailed");
  const done = rows.length - tally.pending;
  const unstarted = rows.filter((r) => r.status === "ready").length;
  return (
    <div className="flex-column rhythm-vertical-16">
      <p className="bulk-summary body-m" role="status" aria-live="polite" data-testid="bulk-summary">
        {busy ? `Working: ${done} of ${rows.length} finished. ${summaryText(rows)}.` : `${summaryText(rows)}.`}
      </p>
      <BulkTable rows={rows} columns={COLUMNS} label="The connections of this run" />
      {failed.length > 0 && !busy && (
        <section aria-label="What went wrong">
          <h3 className="title-xs">What went wrong</h3>
          <ul className="bulk-problems">
            {failed.map((row) => (
              <ProblemLine key={row.runId} row={row} />
            ))}
          </ul>
        </section>
      )}
      <div className="flex-row rhythm-horizontal-8">
        {busy && inFlight && <Button text="Cancel" onClick={onCancel} />}
        {!busy && unstarted > 0 && <Button text={`Start the other ${unstarted}`} onClick={onStartRest} />}
        {!busy && tally.failed > 0 && <Button primary text="Retry failed" onClick={onRetryFailed} />}
        {!busy && tally.failed > 0 && <Button text="Roll back failed" onClick={onRollbackFailed} />}
        {!busy && leftToRollBack && <Button text="Roll back all" onClick={onRollbackAll} />}
        {!busy && tally.verified + tally.unverified > 0 && (
          <Button primary={tally.failed === 0} text="See the connections" onClick={onResult} />
        )}
        {!busy && !leftToRollBack && <Button text="Close" onClick={onClose} />}
      </div>
    </div>
  );
}

function ProblemLine({ row }: { row: BulkRow }) {
  if (!row.problem) return <li>{`${row.connectionName}: failed.`}</li>;
  const text = problemText(row.problem);
  return (
    <li>
      <strong>{row.connectionName}</strong>
      {`: ${text.title} ${text.detail} What to do: ${text.action}`}
    </li>
  );
}
