import type { ServiceRequest, ServiceResponse } from "../core/http";
import type { Application } from "../state";
import type { World } from "../world";
import { requireScope, type GraphCaller } from "./auth";
import { mayModifyApplication } from "./directoryPolicy";
import { graphErrors } from "./graphErrors";

/** What every route handler gets: the world, the request, and the authenticated caller. */
export interface GraphContext {
  world: World;
  req: ServiceRequest;
  caller: GraphCaller;
}

/** How a URL names an application: /applications/{id} or /applications(appId='{appId}'). */
export type ObjectRef = { by: "id" | "appId"; value: string };

/** A value, or the response Graph sends instead. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; response: ServiceResponse };

export const fail = (response: ServiceResponse): { ok: false; response: ServiceResponse } => ({ ok: false, response });

function refKey(ref: ObjectRef): string {
  return ref.by === "id" ? ref.value : `appId=${ref.value}`;
}

export function findApplication(ctx: GraphContext, ref: ObjectRef): Application | undefined {
  const wanted = ref.value.toLowerCase();
  return ctx.world.state.applications.find(
    (a) => a.tenantId === ctx.caller.tenant.id && (ref.by === "id" ? a.id : a.appId).toLowerCase() === wanted,
  );
}

/** The app, for a read: needs a read scope, and the app must exist in the caller's tenant. */
export function applicationForRead(ctx: GraphContext, ref: ObjectRef): Outcome<Application> {
  const denied = requireScope(ctx.caller, "readApplications");
  if (denied) return fail(denied);
  const app = findApplication(ctx, ref);
  return app ? { ok: true, value: app } : fail(graphErrors.resourceNotFound(refKey(ref)));
}

/** The app, for a change: needs the write scope, then existence (404 before 403, as Graph), then ownership or an admin role. */
export function applicationForChange(ctx: GraphContext, ref: ObjectRef): Outcome<Application> {
  const denied = requireScope(ctx.caller, "writeApplications");
  if (denied) return fail(denied);
  const app = findApplication(ctx, ref);
  if (!app) return fail(graphErrors.resourceNotFound(refKey(ref)));
  if ((app.pendingWriteCalls ?? 0) > 0) {
    // Replication after POST /applications (msgraph-sdk-javascript#1999): the write lands on a replica that has not
    // seen the new app yet, and Graph answers as for an unknown one. Counted in calls (knobs.consistency.applicationToWriteCalls).
    app.pendingWriteCalls = (app.pendingWriteCalls ?? 0) - 1;
    return fail(graphErrors.resourceNotFound(refKey(ref)));
  }
  if (!mayModifyApplication(ctx.caller.user, app)) return fail(graphErrors.insufficientPrivileges());
  return { ok: true, value: app };
}

/** The request body as a JSON object; an absent body reads as {} because several actions take an optional one. */
export function readJsonObject(req: ServiceRequest): Outcome<Record<string, unknown>> {
  if (!req.bodyText || req.bodyText.trim() === "") return { ok: true, value: {} };
  try {
    const parsed: unknown = JSON.parse(req.bodyText);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return fail(graphErrors.invalidJson());
    return { ok: true, value: parsed as Record<string, unknown> };
  } catch {
    return fail(graphErrors.invalidJson());
  }
}
