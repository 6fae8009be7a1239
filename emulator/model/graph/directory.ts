import type { ServiceResponse } from "../core/http";
import { requireScope } from "./auth";
import type { GraphContext } from "./context";
import { entityResponse, listResponse } from "./odataQuery";
import { ORGANIZATION_PROPERTIES, organizationResource, USER_DEFAULT_PROPERTIES, USER_PROPERTIES, userResource } from "./resources";

/** GET /me: the signed-in user; without $select only Graph's default user properties (so no userType). */
export function getSignedInUser(ctx: GraphContext): ServiceResponse {
  const denied = requireScope(ctx.caller, "readSignedInUser");
  if (denied) return denied;
  return entityResponse(
    ctx.req,
    { entitySet: "users", type: "user", properties: USER_PROPERTIES, defaultProperties: USER_DEFAULT_PROPERTIES },
    userResource(ctx.caller.user),
  );
}

/** GET /organization: a one-item collection, the caller's tenant. */
export function listOrganization(ctx: GraphContext): ServiceResponse {
  const denied = requireScope(ctx.caller, "readOrganization");
  if (denied) return denied;
  return listResponse(ctx.req, {
    entitySet: "organization",
    type: "organization",
    properties: ORGANIZATION_PROPERTIES,
    items: [ctx.caller.tenant],
    toResource: organizationResource,
    filterFields: { id: (t) => t.id, displayName: (t) => t.displayName },
  });
}
