import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { useState } from "react";
import type { ReviewHint } from "../../workflows/provisioning/reviewChecks";
import type { RequesterServices } from "../../workflows/requests/requestServices";
import type { AsyncState } from "../common/useAsync";
import { ReviewPage, type ReviewPageProps } from "../wizard/pages/ReviewPage";
import { AskAdministrator } from "./AskAdministrator";

/** Whether a check says the person lacks a right the run needs (registering apps, assigning roles at the scope). */
export function lacksRights(hints: AsyncState<ReviewHint[]>): boolean {
  return hints.status === "ready" && hints.value.some((h) => (h.id === "registerApps" || h.id === "assignRoles") && h.status === "warning");
}

/**
 * The Review page, with "Ask an administrator" where a check says the run would stop for lack of rights: the same
 * choices then go to an administrator as a request instead of running.
 */
export function ReviewOrAsk({
  requests,
  onDone,
  ...review
}: ReviewPageProps & { requests: RequesterServices | undefined; onDone: () => void }) {
  const [asking, setAsking] = useState(false);
  if (asking && requests)
    return <AskAdministrator requests={requests} form={review.plan.form} onBack={() => setAsking(false)} onDone={onDone} />;
  return (
    <>
      {requests && lacksRights(review.hints) && (
        <MessageCard severity={MessageCardSeverity.Warning} className="ask-administrator-offer">
          <div className="flex-column rhythm-vertical-8">
            <span>A check below says you lack a right this needs. An administrator can create it for you from these same choices.</span>
            <div>
              <Button text="Ask an administrator" onClick={() => setAsking(true)} />
            </div>
          </div>
        </MessageCard>
      )}
      <ReviewPage {...review} />
    </>
  );
}
