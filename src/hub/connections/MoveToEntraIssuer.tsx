import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { AZURE_DEVOPS_ISSUER_RETIREMENT, describeIssuer } from "../../workflows/connections/federationIssuer";
import type { InventoryRow } from "../../workflows/connections/inventory";
import type { IssuerMove } from "../../workflows/connections/issuerMove";
import { federatedCredentialCommand } from "../../workflows/connections/issuerMoveRequest";
import { FEDERATION_AUDIENCE } from "../../workflows/resources/federatedCredential";
import { CopyableValue } from "../onboarding/CopyableValue";
import type { TabServices } from "./tabServices";
import { ActionProgress } from "./ActionProgress";
import { useActionRun } from "./useActionRun";

/** Why the move cannot start for this row, or undefined when it can. */
export function issuerMoveBlocked(row: InventoryRow): string | undefined {
  if (row.facts.federation?.kind !== "azureDevOps") return "The connection is not on the Azure DevOps issuer.";
  if (row.access.state === "notSignedIn") return "Sign in to Microsoft Entra ID first: the app must trust the Entra issuer.";
  return undefined;
}

/** The values and the command an owner of the app needs when the hub could not finish the move itself. */
function HandOff({ row, issuer, subject }: { row: InventoryRow; issuer: string; subject: string }) {
  const appId = row.facts.clientId ?? "";
  return (
    <div className="flex-column rhythm-vertical-8" data-testid="issuer-handoff">
      <p className="body-m">
        An owner of the app can add the Entra-issuer federated credential with these values, then move the connection again (or choose
        Update on it in Azure DevOps).
      </p>
      <CopyableValue label="Issuer" value={issuer} />
      <CopyableValue label="Subject identifier" value={subject} />
      <CopyableValue label="Audience" value={FEDERATION_AUDIENCE} />
      <CopyableValue label="Azure CLI command" value={federatedCredentialCommand(appId, row.facts.id, issuer, subject)} />
    </div>
  );
}

/**
 * Moves a federated connection from the Azure DevOps issuer (retired for single-tenant apps in the public cloud) to
 * the Entra issuer: the app trusts the new issuer first, Azure DevOps moves, the connection is verified, and only then
 * the old credential goes.
 */
export function MoveToEntraIssuer({ services, row, onClose }: { services: TabServices; row: InventoryRow; onClose: () => void }) {
  const action = useActionRun<IssuerMove>();
  const blocked = issuerMoveBlocked(row);

  if (action.snapshot && action.run) {
    const created = action.run.created;
    const status = action.snapshot.status;
    const succeeded = status === "succeeded";
    const outcome = succeeded
      ? `"${row.facts.name}" now uses the Microsoft Entra issuer and was verified; the old Azure DevOps-issuer credential was removed.`
      : status === "rolledBack"
        ? "The connection was left as it was, on the Azure DevOps issuer; what the hub added was removed."
        : undefined;
    const handOff = !succeeded && status !== "running" && created.entraIssuer && created.entraSubject;
    return (
      <div className="flex-column rhythm-vertical-16">
        <ActionProgress
          snapshot={action.snapshot}
          now={() => services.now().getTime()}
          {...(outcome ? { outcome } : {})}
          onRetry={action.retry}
          onCancel={action.cancel}
          onClose={onClose}
          onStartOver={action.reset}
        />
        {handOff && <HandOff row={row} issuer={created.entraIssuer!} subject={created.entraSubject!} />}
      </div>
    );
  }
  const federation = row.facts.federation;
  return (
    <div className="flex-column rhythm-vertical-16">
      <MessageCard severity={MessageCardSeverity.Warning}>
        {`This connection uses the Azure DevOps issuer, which is retired for single-tenant apps in the public cloud on ` +
          `${AZURE_DEVOPS_ISSUER_RETIREMENT} (multi-tenant apps keep it). Move it to the Microsoft Entra issuer before then.`}
      </MessageCard>
      <dl className="result-list">
        <dt>Issuer now</dt>
        <dd className="monospaced-text">{federation ? describeIssuer(federation) : "unknown"}</dd>
        <dt>Subject now</dt>
        <dd className="monospaced-text">{federation?.subject ?? "unknown"}</dd>
      </dl>
      <p className="body-m">
        The hub adds a federated credential for the Entra issuer to the app (audience {FEDERATION_AUDIENCE}), asks Azure DevOps to move the
        connection, reads back the issuer and subject it reports, verifies the connection, and only then removes the old credential. If
        Azure DevOps does not move it, the connection is left as it was and what was added is removed.
      </p>
      {blocked && (
        <p className="secondary-text" data-testid="issuer-move-blocked">
          {blocked}
        </p>
      )}
      <div className="flex-row rhythm-horizontal-8">
        <Button
          primary
          text="Move to the Entra issuer"
          disabled={Boolean(blocked)}
          onClick={() => action.begin((onChange) => services.startIssuerMove(row, onChange))}
        />
        <Button text="Cancel" onClick={onClose} />
      </div>
    </div>
  );
}
