import { Dropdown } from "azure-devops-ui/Dropdown";
import { Panel } from "azure-devops-ui/Panel";
import { ContentSize } from "azure-devops-ui/Callout";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { TextField } from "azure-devops-ui/TextField";
import { useCallback, useMemo, useState } from "react";
import type { SignedInAccount } from "../../workflows/hub/hubTypes";
import { connectionCount } from "../../workflows/connections/credentialStatus";
import type { Inventory as InventoryValue, InventoryRow } from "../../workflows/connections/inventory";
import type { HubServices } from "../../workflows/hub/hubServices";
import { InlineProblem } from "../common/InlineProblem";
import { useSignIn } from "../common/SignInActions";
import { InventoryBar } from "./InventoryBar";
import { useAsync } from "../common/useAsync";
import { useSelection } from "../wizard/useSelection";
import { ConnectionDetails, type ConnectionAction } from "./ConnectionDetails";
import { ConnectionsTable, type TableSort } from "./ConnectionsTable";
import { CleanUpAction } from "./CleanUpAction";
import { ConvertToFederation } from "./ConvertToFederation";
import { MoveToEntraIssuer } from "./MoveToEntraIssuer";
import { DeleteConnection } from "./DeleteConnection";
import { matchesFilter, SHOW_FILTERS, sortRows, type ShowFilter } from "./inventoryView";
import { RotateSecret } from "./RotateSecret";
import type { TabServices } from "./tabServices";
import { ResumeAction } from "./ResumeAction";
import { LinkedConnectionNotFound, useLinkedConnection } from "./LinkedConnection";
import type { LinkedConnection } from "../../workflows/hub/hubLink";
import "./connections.css";

const ACTION_TITLES: Record<ConnectionAction, string> = {
  rotate: "Rotate the secret",
  convert: "Convert to workload identity federation",
  delete: "Delete",
  cleanUp: "Clean up",
  resume: "Resume",
  moveIssuer: "Move to the Entra issuer",
};

/**
 * The Connections tab: every Azure Resource Manager connection of the project with its scope, credential and expiry,
 * badges and a summary of what needs attention; a connection's details open in a panel with its actions (rotate the
 * secret, delete cleanly, convert to workload identity federation).
 */
export function ConnectionsTab({
  services,
  defaultSecretDays = 180,
  linked,
}: {
  services: HubServices;
  defaultSecretDays?: number;
  /** A link's connection to open once the list is read (`?connection=`). */
  linked?: LinkedConnection;
}) {
  const [loaded, reload] = useAsync(() => services.connectionServices(), "connection-services", "Loading the connections");
  const tabServices = useMemo(() => (loaded.status === "ready" ? { ...services, ...loaded.value } : undefined), [loaded, services]);
  if (loaded.status === "failed") return <InlineProblem problem={loaded.problem} onRetry={reload} />;
  if (!tabServices) return <Spinner size={SpinnerSize.large} label="Loading the connections…" />;
  return <Inventory services={tabServices} defaultSecretDays={defaultSecretDays} {...(linked ? { linked } : {})} />;
}

function Inventory({
  services,
  defaultSecretDays,
  linked,
}: {
  services: TabServices;
  defaultSecretDays: number;
  linked?: LinkedConnection;
}) {
  const [account, setAccount] = useState<SignedInAccount | undefined>(() => services.account());
  const [generation, setGeneration] = useState(0);
  const signInState = useSignIn(services, services.clouds[0]!.id, setAccount);
  const [listed, reloadList] = useAsync(() => services.connectionInventory(), `list|${generation}`, "Listing the project's connections");
  const listedValue = listed.status === "ready" ? listed.value : undefined;
  const [read, reloadRead] = useAsync(
    listedValue && account ? () => services.readConnectionCredentials(listedValue) : undefined,
    `read|${generation}|${account?.objectId ?? ""}|${listed.status}`,
    "Reading the apps' secrets and owners",
  );
  const inventory: InventoryValue | undefined = read.status === "ready" ? read.value : listedValue;

  const [text, setText] = useState("");
  const [show, setShow] = useState<ShowFilter>("all");
  const [sort, setSort] = useState<TableSort>({ key: "name", descending: false });
  const [openId, setOpenId] = useState<string>();
  const [action, setAction] = useState<ConnectionAction>();
  const [acted, setActed] = useState(false);
  const showItems = useMemo(() => SHOW_FILTERS.map((f) => ({ id: f.id, text: f.text })), []);
  const showSelection = useSelection(showItems, show);

  const rows = useMemo(
    () =>
      sortRows(
        (inventory?.rows ?? []).filter((r) => matchesFilter(r, text, show)),
        sort.key,
        sort.descending,
      ),
    [inventory, text, show, sort],
  );
  const open = inventory?.rows.find((r) => r.facts.id === openId);
  const onOpen = useCallback((row: InventoryRow) => {
    setOpenId(row.facts.id);
    setAction(undefined);
  }, []);
  const link = useLinkedConnection(linked, listedValue, setOpenId);

  const closePanel = () => {
    setOpenId(undefined);
    setAction(undefined);
    // Whatever an action changed shows in a fresh inventory.
    if (acted) setGeneration((g) => g + 1);
    setActed(false);
  };
  const startAction = (next: ConnectionAction) => {
    setAction(next);
    setActed(true);
  };

  return (
    <div className="connections-tab flex-column rhythm-vertical-16">
      <InventoryBar
        summary={
          inventory && (
            <p className="body-l inventory-summary flex-grow" role="status" data-testid="inventory-summary">
              {/* Signed in and still reading: no "sign in" prompt, the spinner says what is happening. */}
              {account && !inventory.credentialsRead ? connectionCount(inventory.summary.total) : inventory.summary.text}
            </p>
          )
        }
        reading={read.status === "loading"}
        account={account}
        signIn={signInState}
        onRefresh={() => setGeneration((g) => g + 1)}
      />
      {link.notFound && <LinkedConnectionNotFound projectName={services.session.project.name} onDismiss={link.dismiss} />}
      {listed.status === "failed" && <InlineProblem problem={listed.problem} onRetry={reloadList} />}
      {read.status === "failed" && <InlineProblem problem={read.problem} onRetry={reloadRead} />}
      {listed.status === "loading" && <Spinner size={SpinnerSize.large} label="Listing the project's connections…" />}
      {inventory && (
        <>
          <div className="connections-filters flex-row flex-center rhythm-horizontal-16">
            <TextField
              value={text}
              onChange={(_, v) => setText(v)}
              placeholder="Filter by name, client ID, scope or owner"
              ariaLabel="Filter connections"
              prefixIconProps={{ iconName: "Filter" }}
            />
            <Dropdown items={showItems} selection={showSelection} onSelect={(_, item) => setShow(item.id as ShowFilter)} ariaLabel="Show" />
            <span className="secondary-text" data-testid="row-count">
              Showing {rows.length} of {inventory.rows.length}
            </span>
          </div>
          {inventory.rows.length === 0 ? (
            <p className="body-m">There are no Azure Resource Manager connections in {services.session.project.name} yet.</p>
          ) : (
            <ConnectionsTable rows={rows} sort={sort} onSort={setSort} onOpen={onOpen} />
          )}
        </>
      )}
      {open && inventory && (
        <Panel
          onDismiss={closePanel}
          titleProps={{ text: action ? `${ACTION_TITLES[action]}: ${open.facts.name}` : open.facts.name }}
          description={action ? undefined : `${open.facts.authLabel} · ${open.facts.scopeDescription}`}
          size={ContentSize.Large}
          {...(action ? { backButtonProps: { onClick: () => setAction(undefined), ariaLabel: "Back to the connection" } } : {})}
        >
          <div className="connection-panel">
            {!action && <ConnectionDetails services={services} row={open} onAction={startAction} />}
            {action === "rotate" && (
              <RotateSecret services={services} row={open} defaultSecretDays={defaultSecretDays} onClose={closePanel} />
            )}
            {action === "convert" && (
              <ConvertToFederation services={services} row={open} defaultSecretDays={defaultSecretDays} onClose={closePanel} />
            )}
            {action === "delete" && <DeleteConnection services={services} row={open} inventory={inventory} onClose={closePanel} />}
            {action === "cleanUp" && <CleanUpAction services={services} row={open} onClose={closePanel} />}
            {action === "resume" && <ResumeAction services={services} row={open} onClose={closePanel} />}
            {action === "moveIssuer" && <MoveToEntraIssuer services={services} row={open} onClose={closePanel} />}
          </div>
        </Panel>
      )}
    </div>
  );
}
