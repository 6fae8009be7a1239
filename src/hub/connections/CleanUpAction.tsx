import { Button } from "azure-devops-ui/Button";
import { Checkbox } from "azure-devops-ui/Checkbox";
import { useState } from "react";
import type { InventoryRow } from "../../workflows/connections/inventory";
import type { SecretRemoval } from "../../workflows/connections/secretRemoval";
import { ActionProgress } from "./ActionProgress";
import { secretLabel } from "./RotateSecret";
import type { TabServices } from "./tabServices";
import { useActionRun } from "./useActionRun";

const HOUR_MS = 3_600_000;

/**
 * The secrets a stopped rotation or conversion may have left on the app: marked for this connection and added in the
 * hour before the action last wrote its journal. Only a suggestion: the person ticks what goes.
 */
export function leftoverSecretIds(row: InventoryRow): string[] {
  const app = row.access.state === "readable" ? row.access.app : undefined;
  const stoppedAt = row.unfinishedAction ? Date.parse(row.unfinishedAction.updatedAt) : NaN;
  if (!app || Number.isNaN(stoppedAt)) return [];
  const marked = app.secrets.filter((s) => s.usedByConnection === "yes").sort((x, y) => x.startDateTime.localeCompare(y.startDateTime));
  const recent = marked.filter((s) => Math.abs(Date.parse(s.startDateTime) - stoppedAt) <= HOUR_MS);
  // The connection keeps at least one secret of its own: the oldest, which a stopped rotation had not replaced yet.
  const kept = recent.length === marked.length ? recent.slice(1) : recent;
  return kept.map((s) => s.keyId);
}

/** Clean up after a stopped rotation or conversion: remove the secrets it added and the connection does not need. */
export function CleanUpAction({ services, row, onClose }: { services: TabServices; row: InventoryRow; onClose: () => void }) {
  const app = row.access.state === "readable" ? row.access.app : undefined;
  const secrets = app?.secrets ?? [];
  const now = services.now().getTime();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(leftoverSecretIds(row)));
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
  if (!app) return <p className="body-m">Sign in to Microsoft Entra ID to read the app's secrets, then choose Clean up again.</p>;
  return (
    <div className="flex-column rhythm-vertical-16">
      <p className="body-m">
        The stopped action may have added a secret to the app that the connection does not use. Those added around the time it stopped are
        ticked; the connection keeps the secret it uses. Check the list before removing.
      </p>
      <fieldset className="secret-choices">
        <legend>Secrets to remove</legend>
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
        <Button text="Cancel" onClick={onClose} />
      </div>
    </div>
  );
}
