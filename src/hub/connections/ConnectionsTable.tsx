import { Button } from "azure-devops-ui/Button";
import { ObservableValue } from "azure-devops-ui/Core/Observable";
import { Pill, PillSize, PillVariant } from "azure-devops-ui/Pill";
import { ColumnSorting, SimpleTableCell, SortOrder, Table, type ITableColumn } from "azure-devops-ui/Table";
import { ArrayItemProvider } from "azure-devops-ui/Utilities/Provider";
import { useMemo, useRef } from "react";
import { BADGE_LABELS, type Badge } from "../../workflows/connections/credentialStatus";
import type { InventoryRow } from "../../workflows/connections/inventory";
import { createdText, ownersText, scopeText, secretExpiryText, sharedText, type SortKey } from "./inventoryView";

export interface TableSort {
  key: SortKey;
  descending: boolean;
}

const BADGE_COLORS: Record<Badge, { red: number; green: number; blue: number }> = {
  expired: { red: 205, green: 74, blue: 69 },
  expiresSoon: { red: 226, green: 160, blue: 50 },
  federated: { red: 0, green: 120, blue: 212 },
  noAccess: { red: 130, green: 130, blue: 130 },
  retiringIssuer: { red: 226, green: 160, blue: 50 },
};

export function Badges({ badges }: { badges: readonly Badge[] }) {
  return (
    <span className="connection-badges flex-row rhythm-horizontal-4">
      {badges.map((badge) => (
        <Pill key={badge} size={PillSize.compact} variant={PillVariant.colored} color={BADGE_COLORS[badge]} className={`badge-${badge}`}>
          {BADGE_LABELS[badge]}
        </Pill>
      ))}
    </span>
  );
}

/** A text cell that wraps instead of clipping (see connections.css), with the whole text as its tooltip too. */
const text =
  (value: (row: InventoryRow) => string, className?: string) =>
  (_row: number, columnIndex: number, column: ITableColumn<InventoryRow>, item: InventoryRow) => (
    <SimpleTableCell key={column.id} columnIndex={columnIndex} tableColumn={column}>
      <span className={`connection-cell-text ${className ?? ""}`} title={value(item)}>
        {value(item)}
      </span>
    </SimpleTableCell>
  );

/** Columns in order; those with a sort key can be sorted by clicking their header. */
function columns(
  onOpen: (row: InventoryRow) => void,
  sort: TableSort,
  projectsOf?: (row: InventoryRow) => string,
): Array<ITableColumn<InventoryRow> & { sortKey?: SortKey }> {
  const sortable = (key: SortKey) => ({
    sortKey: key,
    sortProps: {
      ariaLabelAscending: "Sorted ascending",
      ariaLabelDescending: "Sorted descending",
      ...(sort.key === key ? { sortOrder: sort.descending ? SortOrder.descending : SortOrder.ascending } : {}),
    },
  });
  const all: Array<ITableColumn<InventoryRow> & { sortKey?: SortKey }> = [
    {
      id: "name",
      name: "Connection",
      width: new ObservableValue(-16),
      ...sortable("name"),
      renderCell: (_row, columnIndex, column, item) => (
        <SimpleTableCell key={column.id} columnIndex={columnIndex} tableColumn={column}>
          <Button
            subtle
            className="connection-name"
            text={item.facts.name}
            ariaLabel={`Details of ${item.facts.name}`}
            onClick={() => onOpen(item)}
          />
        </SimpleTableCell>
      ),
    },
    // At 1280 px every column must be readable without the panel: the client ID (a GUID, in the panel and matched by
    // the filter) gives its width to scope and expiry, and long text wraps rather than being clipped.
    { id: "scope", name: "Scope", width: new ObservableValue(-15), ...sortable("scope"), renderCell: text(scopeText) },
    {
      id: "auth",
      name: "Authentication",
      width: new ObservableValue(-10),
      ...sortable("auth"),
      renderCell: text((r) => r.facts.authLabel),
    },
    { id: "expiry", name: "Secret expires", width: new ObservableValue(-12), ...sortable("expiry"), renderCell: text(secretExpiryText) },
    { id: "shared", name: "Shared with", width: new ObservableValue(-9), renderCell: text(sharedText) },
    { id: "owners", name: "App owners", width: new ObservableValue(-10), renderCell: text(ownersText) },
    { id: "created", name: "Created here", width: new ObservableValue(-10), ...sortable("created"), renderCell: text(createdText) },
    {
      id: "badges",
      name: "Status",
      width: new ObservableValue(-18),
      renderCell: (_row, columnIndex, column, item) => (
        <SimpleTableCell key={column.id} columnIndex={columnIndex} tableColumn={column}>
          <Badges badges={item.badges} />
        </SimpleTableCell>
      ),
    },
  ];
  // Across projects (the organization's view), the projects that hold each connection follow its name, in place of
  // "Shared with" (which is relative to one project).
  if (!projectsOf) return all;
  const projects = { id: "projects", name: "Projects", width: new ObservableValue(-12), renderCell: text(projectsOf) };
  return [all[0]!, projects, ...all.slice(1).filter((c) => c.id !== "shared")];
}

/**
 * The inventory as an azure-devops-ui Table: virtualized (it renders the rows in view, so a thousand connections stay
 * fast), sortable by the columns that have an order, each name opening the connection's details and actions.
 */
export function ConnectionsTable({
  rows,
  sort,
  onSort,
  onOpen,
  projectsOf,
}: {
  rows: InventoryRow[];
  sort: TableSort;
  onSort: (sort: TableSort) => void;
  onOpen: (row: InventoryRow) => void;
  /** Adds a Projects column (the organization's view). */
  projectsOf?: (row: InventoryRow) => string;
}) {
  const tableColumns = useMemo(() => columns(onOpen, sort, projectsOf), [onOpen, sort, projectsOf]);
  // The Table initializes its behaviors once: one ColumnSorting for its life, reading the current columns through a ref.
  const latest = useRef({ tableColumns, onSort });
  latest.current = { tableColumns, onSort };
  const sorting = useMemo(
    () =>
      new ColumnSorting<InventoryRow>((columnIndex, proposed) => {
        const key = latest.current.tableColumns[columnIndex]?.sortKey;
        if (key) latest.current.onSort({ key, descending: proposed === SortOrder.descending });
      }),
    [],
  );
  const items = useMemo(() => new ArrayItemProvider(rows), [rows]);
  return (
    <Table<InventoryRow>
      ariaLabel="Azure Resource Manager connections"
      className="connections-table"
      containerClassName="h-scroll-auto"
      columns={tableColumns}
      behaviors={[sorting]}
      itemProvider={items}
      role="grid"
    />
  );
}
