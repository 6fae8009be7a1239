import { json, type ServiceResponse } from "../core/http";
import type { ResourceGroup } from "../state";
import { authorizeAt, resolveScope } from "./access";
import type { ArmContext } from "./context";
import { listBody, PAGE_SIZE, pageStart, scanPage } from "./paging";
import { readableItems } from "./readableList";
import { findResourceGroup, resourceGroupId } from "./scopes";

const READ = "Microsoft.Resources/subscriptions/resourceGroups/read";

function renderResourceGroup(group: ResourceGroup): Record<string, unknown> {
  return {
    id: resourceGroupId(group.subscriptionId, group.name),
    name: group.name,
    type: "Microsoft.Resources/resourceGroups",
    location: group.location,
    properties: { provisioningState: "Succeeded" },
  };
}

/** GET /subscriptions/{sub}/resourcegroups: the groups the caller may read (readableList.ts). */
export function listResourceGroups(ctx: ArmContext, subscriptionId: string): ServiceResponse {
  const resolved = resolveScope(ctx, { kind: "subscription", subscriptionId });
  if (!resolved.ok) return resolved.response;
  const sub = resolved.value.subscription!;
  const inSubscription = ctx.world.state.resourceGroups.filter((g) => g.subscriptionId.toLowerCase() === sub.subscriptionId.toLowerCase());
  const readable = readableItems(ctx, resolved.value.id, READ, inSubscription, (g) => resourceGroupId(g.subscriptionId, g.name));
  if (!readable.ok) return readable.response;
  const start = pageStart(ctx.req);
  if (!start.ok) return start.response;
  const page = scanPage(readable.value, start.start, PAGE_SIZE, () => true);
  return json(200, listBody(ctx.req, page, renderResourceGroup));
}

/** GET /subscriptions/{sub}/resourcegroups/{name}. */
export function getResourceGroup(ctx: ArmContext, subscriptionId: string, resourceGroup: string): ServiceResponse {
  const resolved = authorizeAt(ctx, { kind: "resourceGroup", subscriptionId, resourceGroup }, READ);
  if (!resolved.ok) return resolved.response;
  return json(200, renderResourceGroup(findResourceGroup(ctx.world.state, subscriptionId, resourceGroup)!));
}
