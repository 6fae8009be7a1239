import { json, type ServiceResponse } from "../core/http";
import type { ManagementGroup } from "../state";
import { authorizeAt } from "./access";
import type { ArmContext } from "./context";
import { nextLink, PAGE_SIZE, pageStart, scanPage } from "./paging";
import { findManagementGroup, managementGroupId } from "./scopes";
import { callerReach, canListManagementGroup } from "./visibility";

const TYPE = "Microsoft.Management/managementGroups";

/** Guess: the model keeps no change history, so every group reads as version 1, last changed by no one in particular. */
const DETAILS_UPDATED = {
  version: 1,
  updatedTime: "2026-01-01T00:00:00.0000000Z",
  updatedBy: "00000000-0000-0000-0000-000000000000",
} as const;

function renderListed(group: ManagementGroup): Record<string, unknown> {
  return {
    id: managementGroupId(group.name),
    type: TYPE,
    name: group.name,
    properties: { tenantId: group.tenantId, displayName: group.displayName },
  };
}

/** GET /providers/Microsoft.Management/managementGroups: paged by "@nextLink", which is null on the last page. */
export function listManagementGroups(ctx: ArmContext): ServiceResponse {
  const start = pageStart(ctx.req);
  if (!start.ok) return start.response;
  const reach = callerReach(ctx.world.state, ctx.caller);
  const page = scanPage(ctx.world.state.managementGroups, start.start, PAGE_SIZE, (g) => canListManagementGroup(ctx.caller, reach, g));
  return json(200, {
    value: page.items.map(renderListed),
    "@nextLink": page.nextStart === undefined ? null : nextLink(ctx.req, page.nextStart),
  });
}

/** GET …/managementGroups/{name}: needs managementGroups/read at the group or above (403 otherwise, as for a missing group). */
export function getManagementGroup(ctx: ArmContext, name: string): ServiceResponse {
  const resolved = authorizeAt(ctx, { kind: "managementGroup", name }, "Microsoft.Management/managementGroups/read");
  if (!resolved.ok) return resolved.response;
  const state = ctx.world.state;
  const group = findManagementGroup(state, name)!;
  const parent = group.parentName ? findManagementGroup(state, group.parentName) : undefined;
  return json(200, {
    id: managementGroupId(group.name),
    type: TYPE,
    name: group.name,
    properties: {
      tenantId: group.tenantId,
      displayName: group.displayName,
      details: {
        ...DETAILS_UPDATED,
        parent: parent ? { id: managementGroupId(parent.name), name: parent.name, displayName: parent.displayName } : null,
      },
    },
  });
}
