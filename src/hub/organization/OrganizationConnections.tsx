import { Button } from "azure-devops-ui/Button";
import { Dropdown } from "azure-devops-ui/Dropdown";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { TextField } from "azure-devops-ui/TextField";
import { useCallback, useMemo, useState } from "react";
import { connectionCount } from "../../workflows/connections/credentialStatus";
import type { InventoryRow } from "../../workflows/connections/inventory";
import type { SignedInAccount } from "../../workflows/hub/hubTypes";
import type { LoadProgress, OrganizationInventory, OrganizationRow } from "../../workflows/organization/organizationInventory";
import { organizationCsv } from "../../workflows/organization/organizationCsv";
import type { OrganizationServices } from "../../workflows/organization/organizationServices";
import { Field } from "../common/Field";
import { InlineProblem } from "../common/InlineProblem";
import { useSignIn } from "../common/SignInActions";
import { InventoryBar } from "../connections/InventoryBar";
import { useAsync } from "../common/useAsync";
import { ConnectionsTable, type TableSort } from "../connections/ConnectionsTable";
import { SHOW_FILTERS, sortRows, type ShowFilter } from "../connections/inventoryView";
import { useSelection } from "../wizard/useSelection";
import { OrganizationRowPanel } from "./OrganizationRowPanel";
import { ANY, directoriesToSignIn, matchesOrganizationFilter, ownerChoices, projectsText } from "./organizationView";
import "../connections/connections.css";

/**
 * Organization settings > Azure connections > "Connections across projects": every Azure Resource Manager connection
 * of every project the person can see, in the project tab's table with a Projects column, filters by project and by
 * the app's owners, and a CSV export. Listing needs no sign-in; expiry and owners are read once signed in.
 */
export function OrganizationConnections({
  services,
  defaultSecretDays = 180,
}: {
  services: OrganizationServices;
  defaultSecretDays?: number;
}) {
  const hub = services.hub;
  const [account, setAccount] = useState<SignedInAccount | undefined>(() => hub.account());
  const [generation, setGeneration] = useState(0);
  const signInState = useSignIn(hub, hub.clouds[0]!.id, setAccount);
  const signingIn = signInState.busy;
  const [progress, setProgress] = useState<LoadProgress>();
  const [listed, reloadList] = useAsync(
    () => services.listInventory(setProgress),
    `list|${generation}`,
    "Listing the connections of the organization's projects",
  );
  const listedValue = listed.status === "ready" ? listed.value : undefined;
  const [read, reloadRead] = useAsync(
    listedValue && account ? () => services.readCredentials(listedValue) : undefined,
    `read|${generation}|${account?.objectId ?? ""}|${listed.status}`,
    "Reading the apps' secrets and owners",
  );
  const inventory: OrganizationInventory | undefined = read.status === "ready" ? read.value : listedValue;

  const [text, setText] = useState("");
  const [show, setShow] = useState<ShowFilter>("all");
  const [projectId, setProjectId] = useState(ANY);
  const [ownerId, setOwnerId] = useState(ANY);
  const [sort, setSort] = useState<TableSort>({ key: "name", descending: false });
  const [openId, setOpenId] = useState<string>();

  const showItems = useMemo(() => SHOW_FILTERS.map((f) => ({ id: f.id, text: f.text })), []);
  const showSelection = useSelection(showItems, show);
  const projectItems = useMemo(
    () => [{ id: ANY, text: "All projects" }, ...(inventory?.projects ?? []).map((p) => ({ id: p.id, text: p.name }))],
    [inventory],
  );
  const projectSelection = useSelection(projectItems, projectId);
  const ownerItems = useMemo(() => [{ id: ANY, text: "Any owner" }, ...ownerChoices(inventory?.rows ?? [])], [inventory]);
  const ownerSelection = useSelection(ownerItems, ownerId);

  const rows = useMemo(
    () =>
      sortRows(
        (inventory?.rows ?? []).filter((r) => matchesOrganizationFilter(r, { text, show, projectId, ownerId })),
        sort.key,
        sort.descending,
      ) as OrganizationRow[],
    [inventory, text, show, projectId, ownerId, sort],
  );
  const open = inventory?.rows.find((r) => r.facts.id === openId);
  const onOpen = useCallback((row: InventoryRow) => setOpenId(row.facts.id), []);
  const directories = useMemo(() => directoriesToSignIn(inventory?.rows ?? []), [inventory]);

  const exportCsv = () => {
    const blob = new Blob([organizationCsv(rows)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = `azure-connections-${services.organization}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <div className="connections-tab organization-connections flex-column rhythm-vertical-16">
      <InventoryBar
        summary={
          inventory && (
            <p className="body-l inventory-summary flex-grow" role="status" data-testid="organization-summary">
              {account && !inventory.credentialsRead ? connectionCount(inventory.summary.total) : inventory.summary.text}
              {` · ${inventory.projects.length} ${inventory.projects.length === 1 ? "project" : "projects"}`}
            </p>
          )
        }
        reading={read.status === "loading"}
        account={account}
        signIn={signInState}
        onRefresh={() => setGeneration((g) => g + 1)}
      />
      {listed.status === "loading" && (
        <Spinner
          size={SpinnerSize.large}
          label={
            progress && progress.total > 0
              ? `Listing connections: ${progress.done} of ${progress.total} projects…`
              : "Listing the projects…"
          }
        />
      )}
      {listed.status === "failed" && <InlineProblem problem={listed.problem} onRetry={reloadList} />}
      {read.status === "failed" && <InlineProblem problem={read.problem} onRetry={reloadRead} />}
      {inventory && inventory.failures.length > 0 && (
        <section className="organization-failures" aria-label="Projects that could not be read" data-testid="project-failures">
          <h3 className="title-s">
            {inventory.failures.length === 1 ? "1 project could not be read" : `${inventory.failures.length} projects could not be read`}
          </h3>
          <ul>
            {inventory.failures.map((f) => (
              <li key={f.project.id}>
                <strong>{f.project.name}</strong>: {f.problem.title} {f.problem.detail} {f.problem.action ?? ""}
              </li>
            ))}
          </ul>
        </section>
      )}
      {directories.length > 0 && (
        <section className="organization-directories" aria-label="Directories to sign in to" data-testid="directories-to-sign-in">
          {directories.map((tenant) => (
            <p key={tenant} className="body-m">
              Some apps live in the directory {tenant}: sign in to {tenant} to read them.
            </p>
          ))}
          {signInState.signInWithPopup && (
            <Button text="Sign in with an account of that directory" disabled={signingIn} onClick={signInState.signInWithPopup} />
          )}
        </section>
      )}
      {inventory && (
        <>
          <div className="connections-filters organization-filters flex-row flex-wrap rhythm-horizontal-16">
            <Field label="Filter connections">
              <TextField
                value={text}
                onChange={(_, v) => setText(v)}
                placeholder="Name, client ID, scope, owner or project"
                ariaLabel="Filter connections"
                prefixIconProps={{ iconName: "Filter" }}
              />
            </Field>
            <Field label="Show">
              <Dropdown
                items={showItems}
                selection={showSelection}
                onSelect={(_, item) => setShow(item.id as ShowFilter)}
                ariaLabel="Show"
              />
            </Field>
            <Field label="Project">
              <Dropdown
                items={projectItems}
                selection={projectSelection}
                onSelect={(_, item) => setProjectId(item.id)}
                ariaLabel="Project"
              />
            </Field>
            <Field label="App owner">
              <Dropdown items={ownerItems} selection={ownerSelection} onSelect={(_, item) => setOwnerId(item.id)} ariaLabel="App owner" />
            </Field>
          </div>
          <div className="flex-row flex-center rhythm-horizontal-16">
            <span className="secondary-text" data-testid="row-count">
              Showing {rows.length} of {inventory.rows.length}
            </span>
            <Button text="Export CSV" iconProps={{ iconName: "Download" }} onClick={exportCsv} disabled={rows.length === 0} />
          </div>
          {inventory.rows.length === 0 ? (
            <p className="body-m">There are no Azure Resource Manager connections in the projects you can see.</p>
          ) : (
            <ConnectionsTable rows={rows} sort={sort} onSort={setSort} onOpen={onOpen} projectsOf={projectsText} />
          )}
        </>
      )}
      {open && inventory && (
        <OrganizationRowPanel
          services={services}
          row={open}
          inventory={inventory}
          defaultSecretDays={defaultSecretDays}
          onClose={(acted) => {
            setOpenId(undefined);
            if (acted) setGeneration((g) => g + 1);
          }}
        />
      )}
    </div>
  );
}
