import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Status, StatusSize, Statuses } from "azure-devops-ui/Status";
import type { ProvisioningPlan } from "../../../workflows/provisioning/plan";
import type { ReviewHint } from "../../../workflows/provisioning/reviewChecks";
import type { AsyncState } from "../../common/useAsync";

export interface ReviewPageProps {
  plan: ProvisioningPlan;
  hints: AsyncState<ReviewHint[]>;
  /** The ML-workspace case: offer to save without verification, as the portal does. */
  offerSkipVerify: boolean;
  onSkipVerify: () => void;
  onCreate: () => void;
}

const HINT_STATUS = { ok: Statuses.Success, warning: Statuses.Warning, unknown: Statuses.Information } as const;

/** Step 7: everything that will be created, where, with which permissions — and what could be checked beforehand. */
export function ReviewPage({ plan, hints, offerSkipVerify, onSkipVerify, onCreate }: ReviewPageProps) {
  return (
    <div className="flex-column rhythm-vertical-16">
      <p className="body-m">Creating runs these steps from your browser, as you. Nothing is created until you choose Create.</p>
      <ol className="plan-list" aria-label="What will be created">
        {plan.objects.map((object) => (
          <li key={object.kind} className="plan-item">
            <strong>{object.title}</strong>
            <ul>
              {object.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
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
      {offerSkipVerify && (
        <div>
          <Button text="Save without verification" onClick={onSkipVerify} />
        </div>
      )}
      <section aria-label="Checks before creating">
        <h3 className="title-xs">Checks</h3>
        {hints.status === "loading" && <p>Checking…</p>}
        {hints.status === "failed" && <p>{hints.problem.title} The checks are hints only; you can still create.</p>}
        {hints.status === "ready" && (
          <ul className="review-hints">
            {hints.value.map((hint) => (
              <li key={hint.id} className="flex-row flex-center rhythm-horizontal-8" data-hint={hint.id} data-status={hint.status}>
                <Status {...HINT_STATUS[hint.status]} size={StatusSize.m} ariaLabel={hint.status === "ok" ? "Passed" : hint.status === "warning" ? "Warning" : "Not known"} />
                <span>{hint.text}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div>
        <Button primary text="Create" onClick={onCreate} />
      </div>
    </div>
  );
}
