import type { Cloud } from "../../platform/clouds";
import type { ProvisioningContext, ProvisioningForm, ScopeChoice } from "../provisioning/form";
import { applyNameTemplate, DEFAULT_NAME_TEMPLATE } from "../provisioning/naming";
import { planProvisioning, type ProvisioningPlan } from "../provisioning/plan";
import type { ConfirmedRole } from "../provisioning/roleRisk";
import { armScope } from "../provisioning/scope";
import { MAX_BULK_SCOPES } from "./bulkLimits";

/** One scope of a bulk run: the same plan, and so the same steps and journal, a single run of that scope has. */
export interface BulkPart {
  scope: ScopeChoice;
  plan: ProvisioningPlan;
}

export interface BulkPlan {
  parts: BulkPart[];
  /** Warnings of the parts, each said once (the role's, the pipelines'). */
  warnings: string[];
}

export interface BulkPlanInput {
  /** The form as filled for one scope: everything but the scope and the names is shared by every part. */
  form: ProvisioningForm;
  scopes: readonly ScopeChoice[];
  context: ProvisioningContext;
  cloud: Cloud;
  /** A new run id per part: each part is its own journaled run. */
  newRunId: () => string;
  /** The organization's name template; each part's app and connection are named from it. */
  nameTemplate?: string;
  role?: ConfirmedRole;
  pipelineNames?: string[];
}

/**
 * The plan of a bulk run: one app registration per scope, each part planned exactly as a single run of its scope, with
 * the app and connection named from the template. Two scopes whose names come out the same get " (2)", " (3)": a
 * project's connection names are unique.
 */
export function planBulk(input: BulkPlanInput): BulkPlan {
  const scopes = distinctScopes(input.scopes);
  if (scopes.length === 0 || scopes.length > MAX_BULK_SCOPES)
    throw new RangeError(`A bulk run takes 1 to ${MAX_BULK_SCOPES} scopes; ${scopes.length} given.`);
  const template = input.nameTemplate ?? DEFAULT_NAME_TEMPLATE;
  const seen = new Map<string, number>();
  const parts = scopes.map((scope): BulkPart => {
    const name = uniqueName(
      applyNameTemplate(template, { organization: input.context.organization, project: input.context.project.name, scope }),
      seen,
    );
    const form: ProvisioningForm = {
      ...input.form,
      scope,
      app: { ...input.form.app, displayName: name },
      connection: { ...input.form.connection, name },
      ...(scope.level === "AzureMLWorkspace" && input.form.verifyReaderAtSubscription ? { verifyReaderAtSubscription: true } : {}),
    };
    if (scope.level !== "AzureMLWorkspace") delete form.verifyReaderAtSubscription;
    const options = { ...(input.role ? { role: input.role } : {}), ...(input.pipelineNames ? { pipelineNames: input.pipelineNames } : {}) };
    return { scope, plan: planProvisioning(form, input.context, input.cloud, input.newRunId(), options) };
  });
  return { parts, warnings: [...new Set(parts.flatMap((p) => p.plan.warnings))] };
}

const LEVEL_PLURAL: Record<ScopeChoice["level"], string> = {
  Subscription: "subscriptions",
  ManagementGroup: "management groups",
  AzureMLWorkspace: "workspaces",
};

/**
 * The name of one app registration shared by every scope: the name template with "{scope}" standing for all of them
 * ("contoso-web-3 subscriptions"), since no one scope's name fits it.
 */
export function sharedAppName(
  scopes: readonly ScopeChoice[],
  context: Pick<ProvisioningContext, "organization" | "project">,
  nameTemplate = DEFAULT_NAME_TEMPLATE,
): string {
  const first = scopes[0];
  if (!first) throw new RangeError("A shared app serves at least one scope.");
  const all = `${scopes.length} ${LEVEL_PLURAL[first.level]}`;
  return applyNameTemplate(nameTemplate.replace(/\{scope\}/g, all), {
    organization: context.organization,
    project: context.project.name,
    scope: first,
  });
}

/** The same scope chosen twice is one scope. */
function distinctScopes(scopes: readonly ScopeChoice[]): ScopeChoice[] {
  const byArm = new Map<string, ScopeChoice>();
  for (const scope of scopes) if (!byArm.has(armScope(scope).toLowerCase())) byArm.set(armScope(scope).toLowerCase(), scope);
  return [...byArm.values()];
}

function uniqueName(name: string, seen: Map<string, number>): string {
  const key = name.toLowerCase();
  const count = (seen.get(key) ?? 0) + 1;
  seen.set(key, count);
  if (count === 1) return name;
  const suffixed = `${name.slice(0, 120 - ` (${count})`.length)} (${count})`;
  return seen.has(suffixed.toLowerCase()) ? uniqueName(suffixed, seen) : (seen.set(suffixed.toLowerCase(), 1), suffixed);
}
