import { Button } from "azure-devops-ui/Button";
import { Link } from "azure-devops-ui/Link";
import type { InventoryRow } from "../../workflows/connections/inventory";
import type { TabServices } from "./tabServices";
import { Badges } from "./ConnectionsTable";
import { createdText, ownersText, scopeText, secretExpiryText, sharedText } from "./inventoryView";
import { secretLabel } from "./RotateSecret";
import { FederationFacts } from "./FederationFacts";

export type ConnectionAction = "rotate" | "convert" | "delete" | "cleanUp" | "resume" | "moveIssuer";

/** The action that picks up where an unfinished one stopped: each is safe to run again. */
const RESUME_ACTION: Record<string, ConnectionAction> = {
  // Resumed from their journals (steps done stay done).
  rotation: "resume",
  deletion: "resume",
  conversion: "convert",
  secretRemoval: "cleanUp",
  // Safe to start again: each step finds what an earlier attempt did.
  issuerMove: "moveIssuer",
};

const ACTION_NOUNS: Record<string, string> = { secretRemoval: "secret removal", issuerMove: "move to the Entra issuer" };

const ACTION_WORDS: Record<string, string> = {
  rotation: "A secret rotation",
  deletion: "A deletion",
  conversion: "A conversion",
  secretRemoval: "A secret removal",
  issuerMove: "A move to the Entra issuer",
};

/** Why an action that changes the app cannot be offered for this row, or undefined when it can. */
export function appActionBlocked(row: InventoryRow): string | undefined {
  if (row.facts.authKind !== "secret") return `The connection uses ${row.facts.authLabel.toLowerCase()}, not a secret.`;
  switch (row.access.state) {
    case "readable":
      return undefined;
    case "notSignedIn":
      return "Sign in to Microsoft Entra ID first.";
    default:
      return "reason" in row.access ? row.access.reason : "The app registration cannot be read.";
  }
}

/** Everything the inventory knows of one connection, and what can be done with it. */
export function ConnectionDetails({
  services,
  row,
  onAction,
}: {
  services: TabServices;
  row: InventoryRow;
  onAction: (action: ConnectionAction) => void;
}) {
  const app = row.access.state === "readable" ? row.access.app : undefined;
  const blocked = appActionBlocked(row);
  const now = services.now().getTime();
  const cloud = services.clouds.find((c) => c.connection.environment === row.facts.environment) ?? services.clouds[0];
  return (
    <div className="connection-details flex-column rhythm-vertical-16">
      <Badges badges={row.badges} />
      {row.unfinishedAction && (
        <p className="body-m" data-testid="unfinished-action">
          {ACTION_WORDS[row.unfinishedAction.kind] ?? "An action"} of yours on this connection did not finish ({row.unfinishedAction.status}
          , {row.unfinishedAction.updatedAt.slice(0, 16).replace("T", " ")} UTC). Anything it added is marked with the connection's id:
          Resume runs it again from where it is now, Clean up removes what it left.
        </p>
      )}
      {row.unfinishedAction && (
        <div className="flex-row rhythm-horizontal-8" data-testid="unfinished-actions">
          <Button
            text="Resume"
            ariaLabel={`Resume the unfinished ${ACTION_NOUNS[row.unfinishedAction.kind] ?? row.unfinishedAction.kind}`}
            onClick={() => onAction(RESUME_ACTION[row.unfinishedAction!.kind] ?? "rotate")}
          />
          <Button text="Clean up" ariaLabel="Clean up after the unfinished action" onClick={() => onAction("cleanUp")} />
        </div>
      )}
      <dl className="result-list">
        <dt>Scope</dt>
        <dd>{scopeText(row)}</dd>
        <dt>Authentication</dt>
        <dd>{row.facts.authLabel}</dd>
        <dt>Client ID</dt>
        <dd className="monospaced-text">{row.facts.clientId ?? "—"}</dd>
        <dt>Directory (tenant)</dt>
        <dd className="monospaced-text">{row.facts.tenantId ?? "—"}</dd>
        <dt>Shared with</dt>
        <dd>{sharedText(row)}</dd>
        <dt>Created by this extension</dt>
        <dd>{createdText(row)}</dd>
        <dt>App registration</dt>
        <dd>
          {app
            ? app.displayName
            : row.access.state === "notSignedIn"
              ? "Sign in to read it"
              : "reason" in row.access
                ? row.access.reason
                : "—"}
        </dd>
        <dt>App owners</dt>
        <dd>
          {ownersText(row)}
          {row.ownedByYou === false && app ? " (not you: changing its secrets needs the Application Administrator role)" : ""}
        </dd>
        <dt>Secret expires</dt>
        <dd>{secretExpiryText(row)}</dd>
      </dl>
      <FederationFacts row={row} onMove={() => onAction("moveIssuer")} />
      {app && app.secrets.length > 0 && (
        <div>
          <strong>Secrets on the app</strong>
          <ul className="secret-list">
            {app.secrets.map((s) => (
              <li key={s.keyId}>{secretLabel(s, now)}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex-row flex-wrap rhythm-horizontal-8">
        <Button primary text="Rotate secret" disabled={Boolean(blocked)} onClick={() => onAction("rotate")} />
        <Button
          text="Convert to workload identity federation (experimental)"
          disabled={Boolean(blocked)}
          onClick={() => onAction("convert")}
        />
        <Button text="Delete…" onClick={() => onAction("delete")} />
      </div>
      {blocked && (
        <p className="secondary-text" data-testid="actions-blocked">
          Rotating and converting: {blocked}
        </p>
      )}
      <div className="flex-row rhythm-horizontal-16">
        <Link href={services.connectionUrl(row.facts.id)} target="_blank" rel="noopener noreferrer">
          Open in Azure DevOps
        </Link>
        {app && cloud && (
          <Link href={services.appRegistrationUrl(cloud.id, app.appId)} target="_blank" rel="noopener noreferrer">
            Open the app registration
          </Link>
        )}
      </div>
    </div>
  );
}
