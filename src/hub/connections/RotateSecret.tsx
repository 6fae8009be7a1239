import { Button } from "azure-devops-ui/Button";
import { Checkbox } from "azure-devops-ui/Checkbox";
import { Dropdown } from "azure-devops-ui/Dropdown";
import { TextField } from "azure-devops-ui/TextField";
import { useMemo, useState } from "react";
import { describeDaysLeft, type SecretInfo } from "../../workflows/connections/credentialStatus";
import type { InventoryRow } from "../../workflows/connections/inventory";
import { defaultSecretsToRemove, type SecretRotation } from "../../workflows/connections/secretRotation";
import type { TabServices } from "./tabServices";
import { SECRET_LIFETIMES } from "../../workflows/provisioning/draft";
import { Field } from "../common/Field";
import { useSelection } from "../wizard/useSelection";
import { ActionProgress } from "./ActionProgress";
import { useActionRun } from "./useActionRun";

const DAY_MS = 86_400_000;

export function secretLabel(secret: SecretInfo, now: number): string {
  const name = secret.displayName?.trim() || "(no description)";
  const left = Math.floor((Date.parse(secret.endDateTime) - now) / DAY_MS);
  const expiry = left < 0 ? `expired ${describeDaysLeft(left)}` : `expires ${secret.endDateTime.slice(0, 10)}`;
  const use =
    secret.usedByConnection === "yes"
      ? ", used by this connection"
      : secret.usedByConnection === "no"
        ? ", marked for another connection"
        : "";
  return `${name} (${secret.hint ? `${secret.hint}…, ` : ""}${expiry}${use})`;
}

/** Rotate the secret with overlap: choose the new secret and which old ones go, then follow the run. */
export function RotateSecret({
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
  const app = row.access.state === "readable" ? row.access.app : undefined;
  const now = services.now().getTime();
  const [description, setDescription] = useState("Azure Pipelines");
  const [days, setDays] = useState(String(SECRET_LIFETIMES.includes(defaultSecretDays as never) ? defaultSecretDays : 180));
  const [remove, setRemove] = useState<Set<string>>(() => new Set(app ? defaultSecretsToRemove(app) : []));
  const [error, setError] = useState<string>();
  const lifetimes = useMemo(() => SECRET_LIFETIMES.map((d) => ({ id: String(d), text: `${d} days` })), []);
  const selection = useSelection(lifetimes, days);
  const action = useActionRun<SecretRotation>();

  const start = () => {
    if (!description.trim()) return setError("Enter a description for the new secret.");
    setError(undefined);
    action.begin((onChange) =>
      services.startRotation(
        row,
        { description: description.trim(), endDateTime: new Date(now + Number(days) * DAY_MS).toISOString(), removeKeyIds: [...remove] },
        onChange,
      ),
    );
  };

  if (action.snapshot && action.run) {
    const created = action.run.created;
    const removed = created.removedKeyIds?.length ?? 0;
    const oldSecrets =
      removed === 0 ? "The old secrets were kept." : removed === 1 ? "The old secret was removed." : `${removed} old secrets were removed.`;
    const outcome =
      action.snapshot.status === "succeeded"
        ? `"${row.facts.name}" now uses the new secret (expires ${created.newSecretEndDateTime?.slice(0, 10) ?? ""}) and was ` +
          `verified. ${oldSecrets}`
        : "The rotation stopped before the connection was changed: the new secret was removed, and the connection still uses " +
          "its old secret.";
    return (
      <ActionProgress
        snapshot={action.snapshot}
        now={() => services.now().getTime()}
        outcome={outcome}
        onRetry={action.retry}
        {...(action.run.canRollBack() ? { onUndo: action.rollback } : {})}
        onCancel={action.cancel}
        onClose={onClose}
        onStartOver={action.reset}
      />
    );
  }

  const toggle = (keyId: string, checked: boolean) =>
    setRemove((s) => new Set([...s].filter((k) => k !== keyId).concat(checked ? [keyId] : [])));
  return (
    <div className="flex-column rhythm-vertical-16">
      <p className="body-m">
        A new client secret is added to the app and checked with the connection's details before it is saved; once the saved connection
        verifies with it, the old secret is removed. The connection keeps working throughout, and nothing changes on it if the new secret is
        not accepted.
      </p>
      <Field label="Description of the new secret" error={error}>
        <TextField value={description} onChange={(_, v) => setDescription(v)} ariaLabel="Description of the new secret" maxWidth={400} />
      </Field>
      <Field label="New secret expires after">
        <Dropdown items={lifetimes} selection={selection} onSelect={(_, item) => setDays(item.id)} ariaLabel="New secret expires after" />
      </Field>
      {app && (
        <fieldset className="secret-choices">
          <legend>Remove once the connection verifies with the new secret</legend>
          {!row.createdByExtension && (
            <p className="secondary-text">
              This connection was not created by this extension, so which secret it uses cannot be read back. Tick the secrets to remove;
              leave those other tools still use.
            </p>
          )}
          <ul className="secret-list">
            {app.secrets.map((secret) => (
              <li key={secret.keyId}>
                <Checkbox
                  label={secretLabel(secret, now)}
                  checked={remove.has(secret.keyId)}
                  onChange={(_, checked) => toggle(secret.keyId, checked)}
                />
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <div className="flex-row rhythm-horizontal-8">
        <Button primary text="Rotate secret" onClick={start} />
        <Button text="Cancel" onClick={onClose} />
      </div>
    </div>
  );
}
