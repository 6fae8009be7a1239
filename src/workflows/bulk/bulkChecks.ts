import { inPool } from "../../platform/pool";
import type { ProvisioningForm } from "../provisioning/form";
import type { ReviewHint } from "../provisioning/reviewChecks";
import { DEFAULT_BULK_CONCURRENCY } from "./bulkLimits";
import type { BulkPlan } from "./bulkPlan";

/** Review's checks of each part (its name, the role at its scope, registering apps), by the part's run id. */
export type BulkChecks = ReadonlyMap<string, readonly ReviewHint[]>;

/** Runs Review's checks for every part, a few at a time: a name taken or a scope refused shows before anything is made. */
export async function checkBulkPlan(
  plan: BulkPlan,
  check: (form: ProvisioningForm) => Promise<ReviewHint[]>,
  concurrency = DEFAULT_BULK_CONCURRENCY,
): Promise<BulkChecks> {
  const found = new Map<string, readonly ReviewHint[]>();
  await inPool(plan.parts, concurrency, async (part) => {
    found.set(part.plan.runId, await check(part.plan.form));
  });
  return found;
}

/** The hints of one part worth a line: anything not "ok", the one about registering apps left to the page (it is the same for all). */
export function partFindings(checks: BulkChecks, runId: string): ReviewHint[] {
  return (checks.get(runId) ?? []).filter((h) => h.status !== "ok" && h.id !== "registerApps");
}

/** Whether any part would fail for certain: Create waits until it is fixed. */
export function anyBlocks(checks: BulkChecks): boolean {
  return [...checks.values()].some((hints) => hints.some((h) => h.blocks));
}

/** The directory-wide hint (may the person register apps?), said once. */
export function registerAppsHint(checks: BulkChecks): ReviewHint | undefined {
  for (const hints of checks.values()) {
    const hint = hints.find((h) => h.id === "registerApps");
    if (hint) return hint;
  }
  return undefined;
}
