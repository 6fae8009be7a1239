import { credentialOf, type ProvisioningForm } from "./form";

/**
 * The ordered steps of a provisioning run, as the Review page lists them and the run executes them: the same ids,
 * titles and dependencies. With a secret: `[app, owners ∥ principal ∥ secret, role, verify, connection, record ∥
 * pipelines]`. With federation the connection comes first, since its issuer and subject are Azure DevOps' to say:
 * `[app, owners ∥ principal ∥ connection, role ∥ federated credential, verify, record ∥ pipelines]`; no secret.
 */
export type ProvisioningStepId =
  | "createApp"
  | "addCoOwners"
  | "createServicePrincipal"
  | "addSecret"
  | "addFederatedCredential"
  | "assignRole"
  | "assignVerifyReader"
  | "verify"
  | "createConnection"
  | "markApp"
  | "authorizePipelines";

export interface PlannedStep {
  id: ProvisioningStepId;
  title: string;
  /** Steps that must be done first; steps with no unmet dependency run in parallel. */
  dependsOn: ProvisioningStepId[];
  /** What the step creates or changes, in words, for the Review page. */
  creates: string[];
  /** Whether the step applies to this form (a step that does not is shown skipped). */
  applies: boolean;
}

export function planSteps(form: ProvisioningForm): PlannedStep[] {
  return credentialOf(form) === "federation" ? federationSteps(form) : secretSteps(form);
}

function step(id: ProvisioningStepId, title: string, dependsOn: ProvisioningStepId[], creates: string[], applies = true): PlannedStep {
  return { id, title, dependsOn, creates, applies };
}

/** The steps both paths share: the app, its co-owners, its principal and the role (with Reader for Verify). */
function identitySteps(form: ProvisioningForm): PlannedStep[] {
  return [
    step("createApp", "Create the app registration", [], [`App registration "${form.app.displayName}", tagged with this run`]),
    step(
      "addCoOwners",
      "Add the co-owners",
      ["createApp"],
      [`${form.app.coOwnerIds.length} co-owner(s) of the app`],
      form.app.coOwnerIds.length > 0,
    ),
    step("createServicePrincipal", "Create the service principal", ["createApp"], ["Its service principal (enterprise application)"]),
    step(
      "assignRole",
      `Assign ${form.role.roleName} at the scope`,
      ["createServicePrincipal"],
      [`${form.role.roleName} role assignment for the service principal`],
    ),
    ...verifyReaderSteps(form),
  ];
}

function afterConnectionSteps(form: ProvisioningForm): PlannedStep[] {
  return [
    step("markApp", "Record the connection on the app registration", ["createConnection"], ["The connection's marker on the app"]),
    step(
      "authorizePipelines",
      form.connection.allPipelines ? "Grant access to all pipelines" : "Authorize the chosen pipelines",
      ["createConnection"],
      [form.connection.allPipelines ? "Access for all pipelines" : `Access for ${form.connection.pipelineIds.length} pipeline(s)`],
      form.connection.allPipelines || form.connection.pipelineIds.length > 0,
    ),
  ];
}

function federationSteps(form: ProvisioningForm): PlannedStep[] {
  const verifyAfter: ProvisioningStepId[] = [
    "addFederatedCredential",
    "assignRole",
    ...(wantsVerifyReader(form) ? (["assignVerifyReader"] as const) : []),
  ];
  return [
    ...identitySteps(form),
    step(
      "createConnection",
      "Create the service connection (workload identity federation)",
      ["createApp"],
      [`Service connection "${form.connection.name}", workload identity federation`],
    ),
    step(
      "addFederatedCredential",
      "Let the app trust the connection (federated credential)",
      ["createConnection"],
      ["A federated credential on the app for the issuer and subject Azure DevOps reports"],
    ),
    step("verify", "Verify the saved connection", verifyAfter, [], form.connection.verify),
    ...afterConnectionSteps(form),
  ];
}

function secretSteps(form: ProvisioningForm): PlannedStep[] {
  const [app, owners, principal, ...role] = identitySteps(form);
  return [
    app!,
    owners!,
    principal!,
    step("addSecret", "Add the client secret", ["createApp"], [`Client secret "${form.secret.description}"`]),
    ...role,
    step(
      "verify",
      "Verify the connection's details",
      ["addSecret", "assignRole", ...(wantsVerifyReader(form) ? (["assignVerifyReader"] as const) : [])],
      [],
      form.connection.verify,
    ),
    step(
      "createConnection",
      "Create the service connection",
      ["addSecret", "assignRole", "verify"],
      [`Service connection "${form.connection.name}"`],
    ),
    ...afterConnectionSteps(form),
  ];
}

/** A Machine Learning workspace whose Verify should pass: Reader at the workspace's subscription, where Verify reads. */
export function wantsVerifyReader(form: ProvisioningForm): boolean {
  return form.scope.level === "AzureMLWorkspace" && form.verifyReaderAtSubscription === true;
}

function verifyReaderSteps(form: ProvisioningForm): PlannedStep[] {
  if (form.scope.level !== "AzureMLWorkspace" || !wantsVerifyReader(form)) return [];
  return [
    {
      id: "assignVerifyReader",
      title: `Assign Reader at the subscription ${form.scope.subscriptionName} (for Verify)`,
      dependsOn: ["createServicePrincipal"],
      creates: [`Reader role assignment at /subscriptions/${form.scope.subscriptionId}, removed by Roll back`],
      applies: true,
    },
  ];
}
