import { Dropdown } from "azure-devops-ui/Dropdown";
import { RadioButton, RadioButtonGroup } from "azure-devops-ui/RadioButton";
import { TextField } from "azure-devops-ui/TextField";
import { useMemo } from "react";
import { cloudById } from "../../../platform/clouds";
import { secretEndDate, SECRET_LIFETIMES, type ProvisioningDraft } from "../../../workflows/provisioning/draft";
import { federationUnavailable, type CredentialChoice } from "../../../workflows/provisioning/form";
import { Field } from "../../common/Field";
import { useSelection } from "../useSelection";

export interface SecretPageProps {
  draft: ProvisioningDraft;
  update: (change: Partial<ProvisioningDraft>) => void;
  now: Date;
  errors: { credential?: string; secretDescription?: string; secretExpiry?: string };
}

const LABELS: Record<number, string> = {
  90: "90 days (3 months)",
  180: "180 days (6 months, recommended)",
  365: "365 days (12 months)",
  545: "545 days (18 months)",
  730: "730 days (24 months)",
};

/**
 * Step 4: how pipelines authenticate. Workload identity federation (recommended, where the cloud offers it and the app
 * is single-tenant), or the article's client secret, with its description and lifetime. A secret is never shown here.
 */
export function SecretPage({ draft, update, now, errors }: SecretPageProps) {
  const unavailable = federationUnavailable(cloudById(draft.cloudId), draft.signInAudience);
  return (
    <div className="flex-column rhythm-vertical-16">
      <RadioButtonGroup
        text="How pipelines authenticate"
        selectedButtonId={draft.credential}
        onSelect={(id) => update({ credential: id as CredentialChoice })}
      >
        <RadioButton id="federation" text="Workload identity federation (no secret, recommended)" disabled={Boolean(unavailable)} />
        <RadioButton id="secret" text="Client secret" />
      </RadioButtonGroup>
      {errors.credential ? (
        <span className="body-s credential-error" role="alert">
          {errors.credential}
        </span>
      ) : (
        unavailable && <span className="body-s secondary-text">{unavailable}</span>
      )}
      <ul className="body-s secondary-text credential-reasons">
        <li>
          Workload identity federation: Entra trusts the tokens Azure DevOps issues for this one connection, so there is no secret to leak,
          rotate or let expire.
        </li>
        <li>
          Client secret: the article's path, for clouds without federation and for multi-tenant app registrations; it expires and must be
          rotated.
        </li>
      </ul>
      {draft.credential === "secret" && <SecretFields draft={draft} update={update} now={now} errors={errors} />}
    </div>
  );
}

/** The client secret's description and lifetime. */
function SecretFields({ draft, update, now, errors }: SecretPageProps) {
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
