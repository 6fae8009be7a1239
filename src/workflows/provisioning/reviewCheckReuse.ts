import type { Clock } from "../../platform/clock";
import type { ProvisioningContext, ProvisioningForm } from "./form";
import type { ReviewHint } from "./reviewChecks";

/** How long one answer of Review's checks stands for the same form and person. */
export const REVIEW_CHECKS_FRESH_MS = 30_000;

/**
 * Review's checks, asked once for the same questions (cloud, directory, scope, connection name) and person within a
 * short while: the Service connection page checks the name as it settles and Review checks again moments later, and
 * Azure should be asked the same questions once. A check that could not be made ("unknown") stands for that while
 * too, as it would on the page that asked first; a failed ask is not kept: the next ask tries again.
 */
export function reuseReviewChecks(
  check: (form: ProvisioningForm, context: ProvisioningContext) => Promise<ReviewHint[]>,
  clock: Pick<Clock, "now">,
  freshForMs = REVIEW_CHECKS_FRESH_MS,
): (form: ProvisioningForm, context: ProvisioningContext) => Promise<ReviewHint[]> {
  let last: { key: string; at: number; answer: Promise<ReviewHint[]> } | undefined;
  return (form, context) => {
    // What the checks ask about, and no more: the rest of the form (a secret's end date moves with the clock) does not
    // change the answers.
    const key = JSON.stringify([form.cloudId, form.tenantId, form.scope, form.connection.name, context]);
    const now = clock.now();
    if (last && last.key === key && now - last.at < freshForMs) return last.answer;
    const answer = check(form, context);
    const entry = { key, at: now, answer };
    last = entry;
    answer.catch(() => {
      if (last === entry) last = undefined;
    });
    return answer;
  };
}
