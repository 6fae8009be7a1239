import type { Problem } from "../../platform/problem";
import type { ExpiryObservation } from "../expiry/expiryIndex";
import type { RunSnapshot, RunStatus, StepState } from "../engine/workflowTypes";
import type { ProvisioningForm } from "../provisioning/form";
import type { BulkRow } from "./bulkRun";
import { scopeOfStep, type SharedAppCreated } from "./sharedAppSteps";

const ROLLED_BACK: readonly RunStatus[] = ["rolledBack", "rollbackIncomplete", "rollbackFailed"];

/**
 * One line per scope of a shared app run, its status read from its own steps: a scope fails when one of its steps
 * fails, or when the app, principal or secret every scope needs could not be made.
 */
export function sharedAppRows(
  plan: { runId: string; forms: readonly ProvisioningForm[] },
  snapshot: RunSnapshot,
  retired: readonly string[],
  created: SharedAppCreated,
  started: boolean,
  busy: boolean,
): BulkRow[] {
  const shared = snapshot.steps.filter((s) => scopeOfStep(s.id) === undefined && s.id !== "markApp");
  return plan.forms.map((form, index) => {
    const own = snapshot.steps.filter((s) => scopeOfStep(s.id) === index);
    const status = started
      ? rowStatus(
          snapshot,
          own,
          shared,
          own.some((s) => retired.includes(s.id)),
          busy,
        )
      : "ready";
    const problem = status === "failed" || status === "rollbackIncomplete" ? rowProblem(snapshot, own, shared) : undefined;
    return {
      index,
      runId: `${plan.runId}#${index}`,
      scope: form.scope,
      appName: form.app.displayName,
      connectionName: form.connection.name,
      roleName: form.role.roleName,
      status,
      created: { ...created.app, ...ownKeys(created.scopes[index]) },
      ...(problem ? { problem } : {}),
    };
  });
}

function rowStatus(snapshot: RunSnapshot, own: StepState[], shared: StepState[], retired: boolean, busy: boolean): RunStatus {
  const failed = own.some((s) => s.status === "failed");
  if (ROLLED_BACK.includes(snapshot.status))
    return failed || shared.some((s) => s.status === "failed") ? "rollbackIncomplete" : "rolledBack";
  if (retired) return failed ? "rollbackIncomplete" : own.some((s) => s.status === "undoing") ? "rollingBack" : "rolledBack";
  if (snapshot.status === "rollingBack") return "rollingBack";
  if (failed) return "failed";
  if (own.every((s) => s.status === "done" || s.status === "skipped")) return "succeeded";
  // Not under way and not finished: stopped (a Cancel), or resumed from a journal after a closed tab; Retry failed goes on.
  return snapshot.status === "running" || busy ? "running" : "failed";
}

function rowProblem(snapshot: RunSnapshot, own: StepState[], shared: StepState[]): Problem | undefined {
  return own.find((s) => s.problem)?.problem ?? shared.find((s) => s.problem)?.problem ?? snapshot.problem;
}

function ownKeys(record: object | undefined): object {
  return record ? { ...record } : {};
}

/** Connections that succeeded since last asked (`seen` remembers), for the widget's expiry index: ids and dates only. */
export function newlySucceeded(rows: readonly BulkRow[], seen: Set<string>): ExpiryObservation[] {
  const fresh: ExpiryObservation[] = [];
  for (const { status, created } of rows) {
    const { endpointId, appId, secretEndDateTime } = created;
    if (status !== "succeeded" || !endpointId || !appId || !secretEndDateTime || seen.has(endpointId)) continue;
    seen.add(endpointId);
    fresh.push({ connectionId: endpointId, appId, endDateTime: secretEndDateTime });
  }
  return fresh;
}
