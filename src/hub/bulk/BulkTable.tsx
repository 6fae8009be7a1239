import { ObservableValue } from "azure-devops-ui/Core/Observable";
import { Status, StatusSize, Statuses, type IStatusProps } from "azure-devops-ui/Status";
import { SimpleTableCell, Table, type ITableColumn } from "azure-devops-ui/Table";
import { ArrayItemProvider } from "azure-devops-ui/Utilities/Provider";
import { useMemo, type ReactNode } from "react";
import type { BulkRow } from "../../workflows/bulk/bulkRun";
import type { RunStatus } from "../../workflows/engine/workflowTypes";
import { describeScope } from "../../workflows/provisioning/scope";

const STATUS: Record<RunStatus, { props: IStatusProps; label: string }> = {
  ready: { props: Statuses.Queued, label: "Waiting" },
  running: { props: Statuses.Running, label: "Creating" },
  succeeded: { props: Statuses.Success, label: "Created" },
  failed: { props: Statuses.Failed, label: "Failed" },
  rollingBack: { props: Statuses.Running, label: "Rolling back" },
  rolledBack: { props: Statuses.Canceled, label: "Rolled back" },
  rollbackIncomplete: { props: Statuses.Failed, label: "Roll back incomplete" },
  rollbackFailed: { props: Statuses.Failed, label: "Roll back failed" },
};

/** The row's state in words: "Created and verified", "Failed: <what happened>". */
export function rowStatusText(row: BulkRow): string {
  if (row.status === "succeeded") return row.created.verified === true ? "Created and verified" : "Created, not verified";
  const label = STATUS[row.status].label;
  return row.problem && row.status !== "rolledBack" ? `${label}: ${row.problem.title}` : label;
}

export interface BulkColumn {
  id: string;
  name: string;
  width: number;
  render: (row: BulkRow) => ReactNode;
}

/** The status column: the icon and its words (the icon alone says nothing to a screen reader). */
export const STATUS_COLUMN: BulkColumn = {
  id: "status",
  name: "Status",
  width: -30,
  render: (row) => (
    <span className="flex-row flex-center rhythm-horizontal-8" data-status={row.status}>
      <Status {...STATUS[row.status].props} size={StatusSize.m} animated={row.status === "running" || row.status === "rollingBack"} />
      <span className="bulk-cell-text">{rowStatusText(row)}</span>
    </span>
  ),
};

export const SCOPE_COLUMN: BulkColumn = {
  id: "scope",
  name: "Scope",
  width: -25,
  render: (row) => <span className="bulk-cell-text">{describeScope(row.scope)}</span>,
};

/** One line per scope, as an azure-devops-ui Table. */
export function BulkTable({ rows, columns, label }: { rows: readonly BulkRow[]; columns: BulkColumn[]; label: string }) {
  const tableColumns = useMemo(
    (): Array<ITableColumn<BulkRow>> =>
      columns.map((c) => ({
        id: c.id,
        name: c.name,
        width: new ObservableValue(c.width),
        renderCell: (_row, columnIndex, column, item) => (
          <SimpleTableCell key={column.id} columnIndex={columnIndex} tableColumn={column}>
            {c.render(item)}
          </SimpleTableCell>
        ),
      })),
    [columns],
  );
  const items = useMemo(() => new ArrayItemProvider([...rows]), [rows]);
  return (
    <Table<BulkRow>
      ariaLabel={label}
      className="bulk-table"
      containerClassName="h-scroll-auto"
      columns={tableColumns}
      itemProvider={items}
      role="grid"
    />
  );
}
