import { Checkbox } from "azure-devops-ui/Checkbox";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { TextField } from "azure-devops-ui/TextField";
import { useMemo, useState } from "react";
import type { Pipeline } from "../../../workflows/hub/hubTypes";
import type { ProvisioningDraft } from "../../../workflows/provisioning/draft";
import { Field } from "../../common/Field";
import { InlineProblem } from "../../common/InlineProblem";
import type { AsyncState } from "../../common/useAsync";

/** The connection's own fields; both the guided form and "bring your own app registration" have them. */
export type ConnectionFields = Pick<
  ProvisioningDraft,
  "connectionName" | "connectionDescription" | "pipelineIds" | "allPipelines" | "verify"
> & { connectionNameEdited?: boolean };

export interface ConnectionPageProps {
  draft: ConnectionFields;
  update: (change: Partial<ConnectionFields>) => void;
  pipelines: AsyncState<Pipeline[]>;
  reloadPipelines: () => void;
  /** Whether the organization's settings allow "all pipelines" at all. */
  allowAllPipelines: boolean;
  errors: { connectionName?: string; connectionDescription?: string };
  /** What the check of the name as typed found ("Checking…", or "no connection you can see has it"); a taken name comes as an error. */
  nameNote?: string;
}

/** Step 6: the service connection's name and description, and which pipelines may use it. */
export function ConnectionPage({ draft, update, pipelines, reloadPipelines, allowAllPipelines, errors, nameNote }: ConnectionPageProps) {
  const [filter, setFilter] = useState("");
  const shown = useMemo(() => {
    if (pipelines.status !== "ready") return [];
    const needle = filter.trim().toLowerCase();
    return pipelines.value.filter((p) => !needle || p.name.toLowerCase().includes(needle) || p.path.toLowerCase().includes(needle));
  }, [pipelines, filter]);
  const toggle = (id: number, checked: boolean) =>
    update({ pipelineIds: checked ? [...new Set([...draft.pipelineIds, id])] : draft.pipelineIds.filter((p) => p !== id) });

  return (
    <div className="flex-column rhythm-vertical-16">
      <Field
        label="Service connection name"
        error={errors.connectionName}
        hint={
          <>
            How pipelines refer to the connection (azureSubscription: in YAML).
            {nameNote && <span data-testid="name-check"> {nameNote}</span>}
          </>
        }
        required
      >
        <TextField
          value={draft.connectionName}
          onChange={(_, value) => update({ connectionName: value, connectionNameEdited: true })}
          ariaLabel="Service connection name"
        />
      </Field>
      <Field label="Description (optional)" error={errors.connectionDescription}>
        <TextField
          value={draft.connectionDescription}
          onChange={(_, value) => update({ connectionDescription: value })}
          multiline
          rows={2}
          ariaLabel="Description (optional)"
        />
      </Field>
      <Checkbox
        label="Verify the connection before saving it (recommended)"
        checked={draft.verify}
        onChange={(_, checked) => update({ verify: checked })}
      />
      <fieldset className="pipeline-security">
        <legend className="title-xs">Security</legend>
        <p className="body-s">
          Authorize the pipelines that may use this connection. Other pipelines must be authorized by an administrator on first use.
        </p>
        {pipelines.status === "failed" && <InlineProblem problem={pipelines.problem} onRetry={reloadPipelines} />}
        {pipelines.status === "loading" && <p>Loading the project's pipelines…</p>}
        {pipelines.status === "ready" && pipelines.value.length === 0 && <p>This project has no pipelines yet.</p>}
        {pipelines.status === "ready" && pipelines.value.length > 8 && (
          <Field label="Filter pipelines">
            <TextField value={filter} onChange={(_, value) => setFilter(value)} placeholder="Name or folder" ariaLabel="Filter pipelines" />
          </Field>
        )}
        {!draft.allPipelines && (
          <ul className="pipeline-list" aria-label="Pipelines">
            {shown.map((p) => (
              <li key={p.id}>
                <Checkbox
                  label={`${p.name}${p.path && p.path !== "\\" ? ` (${p.path.replace(/^\\/, "")})` : ""}`}
                  checked={draft.pipelineIds.includes(p.id)}
                  onChange={(_, checked) => toggle(p.id, checked)}
                />
              </li>
            ))}
          </ul>
        )}
        {allowAllPipelines && (
          <Checkbox
            label="Grant access permission to all pipelines"
            checked={draft.allPipelines}
            onChange={(_, checked) => update({ allPipelines: checked })}
          />
        )}
        {draft.allPipelines && (
          <MessageCard severity={MessageCardSeverity.Warning}>
            This option isn't recommended: every pipeline of the project, including ones added later, could use this connection. Authorize
            each pipeline instead.
          </MessageCard>
        )}
      </fieldset>
    </div>
  );
}
