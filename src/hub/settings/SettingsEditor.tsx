import { Button } from "azure-devops-ui/Button";
import { Checkbox } from "azure-devops-ui/Checkbox";
import { Dropdown } from "azure-devops-ui/Dropdown";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { RadioButton, RadioButtonGroup } from "azure-devops-ui/RadioButton";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { TextField } from "azure-devops-ui/TextField";
import { useMemo, useState } from "react";
import { describeError } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";
import { SECRET_LIFETIMES } from "../../workflows/provisioning/draft";
import { NAME_TEMPLATE_PLACEHOLDERS, type HubSettings, type SignInAppAudience } from "../../workflows/settings/settings";
import {
  DEFAULT_NAME_TEMPLATE,
  formFromSettings,
  ROLE_PRESETS,
  type SettingsErrors,
  type SettingsForm,
} from "../../workflows/settings/settingsForm";
import type { SettingsServices } from "../../workflows/settings/settingsService";
import { Field } from "../common/Field";
import { InlineProblem } from "../common/InlineProblem";
import { useSelection } from "../wizard/useSelection";

const OTHER_ROLE = "other";

/** The editable settings form. Nothing is saved unless every field passes; the saved settings are read back and shown. */
export function SettingsEditor({
  services,
  settings,
  onSaved,
}: {
  services: SettingsServices;
  settings: HubSettings;
  onSaved: (settings: HubSettings) => void;
}) {
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(settings));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: "saved" } | { kind: "invalid" } | { kind: "failed"; problem: Problem }>();
  const update = (change: Partial<SettingsForm>) => {
    setForm((current) => ({ ...current, ...change }));
    setOutcome(undefined);
  };

  const preset = ROLE_PRESETS.find((r) => r.id === form.roleId.trim().toLowerCase() && r.roleName === form.roleName.trim());
  const [roleChoice, setRoleChoice] = useState(preset ? preset.id : OTHER_ROLE);
  const roleItems = useMemo(
    () => [
      ...ROLE_PRESETS.map((r) => ({ id: r.id, text: r.id === ROLE_PRESETS[0]!.id ? `${r.roleName} (recommended)` : r.roleName })),
      { id: OTHER_ROLE, text: "Another role…" },
    ],
    [],
  );
  const roleSelection = useSelection(roleItems, roleChoice);

  const lifetimes = useMemo(() => {
    const days = [...new Set([...SECRET_LIFETIMES, ...(/^\d+$/.test(form.secretDays) ? [Number(form.secretDays)] : [])])].sort(
      (a, b) => a - b,
    );
    return days.map((d) => ({ id: String(d), text: `${d} days${d === 180 ? " (recommended)" : ""}` }));
  }, [form.secretDays]);
  const lifetimeSelection = useSelection(lifetimes, form.secretDays);

  const save = async () => {
    setSaving(true);
    setOutcome(undefined);
    try {
      const result = await services.save(form);
      if (result.saved) {
        setErrors({});
        setForm(formFromSettings(result.settings));
        setOutcome({ kind: "saved" });
        onSaved(result.settings);
      } else {
        setErrors(result.errors);
        setOutcome({ kind: "invalid" });
      }
    } catch (error) {
      setOutcome({ kind: "failed", problem: describeError(error, { step: "Saving the settings" }) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="settings-editor flex-column rhythm-vertical-16 settings-section"
      aria-label="Organization settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 className="title-s">Sign-in app</h3>
      <p className="body-s secondary-text">
        The Application (client) ID of the app registration the hub signs in with, in each cloud you use. Leave a cloud empty to not offer
        it.
      </p>
      {services.clouds.map((cloud) => (
        <Field key={cloud.id} label={`Application (client) ID: ${cloud.displayName}`} error={errors[`clientId:${cloud.id}`]}>
          <TextField
            value={form.clientIds[cloud.id] ?? ""}
            onChange={(_, value) => update({ clientIds: { ...form.clientIds, [cloud.id]: value } })}
            placeholder="00000000-0000-0000-0000-000000000000"
            ariaLabel={`Application (client) ID: ${cloud.displayName}`}
          />
        </Field>
      ))}
      {errors.clouds && <p className="body-s error-text">{errors.clouds}</p>}
      <RadioButtonGroup
        className="settings-audience"
        text="Who can sign in with this app"
        selectedButtonId={form.signInAudience}
        onSelect={(id) => update({ signInAudience: id as SignInAppAudience })}
      >
        <RadioButton id="AzureADMyOrg" text="Accounts in this directory only (single tenant)" />
        <p className="body-s secondary-text">
          Entra calls this "Accounts in this organizational directory only" (AzureADMyOrg). Sign-in goes to the default directory below,
          which is then required.
        </p>
        <RadioButton id="AzureADMultipleOrgs" text="Accounts in any directory (multitenant)" />
        <p className="body-s secondary-text">
          Entra calls this "Accounts in any organizational directory" (AzureADMultipleOrgs). Sign-in goes to /organizations, so people can
          sign in from their own directory.
        </p>
      </RadioButtonGroup>

      <h3 className="title-s">Defaults of the guided form</h3>
      <Field
        label="Default directory (tenant) ID"
        error={errors.defaultTenantId}
        required={form.signInAudience === "AzureADMyOrg"}
        hint={
          form.signInAudience === "AzureADMyOrg"
            ? "Required for a single-tenant sign-in app: the directory it is registered in, where everyone signs in."
            : "Preselected after signing in. Leave empty to use the directory each person signs in to."
        }
      >
        <TextField
          value={form.defaultTenantId}
          onChange={(_, value) => update({ defaultTenantId: value })}
          placeholder="00000000-0000-0000-0000-000000000000"
          ariaLabel="Default directory (tenant) ID"
        />
      </Field>
      <Field
        label="App registration name template"
        error={errors.nameTemplate}
        hint={`Placeholders: ${NAME_TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}. Leave empty for ${DEFAULT_NAME_TEMPLATE}.`}
      >
        <TextField
          value={form.nameTemplate}
          onChange={(_, value) => update({ nameTemplate: value })}
          placeholder={DEFAULT_NAME_TEMPLATE}
          ariaLabel="App registration name template"
        />
      </Field>
      <Field
        label="Default role"
        hint={
          "The role offered first at the chosen scope. Reader is enough to verify the connection; choose more only if most pipelines " +
          "deploy. The hub names the role as Azure does for its ID, whatever name is saved here."
        }
      >
        <Dropdown
          items={roleItems}
          selection={roleSelection}
          onSelect={(_, item) => {
            setRoleChoice(item.id);
            const role = ROLE_PRESETS.find((r) => r.id === item.id);
            update(role ? { roleId: role.id, roleName: role.roleName } : { roleId: "", roleName: "" });
          }}
          ariaLabel="Default role"
        />
      </Field>
      {roleChoice === OTHER_ROLE && (
        <div className="flex-row flex-wrap rhythm-horizontal-16">
          <Field label="Role name" error={errors.roleName} required>
            <TextField
              value={form.roleName}
              onChange={(_, value) => update({ roleName: value })}
              placeholder="Website Contributor"
              ariaLabel="Role name"
            />
          </Field>
          <Field label="Role definition ID" error={errors.roleId} required>
            <TextField
              value={form.roleId}
              onChange={(_, value) => update({ roleId: value })}
              placeholder="00000000-0000-0000-0000-000000000000"
              ariaLabel="Role definition ID"
            />
          </Field>
        </div>
      )}
      {roleChoice !== OTHER_ROLE && preset && preset.roleName !== "Reader" && (
        <p className="body-s warning-text">
          {preset.roleName} lets every pipeline that uses a new connection change or delete Azure resources at its scope.
        </p>
      )}
      <Field
        label="Default secret lifetime"
        error={errors.secretDays}
        hint="Directories can allow only shorter lifetimes; the guided form then offers a shorter one."
      >
        <Dropdown
          items={lifetimes}
          selection={lifetimeSelection}
          onSelect={(_, item) => update({ secretDays: item.id })}
          ariaLabel="Default secret lifetime"
        />
      </Field>
      <Checkbox
        label="Allow granting access to all pipelines (not recommended)"
        checked={form.allowAllPipelines}
        onChange={(_, checked) => update({ allowAllPipelines: checked })}
      />
      <p className="body-s secondary-text">
        Not allowed unless you turn it on. When off, the guided form does not offer "Grant access permission to all pipelines": every
        pipeline that may use a connection is authorized by name. When on, the choice is still off by default and shown on Review with a
        warning. This setting is advisory: any user of the extension could change it, so it only shapes what the form offers.
      </p>

      {outcome?.kind === "invalid" && (
        <MessageCard severity={MessageCardSeverity.Error} className="settings-invalid">
          Nothing was saved. Fix the fields marked above, then save again.
        </MessageCard>
      )}
      {outcome?.kind === "failed" && <InlineProblem problem={outcome.problem} onRetry={() => void save()} />}
      {outcome?.kind === "saved" && (
        <MessageCard severity={MessageCardSeverity.Info} className="settings-saved">
          Saved and read back. Every project's Azure connections hub uses these settings the next time it opens.
        </MessageCard>
      )}
      <div className="flex-row flex-center rhythm-horizontal-16">
        <Button primary text="Save" type="submit" disabled={saving} />
        {saving && <Spinner size={SpinnerSize.small} label="Saving…" />}
      </div>
    </form>
  );
}
