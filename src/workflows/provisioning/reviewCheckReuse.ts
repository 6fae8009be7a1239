import type { Clock } from "../../platform/clock";
import type { ProvisioningContext, ProvisioningForm } from "./form";
import type { ReviewHint } from "./reviewChecks";

/** How long one answer of Review's checks stands for the same form and person. */
export const REVIEW_CHECKS_FRESH_MS = 30_000;

/**
 * Review's checks, asked once for the same form and person within a short while: the Service connection page checks
 * the name as it settles and Review checks again moments later, and Azure should be asked the same questions once.
 * An answer with a check that could not be made ("unknown") is not reused: the next ask tries again.
 */
export function reuseReviewChecks(
  check: (form: ProvisioningForm, context: ProvisioningContext) => Promise<ReviewHint[]>,
  clock: Pick<Clock, "now">,
  freshForMs = REVIEW_CHECKS_FRESH_MS,
): (form: ProvisioningForm, context: ProvisioningContext) => Promise<ReviewHint[]> {
  let last: { key: string; at: number; answer: Promise<ReviewHint[]> } | undefined;
  return (form, context) => {
    const key = JSON.stringify([form, context]);
    const now = clock.now();
    if (last && last.key === key && now - last.at < freshForMs) return last.answer;
    const answer = check(form, context);
    const entry = { key, at: now, answer };
    last = entry;
    answer.then(
      (hints) => {
        if (hints.some((h) => h.status === "unknown") && last === entry) last = undefined;
      },
      () => {
        if (last === entry) last = undefined;
      },
    );
    return answer;
  };
}
