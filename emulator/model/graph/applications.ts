import { noContent, type ServiceResponse } from "../core/http";
import type { Application } from "../state";
import { requireScope } from "./auth";
import { applicationForChange, applicationForRead, fail, readJsonObject, type GraphContext, type ObjectRef, type Outcome } from "./context";
import { checkObjectQuota, mayModifyApplication, mayRegisterApplications } from "./directoryPolicy";
import { readOwnersExpand, withExpandedOwners, withOwners } from "./expand";
import { graphErrors } from "./graphErrors";
import { entityResponse, listResponse, type EntitySpec, type Resource } from "./odataQuery";
import { APPLICATION_PROPERTIES, applicationResource, graphDateTime } from "./resources";

export const APPLICATION_ENTITY: EntitySpec = { entitySet: "applications", type: "application", properties: APPLICATION_PROPERTIES };

export const SIGN_IN_AUDIENCES = [
  "AzureADMyOrg",
  "AzureADMultipleOrgs",
  "AzureADandPersonalMicrosoftAccount",
  "PersonalMicrosoftAccount",
] as const;
/** What Graph sets when a create omits signInAudience (why the extension always sends it). */
export const DEFAULT_SIGN_IN_AUDIENCE = "AzureADandPersonalMicrosoftAccount";
const MAX_NOTES_LENGTH = 1024;

/** Application properties the model keeps, and which of them a create or an update may set. */
const CREATABLE = ["displayName", "signInAudience", "notes", "tags"] as const;
const UPDATABLE = ["displayName", "signInAudience", "notes", "tags"] as const;
/** Real application properties beyond the wire shape: navigation properties a body might name. */
const OTHER_REAL_PROPERTIES = [
  "owners",
  "logo",
  "federatedIdentityCredentials",
  "extensionProperties",
  "oauth2RequirePostResponse",
  "createdOnBehalfOf",
];

interface ApplicationChanges {
  displayName?: string;
  signInAudience?: string;
  notes?: string | null;
  tags?: string[];
}

function validateChanges(body: Record<string, unknown>, settable: readonly string[]): Outcome<ApplicationChanges> {
  const changes: ApplicationChanges = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "@odata.type" && value === "#microsoft.graph.application") continue;
    if (!settable.includes(key)) {
      const real = APPLICATION_PROPERTIES.includes(key) || OTHER_REAL_PROPERTIES.includes(key);
      return fail(real ? graphErrors.unmodelledProperty(key, "application") : graphErrors.unknownProperty(key, "application"));
    }
    switch (key) {
      case "displayName":
        if (typeof value !== "string" || value.trim() === "") return fail(graphErrors.invalidPropertyValue(key, "Application"));
        changes.displayName = value;
        break;
      case "signInAudience":
        if (typeof value !== "string" || !(SIGN_IN_AUDIENCES as readonly string[]).includes(value))
          return fail(graphErrors.invalidPropertyValue(key, "Application"));
        changes.signInAudience = value;
        break;
      case "notes":
        if (value !== null && (typeof value !== "string" || value.length > MAX_NOTES_LENGTH))
          return fail(graphErrors.invalidPropertyValue(key, "Application"));
        changes.notes = value;
        break;
      case "tags":
        if (!Array.isArray(value) || !value.every((t): t is string => typeof t === "string"))
          return fail(graphErrors.invalidPropertyValue(key, "Application"));
        changes.tags = [...value];
        break;
    }
  }
  return { ok: true, value: changes };
}

/** POST /applications: the caller becomes the first owner, and the app counts toward the caller's object quota. */
export function createApplication(ctx: GraphContext): ServiceResponse {
  const { world, req, caller } = ctx;
  const denied = requireScope(caller, "writeApplications");
  if (denied) return denied;
  const body = readJsonObject(req);
  if (!body.ok) return body.response;
  const changes = validateChanges(body.value, CREATABLE);
  if (!changes.ok) return changes.response;
  if (changes.value.displayName === undefined) return graphErrors.invalidPropertyValue("displayName", "Application");
  if (!mayRegisterApplications(caller.user, caller.tenant)) return graphErrors.insufficientPrivileges();
  const overQuota = checkObjectQuota(caller.user);
  if (overQuota) return overQuota;

  const app: Application = {
    id: world.ids.guid(),
    appId: world.ids.guid(),
    tenantId: caller.tenant.id,
    displayName: changes.value.displayName,
    signInAudience: changes.value.signInAudience ?? DEFAULT_SIGN_IN_AUDIENCE,
    notes: changes.value.notes ?? null,
    tags: changes.value.tags ?? [],
    createdDateTime: graphDateTime(world.clock.now()),
    ownerIds: [caller.user.id],
    passwordCredentials: [],
    federatedIdentityCredentials: [],
    // Replication: the service principal endpoint does not see a new app for this many calls.
    pendingServicePrincipalCalls: world.knobs.consistency.applicationToServicePrincipalCalls ?? 0,
    ...((world.knobs.consistency.applicationToWriteCalls ?? 0) > 0
      ? { pendingWriteCalls: world.knobs.consistency.applicationToWriteCalls ?? 0 }
      : {}),
  };
  world.state.applications.push(app);
  caller.user.createdObjectCount += 1;
  return entityResponse(req, APPLICATION_ENTITY, applicationResource(app, caller.tenant), 201);
}

/** GET /applications/{id}: $select, and $expand=owners (expand.ts). */
export function getApplication(ctx: GraphContext, ref: ObjectRef): ServiceResponse {
  const app = applicationForRead(ctx, ref);
  if (!app.ok) return app.response;
  const expand = readOwnersExpand(ctx.req);
  if (!expand.ok) return expand.response;
  const response = entityResponse(expand.value.req, APPLICATION_ENTITY, applicationResource(app.value, ctx.caller.tenant));
  return expand.value.owners ? withExpandedOwners(ctx, response, app.value, expand.value.owners.select) : response;
}

/** GET /applications: $filter (appId in (…) included), $select, paging, and $expand=owners on each app (expand.ts). */
export function listApplications(ctx: GraphContext): ServiceResponse {
  const denied = requireScope(ctx.caller, "readApplications");
  if (denied) return denied;
  const tenant = ctx.caller.tenant;
  const expand = readOwnersExpand(ctx.req);
  if (!expand.ok) return expand.response;
  const owners = expand.value.owners;
  return listResponse(expand.value.req, {
    ...APPLICATION_ENTITY,
    items: ctx.world.state.applications.filter((a) => a.tenantId === tenant.id),
    ...(owners ? { decorate: (app: Application, resource: Resource) => withOwners(ctx, resource, app, owners.select) } : {}),
    toResource: (a) => applicationResource(a, tenant),
    filterFields: {
      id: (a) => a.id,
      appId: (a) => a.appId,
      displayName: (a) => a.displayName,
      signInAudience: (a) => a.signInAudience,
      tags: (a) => a.tags,
    },
  });
}

/** PATCH /applications/{id}: 204 with no body, as Graph answers updates. */
export function updateApplication(ctx: GraphContext, ref: ObjectRef): ServiceResponse {
  const app = applicationForChange(ctx, ref);
  if (!app.ok) return app.response;
  const body = readJsonObject(ctx.req);
  if (!body.ok) return body.response;
  const changes = validateChanges(body.value, UPDATABLE);
  if (!changes.ok) return changes.response;
  Object.assign(app.value, changes.value);
  return noContent();
}

/**
 * DELETE /applications/{id}: Entra deletes the app's service principal with it. Role assignments of that principal
 * stay behind in ARM (as in Azure), and the deleted app still counts toward the creator's quota while restorable.
 */
export function deleteApplication(ctx: GraphContext, ref: ObjectRef): ServiceResponse {
  const app = applicationForChange(ctx, ref);
  if (!app.ok) return app.response;
  const state = ctx.world.state;
  removeWhere(state.applications, (a) => a === app.value);
  // Kept in deleted items; the first owner is taken as the creator whose quota it still counts in.
  const deletedDateTime = graphDateTime(ctx.world.clock.now());
  (state.deletedApplications ??= []).push({
    ...app.value,
    deletedDateTime,
    ...(app.value.ownerIds[0] ? { creatorId: app.value.ownerIds[0] } : {}),
  });
  removeWhere(state.servicePrincipals, (sp) => sp.tenantId === app.value.tenantId && sp.appId === app.value.appId);
  return noContent();
}

/** Removes in place, so anyone holding the state's arrays sees the change. */
function removeWhere<T>(items: T[], predicate: (item: T) => boolean): void {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) items.splice(i, 1);
}

/**
 * DELETE /directory/deletedItems/{id}: removes a deleted app for good (Graph's "Permanently delete an item (directory
 * object)"); it then no longer counts toward its creator's quota. Unknown or not in the caller's tenant → 404.
 */
export function permanentlyDeleteItem(ctx: GraphContext, id: string): ServiceResponse {
  const denied = requireScope(ctx.caller, "writeApplications");
  if (denied) return denied;
  const deleted = ctx.world.state.deletedApplications ?? [];
  const item = deleted.find((a) => a.id.toLowerCase() === id.toLowerCase() && a.tenantId === ctx.caller.tenant.id);
  if (!item) return graphErrors.resourceNotFound(id);
  if (!mayModifyApplication(ctx.caller.user, item)) return graphErrors.insufficientPrivileges();
  removeWhere(deleted, (a) => a === item);
  const creator = ctx.world.state.users.find((u) => u.id === item.creatorId);
  if (creator && creator.createdObjectCount > 0) creator.createdObjectCount -= 1;
  return noContent();
}
