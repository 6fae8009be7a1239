import { Button } from "azure-devops-ui/Button";
import { ContentSize } from "azure-devops-ui/Callout";
import { Link } from "azure-devops-ui/Link";
import { Panel } from "azure-devops-ui/Panel";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { useState } from "react";
import type { OrganizationInventory, OrganizationRow } from "../../workflows/organization/organizationInventory";
import type { OrganizationServices } from "../../workflows/organization/organizationServices";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync } from "../common/useAsync";
import { Badges } from "../connections/ConnectionsTable";
import { DeleteConnection } from "../connections/DeleteConnection";
import { ownersText, secretExpiryText } from "../connections/inventoryView";
import { RotateSecret } from "../connections/RotateSecret";

type RowAction = "rotate" | "delete";

/** Rotate needs the app read (signed in, with access) and a secret to rotate; the flow checks the rights again. */
export const canRotate = (row: OrganizationRow) => row.facts.authKind === "secret" && row.access.state === "readable";

/**
 * One connection of the organization's table: its projects (each opening that project's hub on it), and Rotate and
 * Delete, run on the project tab's engine in the connection's own project.
 */
export function OrganizationRowPanel({
  services,
  row,
  inventory,
  defaultSecretDays,
  onClose,
}: {
  services: OrganizationServices;
  row: OrganizationRow;
  inventory: OrganizationInventory;
  defaultSecretDays: number;
  /** `acted`: an action ran, so the table is read again. */
  onClose: (acted: boolean) => void;
}) {
  const [action, setAction] = useState<RowAction>();
  const [acted, setActed] = useState(false);
  const [loaded, reload] = useAsync(
    action ? () => services.actionsFor(row) : undefined,
    `${row.facts.id}|${action ?? ""}`,
    `Opening ${row.home.name}'s connections`,
  );
  const close = () => onClose(acted);
  const start = (next: RowAction) => {
    setAction(next);
    setActed(true);
  };
  const title =
    action === "rotate" ? `Rotate the secret: ${row.facts.name}` : action === "delete" ? `Delete: ${row.facts.name}` : row.facts.name;

  return (
    <Panel
      onDismiss={close}
      titleProps={{ text: title }}
      description={action ? `In ${row.home.name}` : `${row.facts.authLabel} · ${row.facts.scopeDescription}`}
      size={ContentSize.Large}
      {...(action ? { backButtonProps: { onClick: () => setAction(undefined), ariaLabel: "Back to the connection" } } : {})}
    >
      <div className="connection-panel flex-column rhythm-vertical-16" data-testid="organization-row-panel">
        {!action && (
          <>
            <Badges badges={row.badges} />
            <dl className="result-list">
              <dt>Secret expires</dt>
              <dd>{secretExpiryText(row)}</dd>
              <dt>App owners</dt>
              <dd>{ownersText(row)}</dd>
              <dt>Client ID</dt>
              <dd className="monospaced-text">{row.facts.clientId ?? "—"}</dd>
              <dt>Connection ID</dt>
              <dd className="monospaced-text">{row.facts.id}</dd>
            </dl>
            <section aria-label="Projects">
              <h3 className="title-s">Projects</h3>
              <ul>
                {row.projects.map((p) => {
                  const href = services.openInProjectUrl(p, row.facts.id);
                  return (
                    <li key={p.id}>
                      {href ? (
                        <Link href={href} target="_blank" rel="noopener noreferrer">
                          Open in project {p.name}
                        </Link>
                      ) : (
                        `${p.name} (no link: the organization's address could not be read)`
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
            <div className="flex-row rhythm-horizontal-8">
              {canRotate(row) && <Button text="Rotate the secret" onClick={() => start("rotate")} />}
              <Button text="Delete" danger onClick={() => start("delete")} />
            </div>
            {!canRotate(row) && row.facts.authKind === "secret" && (
              <p className="secondary-text">Sign in, with access to the app registration, to rotate its secret.</p>
            )}
          </>
        )}
        {action && loaded.status === "failed" && <InlineProblem problem={loaded.problem} onRetry={reload} />}
        {action && loaded.status !== "ready" && loaded.status !== "failed" && (
          <Spinner size={SpinnerSize.medium} label={`Opening ${row.home.name}'s connections…`} />
        )}
        {action === "rotate" && loaded.status === "ready" && (
          <RotateSecret services={loaded.value} row={row} defaultSecretDays={defaultSecretDays} onClose={close} />
        )}
        {action === "delete" && loaded.status === "ready" && (
          <DeleteConnection services={loaded.value} row={row} inventory={inventory} onClose={close} />
        )}
      </div>
    </Panel>
  );
}
