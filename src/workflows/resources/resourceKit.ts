import type { Clock } from "../../platform/clock";
import type { Cloud } from "../../platform/clouds";
import { describeError } from "../../platform/describeError";
import type { RetryPolicy } from "../../platform/retry";
import { LeftBehindError } from "../engine/leftBehind";
import { retryStep } from "../engine/retryStep";
import type { StepReporter } from "../engine/workflowTypes";

/**
 * What the resource modules share: a bounded, visible wait for an object's replication rule, and the way a remove
 * reports what it could not remove.
 */
export interface Wait {
  clock: Clock;
  policy: RetryPolicy;
  /** The step the wait shows on; an undo, which shows no waits, passes none. */
  reporter?: StepReporter;
}

const SILENT: StepReporter = { waiting: () => undefined, note: () => undefined, signal: new AbortController().signal };

/** Tries `operation` again while `reason` names a replication delay, within the wait's bound. */
export function waitOut<T>(wait: Wait, operation: () => Promise<T>, reason: (error: unknown) => string | undefined): Promise<T> {
  return retryStep(wait.reporter ?? SILENT, wait.clock, wait.policy, operation, reason);
}

/** What a remove did: removed it, found nothing to remove, or found an object this run did not create. */
export type RemoveOutcome = { kind: "removed" } | { kind: "absent" } | { kind: "leftAlone"; reason: string };

export const NOT_OURS = "not created by this run: left alone";

/** Runs a delete; a failure becomes a LeftBehindError naming the object, why, and where to remove it by hand. */
export async function removing(object: string, link: string | undefined, remove: () => Promise<void>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    const problem = describeError(error, { step: `Removing ${object}` });
    throw new LeftBehindError({ object, reason: `${problem.title} ${problem.detail}`.trim(), ...(link ? { link } : {}) });
  }
}

/** The Azure portal of a cloud (role assignments are managed there; app registrations in the Entra admin center). */
export function azurePortal(cloud: Pick<Cloud, "id" | "entraAdminCenter">): string {
  switch (cloud.id) {
    case "AzureUSGovernment":
      return "https://portal.azure.us";
    case "AzureChinaCloud":
      return "https://portal.azure.cn";
    case "Emulator":
      return cloud.entraAdminCenter;
    default:
      return "https://portal.azure.com";
  }
}
