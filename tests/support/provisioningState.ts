/**
 * What a provisioning run left in Azure in a box, read from `model.inspect()` and checked against the seed article's
 * end state: one app with its markers and one secret, its principal, one role assignment at the scope, one connection
 * with exactly the CONTRACTS.md §2.2 body, and pipeline permissions for exactly the chosen pipelines.
 */
import { expect } from "vitest";
import { hashSecret } from "../../emulator/model/core/ids";
import type { State } from "../../emulator/model/state";
import { AZURE_CLOUD } from "../../src/platform/clouds";
import type { ProvisioningForm } from "../../src/workflows/provisioning/form";
import { appNotes, readAppMarker, secretDisplayName } from "../../src/workflows/provisioning/markers";
import { roleAssignmentName } from "../../src/workflows/provisioning/plan";
import type { ProvisioningRun } from "../../src/workflows/provisioning/provisioningRun";
import { armScope } from "../../src/workflows/provisioning/scope";
import type { World } from "./inProcessAzure";

/** The collections a run may add to; everything else must stay as seeded. */
export interface Footprint {
  applications: number;
  servicePrincipals: number;
  roleAssignments: number;
  serviceEndpoints: number;
  pipelinePermissions: number;
}

export function footprint(state: State): Footprint {
  return {
    applications: state.applications.length,
    servicePrincipals: state.servicePrincipals.length,
    roleAssignments: state.roleAssignments.length,
    serviceEndpoints: state.devops.serviceEndpoints.length,
    pipelinePermissions: state.devops.pipelinePermissions.length,
  };
}

/** No app, principal, secret, role assignment, connection or pipeline permission beyond what was there before. */
export function expectNothingLeftBehind(world: World, before: State): void {
  const after = world.state();
  expect(after.applications).toEqual(before.applications);
  expect(after.servicePrincipals).toEqual(before.servicePrincipals);
  expect(after.roleAssignments.map((r) => r.name).sort()).toEqual(before.roleAssignments.map((r) => r.name).sort());
  expect(after.devops.serviceEndpoints).toEqual(before.devops.serviceEndpoints);
  expect(after.devops.pipelinePermissions).toEqual(before.devops.pipelinePermissions);
}

/** The scope keys of `data`, per level, as CONTRACTS.md §2.2 lists them. */
export function expectedScopeData(form: ProvisioningForm): Record<string, string> {
  const scope = form.scope;
  switch (scope.level) {
    case "Subscription":
      return { scopeLevel: "Subscription", subscriptionId: scope.subscriptionId, subscriptionName: scope.subscriptionName };
    case "ManagementGroup":
      return { scopeLevel: "ManagementGroup", managementGroupId: scope.managementGroupId, managementGroupName: scope.managementGroupName };
    case "AzureMLWorkspace":
      return {
        scopeLevel: "AzureMLWorkspace",
        subscriptionId: scope.subscriptionId,
        subscriptionName: scope.subscriptionName,
        resourceGroupName: scope.resourceGroupName,
        mlWorkspaceName: scope.workspaceName,
        mlWorkspaceLocation: scope.workspaceLocation,
      };
  }
}

export interface ProvisionedObjects {
  state: State;
  app: State["applications"][number];
  principal: State["servicePrincipals"][number];
  roleAssignment: State["roleAssignments"][number];
  endpoint: State["devops"]["serviceEndpoints"][number];
}

/**
 * Everything the seed's steps end with, for one run, and nothing more than `before` plus those objects. Returns the
 * objects for further checks.
 */
export async function expectProvisioned(
  world: World,
  run: ProvisioningRun,
  form: ProvisioningForm,
  before: State,
): Promise<ProvisionedObjects> {
  const state = world.state();
  const created = run.created;

  // Nothing else was created.
  expect(footprint(state)).toEqual({
    applications: before.applications.length + 1,
    servicePrincipals: before.servicePrincipals.length + 1,
    roleAssignments: before.roleAssignments.length + 1,
    serviceEndpoints: before.devops.serviceEndpoints.length + 1,
    pipelinePermissions:
      before.devops.pipelinePermissions.length + (form.connection.allPipelines || form.connection.pipelineIds.length > 0 ? 1 : 0),
  });

  // The app registration, with its durable markers and exactly one secret.
  const app = state.applications.find((a) => a.id === created.appObjectId)!;
  expect(app).toBeDefined();
  expect(app.appId).toBe(created.appId);
  expect(app.displayName).toBe(form.app.displayName);
  expect(app.signInAudience).toBe(form.app.signInAudience);
  expect(app.ownerIds).toEqual([world.context.userObjectId, ...form.app.coOwnerIds]);
  expect(readAppMarker(app.tags)).toEqual({
    managed: true,
    runId: run.runId,
    organization: world.context.organization,
    projectId: world.context.project.id,
    connectionIds: [created.endpointId],
  });
  expect(app.notes).toBe(appNotes(world.context.organization, world.context.project.name, form.connection.name));
  expect(app.passwordCredentials).toHaveLength(1);
  const [secret] = app.passwordCredentials;
  expect(secret!.keyId).toBe(created.secretKeyId);
  expect(secret!.displayName).toBe(secretDisplayName(form.secret.description, run.runId));
  expect(Date.parse(secret!.endDateTime)).toBe(Date.parse(form.secret.endDateTime));

  // Its service principal.
  const principal = state.servicePrincipals.find((sp) => sp.appId === app.appId)!;
  expect(principal).toBeDefined();
  expect(principal.id).toBe(created.servicePrincipalId);

  // The role at the scope, for the principal, under its deterministic name.
  const scope = armScope(form.scope);
  const roleAssignment = state.roleAssignments.find((ra) => ra.principalId === principal.id)!;
  expect(roleAssignment).toMatchObject({
    scope,
    name: roleAssignmentName(scope, run.runId, form.role.id),
    roleDefinitionName: form.role.id,
    principalType: "ServicePrincipal",
  });
  expect(state.roleAssignments.filter((ra) => ra.principalId === principal.id)).toHaveLength(1);

  // The connection: exactly the body of CONTRACTS.md §2.2.
  const endpoint = state.devops.serviceEndpoints.find((e) => e.id === created.endpointId)!;
  expect(endpoint).toBeDefined();
  expect(endpoint).toMatchObject({
    name: form.connection.name,
    type: "azurerm",
    url: AZURE_CLOUD.connection.url,
    description: form.connection.description,
    owner: "library",
    isShared: false,
    isReady: true,
  });
  expect(endpoint.data).toEqual({ environment: "AzureCloud", ...expectedScopeData(form), creationMode: "Manual" });
  expect(endpoint.authorization).toEqual({
    scheme: "ServicePrincipal",
    parameters: { tenantid: form.tenantId, serviceprincipalid: app.appId, authenticationType: "spnKey" },
  });
  expect(endpoint.serviceEndpointProjectReferences).toEqual([
    { projectReference: world.context.project, name: form.connection.name, description: form.connection.description },
  ]);
  // The connection holds the app's only secret: the same hash on both sides.
  expect(endpoint.secretHash).toBe(secret!.secretHash);
  const revealed = run.revealSecret();
  if (revealed !== undefined) expect(hashSecret(revealed)).toBe(secret!.secretHash);

  // Read back through Azure DevOps, the secret is null.
  const readBack = await world.connections.get(world.context.project.id, endpoint.id);
  expect(readBack?.authorization.parameters).toEqual({
    tenantid: form.tenantId,
    serviceprincipalid: app.appId,
    authenticationType: "spnKey",
    serviceprincipalkey: null,
  });

  // Pipeline permissions: exactly the chosen pipelines.
  const permissions = state.devops.pipelinePermissions.filter((p) => p.resourceId === endpoint.id);
  if (form.connection.allPipelines || form.connection.pipelineIds.length > 0) {
    expect(permissions).toEqual([
      expect.objectContaining({
        resourceType: "endpoint",
        projectId: world.context.project.id,
        allPipelines: form.connection.allPipelines,
        pipelineIds: form.connection.allPipelines ? [] : form.connection.pipelineIds,
      }),
    ]);
  } else {
    expect(permissions).toEqual([]);
  }
  return { state, app, principal, roleAssignment, endpoint };
}

/** The ids of the steps in a snapshot with a given status. */
export function stepsWithStatus(run: ProvisioningRun, status: string): string[] {
  return run
    .snapshot()
    .steps.filter((s) => s.status === status)
    .map((s) => s.id);
}
