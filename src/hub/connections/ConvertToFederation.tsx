import { Button } from "azure-devops-ui/Button";
import { Checkbox } from "azure-devops-ui/Checkbox";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { useState } from "react";
import type { FederationConversion } from "../../workflows/connections/federationConversion";
import type { InventoryRow } from "../../workflows/connections/inventory";
import type { SecretRemoval } from "../../workflows/connections/secretRemoval";
import type { TabServices } from "./tabServices";
import { ActionProgress } from "./ActionProgress";
import { secretLabel } from "./RotateSecret";
import { useActionRun } from "./useActionRun";

const DAY_MS = 86_400_000;

/** After a successful conversion: the secrets the connection no longer uses, offered for removal. */
function RemoveUnusedSecrets({ services, row, onClose }: { services: TabServices; row: InventoryRow; onClose: () => void }) {
  const app = row.access.state === "readable" ? row.access.app : undefined;
  const secrets = app?.secrets ?? [];
  const now = services.now().getTime();
  // The app's own secrets for this connection go by default; unmarked ones only when the extension made the app for it.
  const [chosen, setChosen] = useState<Set<string>>(
    () =>
      new Set(
        secrets
          .filter((s) => s.usedByConnection === "yes" || (row.createdByExtension && s.usedByConnection === "unknown"))
          .map((s) => s.keyId),
      ),
  );
  const removal = useActionRun<SecretRemoval>();

  if (removal.snapshot && removal.run) {
    const removed = removal.run.created.removedKeyIds?.length ?? 0;
    return (
      <ActionProgress
        snapshot={removal.snapshot}
        now={() => services.now().getTime()}
        outcome={`${removed === 1 ? "1 secret was" : `${removed} secrets were`} removed from the app.`}
        onRetry={removal.retry}
        onCancel={removal.cancel}
        onClose={onClose}
      />
    );
  }
  if (secrets.length === 0) return <Button primary text="Done" onClick={onClose} />;
  return (
    <div className="flex-column rhythm-vertical-16">
      <fieldset className="secret-choices">
        <legend>The connection no longer uses a secret. Remove the app's secrets?</legend>
        <ul className="secret-list">
          {secrets.map((secret) => (
            <li key={secret.keyId}>
              <Checkbox
                label={secretLabel(secret, now)}
                checked={chosen.has(secret.keyId)}
                onChange={(_, checked) =>
                  setChosen((s) => new Set([...s].filter((k) => k !== secret.keyId).concat(checked ? [secret.keyId] : [])))
                }
              />
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="flex-row rhythm-horizontal-8">
        <Button
          primary
          text="Remove the chosen secrets"
          disabled={chosen.size === 0}
          onClick={() => removal.begin((onChange) => services.startSecretRemoval(row, [...chosen], onChange))}
        />
        <Button text="Keep them and close" onClick={onClose} />
      </div>
    </div>
  );
}

/** Convert to workload identity federation (experimental), then offer to remove the secrets it no longer needs. */
export function ConvertToFederation({
  services,
  row,
  defaultSecretDays,
  onClose,
}: {
  services: TabServices;
  row: InventoryRow;
  defaultSecretDays: number;
  onClose: () => void;
}) {
  const action = useActionRun<FederationConversion>();
  const start = () =>
    action.begin((onChange) =>
      services.startConversion(
        row,
        { fallbackSecretEndDateTime: new Date(services.now().getTime() + defaultSecretDays * DAY_MS).toISOString() },
        onChange,
      ),
    );

  if (action.snapshot && action.run) {
    const created = action.run.created;
    const succeeded = action.snapshot.status === "succeeded";
    const outcome = succeeded
      ? `"${row.facts.name}" now uses workload identity federation and was verified.`
      : created.fallbackVerified
        ? "The conversion did not finish, so the connection was put back on a secret (a new one) and verified. Nothing stays broken."
        : "The conversion did not finish; the connection was left on its secret.";
    return (
      <div className="flex-column rhythm-vertical-16">
        <ActionProgress
          snapshot={action.snapshot}
          now={() => services.now().getTime()}
          outcome={outcome}
          onRetry={action.retry}
          onCancel={action.cancel}
          onClose={onClose}
          onStartOver={action.reset}
          closable={!succeeded}
        />
        {succeeded && <RemoveUnusedSecrets services={services} row={row} onClose={onClose} />}
      </div>
    );
  }
  return (
    <div className="flex-column rhythm-vertical-16">
      <MessageCard severity={MessageCardSeverity.Warning}>
        Experimental: Microsoft's own converter skips manually created connections. If any step fails, the connection is put back on a new
        secret and verified.
      </MessageCard>
      <p className="body-m">
        Azure DevOps converts the connection and reports the issuer and subject it will present; a federated credential with exactly those
        is added to the app (audience api://AzureADTokenExchange), and the connection is verified. Afterwards you can remove the secrets it
        no longer needs.
      </p>
      <div className="flex-row rhythm-horizontal-8">
        <Button primary text="Convert" onClick={start} />
        <Button text="Cancel" onClick={onClose} />
      </div>
    </div>
  );
}
