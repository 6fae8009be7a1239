import type { ServiceResponse } from "../core/http";
import type { ServicePrincipal } from "../state";
import { requireScope } from "./auth";
import { readJsonObject, type GraphContext, type ObjectRef } from "./context";
import { checkObjectQuota, mayRegisterApplications } from "./directoryPolicy";
import { graphErrors } from "./graphErrors";
import { entityResponse, listResponse, type EntitySpec } from "./odataQuery";
import { graphDateTime, SERVICE_PRINCIPAL_PROPERTIES, servicePrincipalResource } from "./resources";

export const SERVICE_PRINCIPAL_ENTITY: EntitySpec = {
  entitySet: "servicePrincipals",
  type: "servicePrincipal",
  properties: SERVICE_PRINCIPAL_PROPERTIES,
};

function resourceOf(ctx: GraphContext, sp: ServicePrincipal): Record<string, unknown> {
  const app = ctx.world.state.applications.find((a) => a.tenantId === sp.tenantId && a.appId === sp.appId);
  return servicePrincipalResource(sp, app, ctx.caller.tenant);
}

/**
 * POST /servicePrincipals {appId}. Right after an app is created the directory may not see it yet: while the app has
 * pending replication calls this answers Graph's "does not reference a valid application object" and counts one down.
 */
export function createServicePrincipal(ctx: GraphContext): ServiceResponse {
  const { world, req, caller } = ctx;
  const denied = requireScope(caller, "writeApplications");
  if (denied) return denied;
  const body = readJsonObject(req);
  if (!body.ok) return body.response;
  for (const key of Object.keys(body.value)) {
    if (key === "appId" || key === "@odata.type") continue;
    return SERVICE_PRINCIPAL_PROPERTIES.includes(key)
      ? graphErrors.unmodelledProperty(key, "servicePrincipal")
      : graphErrors.unknownProperty(key, "servicePrincipal");
  }
  const appId = body.value["appId"];
  if (typeof appId !== "string" || appId === "") return graphErrors.invalidPropertyValue("appId", "ServicePrincipal");
  // GUESS: creating a principal needs the same right as registering an app, and counts toward the same quota.
  if (!mayRegisterApplications(caller.user, caller.tenant)) return graphErrors.insufficientPrivileges();
  const overQuota = checkObjectQuota(caller.user);
  if (overQuota) return overQuota;

  const app = world.state.applications.find((a) => a.tenantId === caller.tenant.id && a.appId.toLowerCase() === appId.toLowerCase());
  if (!app) return graphErrors.noBackingApplication(appId);
  if (app.pendingServicePrincipalCalls > 0) {
    app.pendingServicePrincipalCalls -= 1;
    return graphErrors.noBackingApplication(appId);
  }
  if (world.state.servicePrincipals.some((sp) => sp.tenantId === caller.tenant.id && sp.appId === app.appId))
    return graphErrors.servicePrincipalExists(app.appId);

  const sp: ServicePrincipal = {
    id: world.ids.guid(),
    appId: app.appId,
    tenantId: caller.tenant.id,
    displayName: app.displayName,
    servicePrincipalType: "Application",
    createdDateTime: graphDateTime(world.clock.now()),
    // Replication: ARM's role-assignment writes do not know this principal for this many calls.
    pendingRoleAssignmentCalls: world.knobs.consistency.principalToRoleAssignmentCalls ?? 0,
  };
  world.state.servicePrincipals.push(sp);
  caller.user.createdObjectCount += 1;
  return entityResponse(req, SERVICE_PRINCIPAL_ENTITY, resourceOf(ctx, sp), 201);
}

export function getServicePrincipal(ctx: GraphContext, ref: ObjectRef): ServiceResponse {
  const denied = requireScope(ctx.caller, "readApplications");
  if (denied) return denied;
  const wanted = ref.value.toLowerCase();
  const sp = ctx.world.state.servicePrincipals.find(
    (s) => s.tenantId === ctx.caller.tenant.id && (ref.by === "id" ? s.id : s.appId).toLowerCase() === wanted,
  );
  if (!sp) return graphErrors.resourceNotFound(ref.by === "id" ? ref.value : `appId=${ref.value}`);
  return entityResponse(ctx.req, SERVICE_PRINCIPAL_ENTITY, resourceOf(ctx, sp));
}

export function listServicePrincipals(ctx: GraphContext): ServiceResponse {
  const denied = requireScope(ctx.caller, "readApplications");
  if (denied) return denied;
  return listResponse(ctx.req, {
    ...SERVICE_PRINCIPAL_ENTITY,
    items: ctx.world.state.servicePrincipals.filter((s) => s.tenantId === ctx.caller.tenant.id),
    toResource: (sp) => resourceOf(ctx, sp),
    filterFields: {
      id: (s) => s.id,
      appId: (s) => s.appId,
      displayName: (s) => s.displayName,
      servicePrincipalType: (s) => s.servicePrincipalType,
      servicePrincipalNames: (s) => [s.appId],
      tags: () => [],
    },
  });
}
