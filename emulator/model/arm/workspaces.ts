import { json, type ServiceResponse } from "../core/http";
import { guidFrom } from "../core/ids";
import type { MlWorkspace } from "../state";
import { authorizeAt, requireScopeExists, resolveScope } from "./access";
import type { ArmContext } from "./context";
import { listBody, PAGE_SIZE, pageStart, scanPage } from "./paging";
import { readableItems } from "./readableList";
import { findSubscription, ML_NAMESPACE, ML_WORKSPACES, resourceGroupId, workspaceId, type ParsedScope } from "./scopes";

const READ = "Microsoft.MachineLearningServices/workspaces/read";

/**
 * A workspace as the 2024-10-01 API answers it. The model stores only name, group, location and friendly name; the
 * dependent resources (storage, key vault, insights, registry) get stable names derived from the workspace, the way a
 * portal-created workspace gets generated ones.
 */
export function renderWorkspace(ctx: ArmContext, w: MlWorkspace): Record<string, unknown> {
  const id = workspaceId(w);
  const rg = resourceGroupId(w.subscriptionId, w.resourceGroupName);
  const stem = guidFrom(`workspace:${id.toLowerCase()}`).replace(/-/g, "").slice(0, 12);
  const tenantId = findSubscription(ctx.world.state, w.subscriptionId)?.tenantId ?? ctx.caller.tenantId;
  return {
    id,
    name: w.name,
    type: `${ML_NAMESPACE}/${ML_WORKSPACES}`,
    location: w.location,
    tags: {},
    kind: "Default",
    sku: { name: "Basic", tier: "Basic" },
    identity: { type: "SystemAssigned", principalId: guidFrom(`workspace-identity:${id.toLowerCase()}`), tenantId },
    properties: {
      friendlyName: w.friendlyName ?? w.name,
      description: "",
      workspaceId: guidFrom(`workspace-id:${id.toLowerCase()}`),
      storageAccount: `${rg}/providers/Microsoft.Storage/storageAccounts/st${stem}`,
      keyVault: `${rg}/providers/Microsoft.KeyVault/vaults/kv-${stem}`,
      applicationInsights: `${rg}/providers/Microsoft.insights/components/appi-${stem}`,
      containerRegistry: `${rg}/providers/Microsoft.ContainerRegistry/registries/cr${stem}`,
      discoveryUrl: `https://${w.location}.api.azureml.ms/discovery`,
      mlFlowTrackingUri: `azureml://${w.location}.api.azureml.ms/mlflow/v1.0${id}`,
      provisioningState: "Succeeded",
      hbiWorkspace: false,
      publicNetworkAccess: "Enabled",
      v1LegacyMode: false,
      tenantId,
    },
  };
}

function workspacePage(ctx: ArmContext, workspaces: readonly MlWorkspace[]): ServiceResponse {
  const start = pageStart(ctx.req);
  if (!start.ok) return start.response;
  const page = scanPage(workspaces, start.start, PAGE_SIZE, () => true);
  return json(
    200,
    listBody(ctx.req, page, (w) => renderWorkspace(ctx, w)),
  );
}

/** GET /subscriptions/{sub}/providers/Microsoft.MachineLearningServices/workspaces. */
export function listWorkspacesInSubscription(ctx: ArmContext, subscriptionId: string): ServiceResponse {
  const resolved = resolveScope(ctx, { kind: "subscription", subscriptionId });
  if (!resolved.ok) return resolved.response;
  const sub = resolved.value.subscription!.subscriptionId.toLowerCase();
  const inSubscription = ctx.world.state.mlWorkspaces.filter((w) => w.subscriptionId.toLowerCase() === sub);
  const readable = readableItems(ctx, resolved.value.id, READ, inSubscription, workspaceId);
  return readable.ok ? workspacePage(ctx, readable.value) : readable.response;
}

/** GET /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces. */
export function listWorkspacesInResourceGroup(ctx: ArmContext, subscriptionId: string, resourceGroup: string): ServiceResponse {
  const resolved = resolveScope(ctx, { kind: "resourceGroup", subscriptionId, resourceGroup });
  if (!resolved.ok) return resolved.response;
  const sub = subscriptionId.toLowerCase();
  const rg = resourceGroup.toLowerCase();
  const inGroup = ctx.world.state.mlWorkspaces.filter(
    (w) => w.subscriptionId.toLowerCase() === sub && w.resourceGroupName.toLowerCase() === rg,
  );
  const readable = readableItems(ctx, resolved.value.id, READ, inGroup, workspaceId);
  if (!readable.ok) return readable.response;
  return requireScopeExists(ctx, resolved.value) ?? workspacePage(ctx, readable.value);
}

/** GET …/workspaces/{name}. */
export function getWorkspace(ctx: ArmContext, subscriptionId: string, resourceGroup: string, name: string): ServiceResponse {
  const scope: ParsedScope = {
    kind: "resource",
    subscriptionId,
    resourceGroup,
    namespace: ML_NAMESPACE,
    types: [ML_WORKSPACES],
    names: [name],
  };
  const resolved = authorizeAt(ctx, scope, READ);
  if (!resolved.ok) return resolved.response;
  const workspace = ctx.world.state.mlWorkspaces.find((w) => workspaceId(w).toLowerCase() === resolved.value.id.toLowerCase())!;
  return json(200, renderWorkspace(ctx, workspace));
}
