import { v5 as uuidv5 } from "uuid";
import type { Cloud } from "../../platform/clouds";
import { credentialOf, type ProvisioningContext, type ProvisioningForm } from "./form";
import { appTags } from "./markers";
import { planSteps, wantsVerifyReader, type PlannedStep } from "./planSteps";
import { confirmedRoleWarning, confirmRole, type ConfirmedRole } from "./roleRisk";
import { armScope, describeScope } from "./scope";

// A fixed namespace, so the same scope, key (run or principal) and role always give the same assignment name: a
// retried PUT is idempotent.
const ROLE_ASSIGNMENT_NAMESPACE = "6f0f5f9c-7d3b-4d8e-9a51-3c2d1b0e4a77";

export function roleAssignmentName(scope: string, key: string, roleDefinitionId: string): string {
  return uuidv5(`${scope.toLowerCase()}|${key.toLowerCase()}|${roleDefinitionId.toLowerCase()}`, ROLE_ASSIGNMENT_NAMESPACE);
}

export interface PlannedObject {
  kind: "app" | "servicePrincipal" | "secret" | "federatedCredential" | "roleAssignment" | "connection" | "pipelinePermissions";
  title: string;
  details: string[];
}

export interface ProvisioningPlan {
  runId: string;
  /** What the plan was built from; the run takes the plan, never the form again. */
  form: ProvisioningForm;
  context: ProvisioningContext;
  cloudId: string;
  /** The steps the run executes, in order, with what each creates. */
  steps: PlannedStep[];
  armScope: string;
  objects: PlannedObject[];
  warnings: string[];
}

function formatDate(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/**
 * The exact objects a run will create, at which scope, with which permissions: what the Review page shows, and
 * what the run then does.
 */
export function planProvisioning(
  input: ProvisioningForm,
  context: ProvisioningContext,
  cloud: Cloud,
  runId: string,
  options: { role?: ConfirmedRole; pipelineNames?: string[] } = {},
): ProvisioningPlan {
  // What the person sees is what Azure gets: the role is named from ARM's definition for the id that will be assigned.
  // Without a confirmation (ARM not read), the id is shown as not confirmed; the name the form carries (perhaps from
  // the organization settings, which anyone can write) is never shown.
  const role = options.role && options.role.id === input.role.id.trim().toLowerCase() ? options.role : confirmRole(input.role, undefined);
  // The plan's form (what the run executes, journals and shows on Run and Result) carries Azure's name too.
  const form: ProvisioningForm = { ...input, role: { id: input.role.id, roleName: role.roleName } };
  const scope = armScope(form.scope);
  const where = describeScope(form.scope);
  const warnings: string[] = [];
  const federated = credentialOf(form) === "federation";
  const objects: PlannedObject[] = [
    {
      kind: "app",
      title: `App registration "${form.app.displayName}"`,
      details: [
        form.app.signInAudience === "AzureADMyOrg"
          ? "Who can use it: accounts in this directory only"
          : "Who can use it: accounts in any directory (multitenant)",
        `Directory (tenant) ID: ${form.tenantId}`,
        `Marked as created by this extension for ${context.organization} / ${context.project.name} (tags: ` +
          `${appTags(runId, context.organization, context.project.id).join(", ")})`,
        form.app.coOwnerIds.length > 0 ? `Owners: you and ${form.app.coOwnerIds.length} co-owner(s)` : "Owner: you",
      ],
    },
    {
      kind: "servicePrincipal",
      title: "Its service principal (enterprise application)",
      details: ["The identity Azure grants the role to"],
    },
    ...credentialObjects(form, context),
    {
      kind: "roleAssignment",
      title: role.confirmed ? `${role.roleName} role at the ${where}` : `${role.roleName} at the ${where}`,
      details: [
        `Scope: ${scope}`,
        `Role definition ID: ${role.id}${role.confirmed ? "" : " (Azure could not confirm its name)"}`,
        "Assigned to the service principal (principal type ServicePrincipal)",
      ],
    },
    ...verifyReaderObjects(form),
    {
      kind: "connection",
      title: `Service connection "${form.connection.name}"`,
      details: [
        `Azure Resource Manager, app registration with ${federated ? "workload identity federation" : "secret"}, ` +
          `scope level ${form.scope.level}, environment ${cloud.connection.environment}`,
        `In project ${context.project.name}`,
        form.connection.verify
          ? federated
            ? "Verified once saved and trusted, waiting while Entra replicates the credential; if it never verifies, the run stops"
            : "Verified before it is saved, as Verify and save does"
          : "Saved without verification",
      ],
    },
  ];
  if (form.connection.allPipelines || form.connection.pipelineIds.length > 0) {
    objects.push({
      kind: "pipelinePermissions",
      title: form.connection.allPipelines ? "Access for all pipelines" : `Access for ${form.connection.pipelineIds.length} pipeline(s)`,
      details: form.connection.allPipelines
        ? ["Every pipeline of the project may use the connection"]
        : (options.pipelineNames ?? form.connection.pipelineIds.map((id) => `Pipeline ${id}`)),
    });
  }

  const roleWarning = confirmedRoleWarning(role);
  if (roleWarning) warnings.push(roleWarning);
  if (form.scope.level === "AzureMLWorkspace" && form.connection.verify) {
    warnings.push(
      `Verify reads the subscription ${form.scope.subscriptionName}, so a role at the workspace alone makes verification fail. ` +
        `Give the app Reader on the subscription as well, or save without verification (as the portal allows).`,
    );
  }
  if (form.connection.allPipelines) {
    warnings.push(
      "Granting access to all pipelines is not recommended: any pipeline of the project, including new ones, could use this " +
        "connection. Authorize each pipeline instead.",
    );
  }
  return { runId, form, context, cloudId: cloud.id, steps: planSteps(form), armScope: scope, objects, warnings };
}

/** The extra Reader at a workspace's subscription (the run's assignVerifyReader step), when chosen. */
function verifyReaderObjects(form: ProvisioningForm): PlannedObject[] {
  if (form.scope.level !== "AzureMLWorkspace" || !wantsVerifyReader(form)) return [];
  return [
    {
      kind: "roleAssignment",
      title: `Reader role at the subscription ${form.scope.subscriptionName} (for Verify)`,
      details: [
        `Scope: /subscriptions/${form.scope.subscriptionId}`,
        "Lets Verify read the subscription, so it can pass",
        "Removed by Roll back, like everything else this run creates",
      ],
    },
  ];
}

/** The credential pipelines sign in with: the client secret, or the federated credential (no secret at all). */
function credentialObjects(form: ProvisioningForm, context: ProvisioningContext): PlannedObject[] {
  if (credentialOf(form) === "federation") {
    return [
      {
        kind: "federatedCredential",
        title: "Federated credential on the app (workload identity federation)",
        details: [
          "Trusts the issuer and subject Azure DevOps reports for the new connection; audience api://AzureADTokenExchange",
          `Described as the connection "${form.connection.name}" in ${context.organization}/${context.project.name}`,
          "Nothing to rotate and nothing that expires",
        ],
      },
    ];
  }
  return [
    {
      kind: "secret",
      title: `Client secret "${form.secret.description}"`,
      details: [`Expires on ${formatDate(form.secret.endDateTime)}`, "Stored only in the service connection; never shown unless you ask"],
    },
  ];
}
