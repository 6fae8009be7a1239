import { Dropdown } from "azure-devops-ui/Dropdown";
import { TextField } from "azure-devops-ui/TextField";
import { useMemo } from "react";
import { secretEndDate, SECRET_LIFETIMES, type ProvisioningDraft } from "../../../workflows/provisioning/draft";
import { Field } from "../../common/Field";
import { useSelection } from "../useSelection";

export interface SecretPageProps {
  draft: ProvisioningDraft;
  update: (change: Partial<ProvisioningDraft>) => void;
  now: Date;
  errors: { secretDescription?: string; secretExpiry?: string };
}

const LABELS: Record<number, string> = {
  90: "90 days (3 months)",
  180: "180 days (6 months, recommended)",
  365: "365 days (12 months)",
  545: "545 days (18 months)",
  730: "730 days (24 months)",
};

/** Step 4: the client secret's description and lifetime. The secret itself is never shown here. */
export function SecretPage({ draft, update, now, errors }: SecretPageProps) {
  const items = useMemo(
    () => [
      ...SECRET_LIFETIMES.map((days) => ({ id: String(days), text: LABELS[days] ?? `${days} days` })),
      { id: "custom", text: "Custom date" },
    ],
    [],
  );
  const selection = useSelection(items, String(draft.secretLifetime));
  const end = secretEndDate(draft, now);
  return (
    <div className="flex-column rhythm-vertical-16">
      <Field label="Description" error={errors.secretDescription} hint="How the secret is listed under Certificates & secrets." required>
        <TextField value={draft.secretDescription} onChange={(_, value) => update({ secretDescription: value })} ariaLabel="Description" />
      </Field>
      <Field
        label="Expires"
        error={draft.secretLifetime === "custom" ? undefined : errors.secretExpiry}
        hint={
          end && !errors.secretExpiry
            ? `The secret expires on ${end.slice(0, 10)}. Rotate it from the Connections tab before then.`
            : undefined
        }
        required
      >
        <Dropdown
          items={items}
          selection={selection}
          onSelect={(_, item) => update({ secretLifetime: item.id === "custom" ? "custom" : Number(item.id) })}
          ariaLabel="Expires"
        />
      </Field>
      {draft.secretLifetime === "custom" && (
        <Field label="Expiry date (yyyy-mm-dd)" error={errors.secretExpiry} required>
          <TextField
            value={draft.secretCustomDate}
            onChange={(_, value) => update({ secretCustomDate: value.trim() })}
            placeholder="2027-05-31"
            ariaLabel="Expiry date (yyyy-mm-dd)"
          />
        </Field>
      )}
      <p className="body-s secondary-text">
        Your directory may allow only shorter lifetimes. If it does, the hub tells you and offers a shorter one, without starting over.
      </p>
    </div>
  );
}
