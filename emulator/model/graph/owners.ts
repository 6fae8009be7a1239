import { noContent, type ServiceResponse } from "../core/http";
import type { User } from "../state";
import { applicationForChange, applicationForRead, readJsonObject, type GraphContext, type ObjectRef } from "./context";
import { graphErrors } from "./graphErrors";
import { listResponse } from "./odataQuery";
import { directoryObjectUser, USER_PROPERTIES } from "./resources";

/** GET /applications/{id}/owners: a directoryObject collection (only users own apps in this model). */
export function listOwners(ctx: GraphContext, ref: ObjectRef): ServiceResponse {
  const app = applicationForRead(ctx, ref);
  if (!app.ok) return app.response;
  const owners = app.value.ownerIds.map((id) => ctx.world.state.users.find((u) => u.id === id)).filter((u): u is User => u !== undefined);
  return listResponse(ctx.req, {
    entitySet: "directoryObjects",
    type: "directoryObject",
    properties: ["@odata.type", ...USER_PROPERTIES],
    items: owners,
    toResource: directoryObjectUser,
    filterFields: { id: (u) => u.id, displayName: (u) => u.displayName, userPrincipalName: (u) => u.userPrincipalName },
  });
}

/** The object id at the end of an @odata.id reference such as https://graph.microsoft.com/v1.0/directoryObjects/{id}. */
function referencedId(reference: unknown): string | undefined {
  if (typeof reference !== "string") return undefined;
  const m = /\/(?:directoryObjects|users)\/([0-9a-fA-F-]{36})\/?$/.exec(reference);
  return m?.[1];
}

/** POST /applications/{id}/owners/$ref with {"@odata.id": ".../directoryObjects/{userId}"}. */
export function addOwner(ctx: GraphContext, ref: ObjectRef): ServiceResponse {
  const app = applicationForChange(ctx, ref);
  if (!app.ok) return app.response;
  const body = readJsonObject(ctx.req);
  if (!body.ok) return body.response;
  const reference = body.value["@odata.id"];
  const userId = referencedId(reference);
  if (!userId) return graphErrors.invalidReference(String(reference ?? ""));
  const user = ctx.world.state.users.find((u) => u.id.toLowerCase() === userId.toLowerCase() && u.tenantId === ctx.caller.tenant.id);
  if (!user) return graphErrors.resourceNotFound(userId);
  if (app.value.ownerIds.includes(user.id)) return graphErrors.ownerAlreadyAdded();
  app.value.ownerIds.push(user.id);
  return noContent();
}

/** DELETE /applications/{id}/owners/{userId}/$ref. Removing the last owner is allowed, as in Graph. */
export function removeOwner(ctx: GraphContext, ref: ObjectRef, userId: string): ServiceResponse {
  const app = applicationForChange(ctx, ref);
  if (!app.ok) return app.response;
  const index = app.value.ownerIds.findIndex((id) => id.toLowerCase() === userId.toLowerCase());
  if (index < 0) return graphErrors.ownerNotPresent();
  app.value.ownerIds.splice(index, 1);
  return noContent();
}
