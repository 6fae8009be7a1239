import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { RadioButton, RadioButtonGroup } from "azure-devops-ui/RadioButton";
import { Status, StatusSize, Statuses } from "azure-devops-ui/Status";
import type { PlannedObject, ProvisioningPlan } from "../../../workflows/provisioning/plan";
import type { ReviewHint } from "../../../workflows/provisioning/reviewChecks";
import type { AsyncState } from "../../common/useAsync";
import type { MlVerification } from "../mlVerification";

/** The Machine Learning workspace choice: Verify reads the subscription, where a workspace role gives no access. */
export interface MlVerificationChoice {
  subscriptionName: string;
  value: MlVerification | undefined;
  onChange: (value: MlVerification) => void;
}

export interface ReviewPageProps {
  plan: ProvisioningPlan;
  hints: AsyncState<ReviewHint[]>;
  /** Shown for a Machine Learning workspace: Create waits until one of its options is chosen. */
  mlChoice?: MlVerificationChoice;
  onCreate: () => void;
  /** The Create button's words where it does more than create ("Approve and create" on a request). */
  createText?: string;
}

const HINT_STATUS = { ok: Statuses.Success, warning: Statuses.Warning, unknown: Statuses.Information } as const;

/** Why Create is not available yet, or undefined when it is. */
export function createBlockedBy(hints: AsyncState<ReviewHint[]>, mlChoice: MlVerificationChoice | undefined): string | undefined {
  if (hints.status === "loading" || hints.status === "idle") return "Create is available once the checks have finished.";
  if (hints.status === "ready" && hints.value.some((h) => h.blocks))
    return "Create is not available while a check says the run would fail: fix it first (Back goes to the field).";
  if (mlChoice && !mlChoice.value) return "Choose how to verify the connection first.";
  return undefined;
}

/** Step 7: everything that will be created, where, with which permissions — and what could be checked beforehand. */
export function ReviewPage({ plan, hints, mlChoice, onCreate, createText = "Create" }: ReviewPageProps) {
  const blocked = createBlockedBy(hints, mlChoice);
  return (
    <div className="flex-column rhythm-vertical-16">
      <p className="body-m">Creating runs these steps from your browser, as you. Nothing is created until you choose {createText}.</p>
      <PlanObjectList objects={plan.objects} label="What will be created" />
      <section aria-label="The steps the run takes">
        <h3 className="title-xs">Steps, in the order they run</h3>
        <ol className="plan-steps">
          {plan.steps
            .filter((step) => step.applies)
            .map((step) => (
              <li key={step.id} data-step={step.id}>
                {step.title}
                {step.creates.length > 0 && <span className="secondary-text"> — {step.creates.join("; ")}</span>}
              </li>
            ))}
        </ol>
      </section>
      {plan.warnings.map((warning) => (
        <MessageCard key={warning} severity={MessageCardSeverity.Warning}>
          {warning}
        </MessageCard>
      ))}
      {mlChoice && <MlVerificationGroup choice={mlChoice} />}
      <section aria-label="Checks before creating">
        <h3 className="title-xs">Checks</h3>
        {(hints.status === "loading" || hints.status === "idle") && <p role="status">Checking… (each check gives up after 10 seconds)</p>}
        {hints.status === "failed" && (
          <p role="status">The checks could not run: {hints.problem.title} They are hints only; you can still create.</p>
        )}
        {hints.status === "ready" && (
          <ul className="review-hints">
            {hints.value.map((hint) => (
              <li key={hint.id} className="flex-row flex-center rhythm-horizontal-8" data-hint={hint.id} data-status={hint.status}>
                <Status
                  {...HINT_STATUS[hint.status]}
                  size={StatusSize.m}
                  ariaLabel={hint.status === "ok" ? "Passed" : hint.status === "warning" ? "Warning" : "Not known"}
                />
                <span>{hint.text}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="flex-column rhythm-vertical-8">
        {blocked && (
          <p className="secondary-text" id="create-blocked">
            {blocked}
          </p>
        )}
        <div>
          <Button
            primary
            text={createText}
            onClick={onCreate}
            disabled={Boolean(blocked)}
            {...(blocked ? { ariaDescribedBy: "create-blocked" } : {})}
          />
        </div>
      </div>
    </div>
  );
}

/** How a Machine Learning workspace connection is verified (Review of one run, and of a bulk run of workspaces). */
export function MlVerificationGroup({ choice }: { choice: MlVerificationChoice }) {
  return (
    <RadioButtonGroup
      className="ml-verification"
      text="Verification at a Machine Learning workspace"
      selectedButtonId={choice.value}
      onSelect={(id) => choice.onChange(id as MlVerification)}
    >
      <p className="body-s secondary-text">
        Verify reads the subscription {choice.subscriptionName}; a role at the workspace alone never lets it pass.
      </p>
      <RadioButton id="saveWithout" text="Save without verification" />
      <p className="body-s ml-choice-consequence">
        The connection still works for tasks that use the workspace. Azure DevOps shows it as not verified, and Verify will not pass.
      </p>
      <RadioButton id="subscriptionReader" text={`Also grant Reader at the subscription ${choice.subscriptionName}, so Verify passes`} />
      <p className="body-s ml-choice-consequence">
        One more role assignment: the app can read everything in the subscription. Listed above once chosen; Roll back removes it.
      </p>
    </RadioButtonGroup>
  );
}

/** The objects a plan creates, each with its details: a single run's Review and each scope's part of a bulk Review. */
export function PlanObjectList({ objects, label }: { objects: readonly PlannedObject[]; label?: string }) {
  return (
    <ol className="plan-list" {...(label ? { "aria-label": label } : {})}>
      {objects.map((object, index) => (
        <li key={`${object.kind}-${index}`} className="plan-item">
          <strong>{object.title}</strong>
          <ul>
            {object.details.map((detail) => (
              <li key={detail}>{detail}</li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
