import { Button } from "azure-devops-ui/Button";
import { Link } from "azure-devops-ui/Link";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { TextField } from "azure-devops-ui/TextField";
import { useMemo, useState } from "react";
import { bulkCsv } from "../../workflows/bulk/bulkCsv";
import { summaryText, type BulkRow } from "../../workflows/bulk/bulkRun";
import { BulkTable, SCOPE_COLUMN, STATUS_COLUMN, type BulkColumn } from "./BulkTable";

export interface BulkResultPageProps {
  rows: readonly BulkRow[];
  connectionUrl: (endpointId: string) => string;
  appUrl: (appId: string) => string;
  /** One connection's secret, on that person's explicit request for that line. */
  revealSecret: (index: number) => string | undefined;
  onBack: () => void;
  onDone: () => void;
}

/** Step 9 of a bulk run: the connections, with links and a CSV of names and ids; a secret only per line, on request. */
export function BulkResultPage({ rows, connectionUrl, appUrl, revealSecret, onBack, onDone }: BulkResultPageProps) {
  const created = useMemo(() => rows.filter((r) => r.created.endpointId && r.status === "succeeded"), [rows]);
  const [csvShown, setCsvShown] = useState(false);
  const csv = useMemo(() => bulkCsv(rows), [rows]);
  const columns: BulkColumn[] = [
    {
      id: "connection",
      name: "Service connection",
      width: -22,
      render: (row) => (
        <Link className="bulk-cell-text" href={connectionUrl(row.created.endpointId!)} target="_blank" rel="noopener noreferrer">
          {row.connectionName}
        </Link>
      ),
    },
    {
      id: "app",
      name: "Application (client) ID",
      width: -22,
      render: (row) => (
        <Link
          className="bulk-cell-text"
          href={appUrl(row.created.appId ?? "")}
          target="_blank"
          rel="noopener noreferrer"
          ariaLabel={`${row.appName}: ${row.created.appId}`}
        >
          {row.created.appId}
        </Link>
      ),
    },
    SCOPE_COLUMN,
    STATUS_COLUMN,
    {
      id: "secret",
      name: "Client secret",
      width: -18,
      render: (row) => <SecretCell row={row} reveal={() => revealSecret(row.index)} />,
    },
  ];
  return (
    <div className="flex-column rhythm-vertical-16">
      <MessageCard severity={created.length === rows.length ? MessageCardSeverity.Info : MessageCardSeverity.Warning}>
        <span data-testid="bulk-result-outcome">{`${summaryText(rows)}.`}</span>
      </MessageCard>
      <BulkTable rows={created} columns={columns} label="The connections created" />
      <p className="secondary-text">
        Each connection already holds its secret; you do not need to copy it. Show the secret only if you need it elsewhere: anyone who sees
        it can act as the app.
      </p>
      <div className="flex-row flex-center rhythm-horizontal-8">
        <a className="bolt-link" href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`} download="service-connections.csv">
          Download the names and IDs (CSV)
        </a>
        <Button text={csvShown ? "Hide the CSV" : "Show the CSV"} onClick={() => setCsvShown(!csvShown)} />
      </div>
      {csvShown && <TextField value={csv} multiline rows={Math.min(12, rows.length + 2)} readOnly ariaLabel="Names and IDs (CSV)" />}
      <div className="flex-row rhythm-horizontal-8">
        <Button text="Back to the run" onClick={onBack} />
        <Button primary text="Done" onClick={onDone} />
      </div>
    </div>
  );
}

/** One connection's secret: its own state, so the Table (which keeps rendered rows) shows it at once. */
function SecretCell({ row, reveal }: { row: BulkRow; reveal: () => string | undefined }) {
  const [secret, setSecret] = useState<string>();
  // A federated connection has no secret to show: pipelines sign in with the credential the app trusts.
  if (!row.created.secretKeyId && row.created.federatedCredentialId) return <span>None: workload identity federation</span>;
  return (
    <span className="flex-column rhythm-vertical-4">
      <Button
        text={secret === undefined ? "Show the secret" : "Hide the secret"}
        ariaLabel={`${secret === undefined ? "Show" : "Hide"} the secret of ${row.connectionName}`}
        onClick={() => setSecret(secret === undefined ? (reveal() ?? "") : undefined)}
      />
      {secret !== undefined && (secret ? <code data-testid="secret-value">{secret}</code> : <span>No longer in memory.</span>)}
    </span>
  );
}
