import type { ServiceRequest, ServiceResponse } from "../core/http";
import {
  createApplication,
  deleteApplication,
  getApplication,
  listApplications,
  permanentlyDeleteItem,
  updateApplication,
} from "./applications";
import { getAuthorizationPolicy } from "./authorizationPolicy";
import { handleBatch } from "./batch";
import type { GraphContext, ObjectRef } from "./context";
import { addPassword, removePassword } from "./credentials";
import { getSignedInUser, listOrganization } from "./directory";
import {
  createFederatedCredential,
  deleteFederatedCredential,
  getFederatedCredential,
  listFederatedCredentials,
} from "./federatedCredentials";
import { graphErrors } from "./graphErrors";
import { addOwner, listOwners, removeOwner } from "./owners";
import { createServicePrincipal, getServicePrincipal, listServicePrincipals } from "./servicePrincipals";
import { getUser } from "./users";

type Handler = (ctx: GraphContext) => ServiceResponse;
type Methods = Partial<Record<"GET" | "POST" | "PATCH" | "DELETE", Handler>>;
type Match = { methods: Methods } | { unknownSegment: string };

/** Answers a whole Graph request (authentication included); the batch route replays its parts through it. */
export type GraphDispatcher = (req: ServiceRequest) => ServiceResponse;

const is = (segment: string | undefined, name: string): boolean => segment?.toLowerCase() === name.toLowerCase();

/** "applications" + "{id}", or the single segment "applications(appId='{appId}')"; the rest of the path after it. */
function collectionItem(segs: readonly string[], collection: string): { ref: ObjectRef; rest: string[] } | undefined {
  const first = segs[0] ?? "";
  const byAppId = new RegExp(`^${collection}\\(appId='([^']*)'\\)$`, "i").exec(first);
  if (byAppId) return { ref: { by: "appId", value: byAppId[1]! }, rest: segs.slice(1) };
  if (is(first, collection) && segs[1] !== undefined) return { ref: { by: "id", value: segs[1] }, rest: segs.slice(2) };
  return undefined;
}

function applicationRoutes(ref: ObjectRef, rest: readonly string[]): Match {
  const [a, b, c] = rest;
  if (rest.length === 0) {
    return {
      methods: { GET: (x) => getApplication(x, ref), PATCH: (x) => updateApplication(x, ref), DELETE: (x) => deleteApplication(x, ref) },
    };
  }
  if (rest.length === 1 && is(a, "addPassword")) return { methods: { POST: (x) => addPassword(x, ref) } };
  if (rest.length === 1 && is(a, "removePassword")) return { methods: { POST: (x) => removePassword(x, ref) } };
  if (is(a, "federatedIdentityCredentials")) {
    if (rest.length === 1)
      return { methods: { GET: (x) => listFederatedCredentials(x, ref), POST: (x) => createFederatedCredential(x, ref) } };
    if (rest.length === 2 && b !== undefined) {
      return { methods: { GET: (x) => getFederatedCredential(x, ref, b), DELETE: (x) => deleteFederatedCredential(x, ref, b) } };
    }
  }
  if (is(a, "owners")) {
    if (rest.length === 1) return { methods: { GET: (x) => listOwners(x, ref) } };
    if (rest.length === 2 && is(b, "$ref")) return { methods: { POST: (x) => addOwner(x, ref) } };
    if (rest.length === 3 && b !== undefined && is(c, "$ref")) return { methods: { DELETE: (x) => removeOwner(x, ref, b) } };
  }
  return { unknownSegment: rest.find((s) => !/^(owners|federatedIdentityCredentials)$/i.test(s)) ?? rest[rest.length - 1] ?? "" };
}

function match(segs: readonly string[], dispatch: GraphDispatcher): Match {
  const [first] = segs;
  if (segs.length === 1 && is(first, "me")) return { methods: { GET: getSignedInUser } };
  if (segs.length === 1 && is(first, "organization")) return { methods: { GET: listOrganization } };
  if (segs.length === 1 && is(first, "$batch")) return { methods: { POST: (x) => handleBatch(x, dispatch) } };
  if (segs.length === 1 && is(first, "applications")) return { methods: { GET: listApplications, POST: createApplication } };
  if (segs.length === 1 && is(first, "servicePrincipals")) return { methods: { GET: listServicePrincipals, POST: createServicePrincipal } };
  if (is(first, "users") && segs.length >= 2)
    return segs.length === 2 ? { methods: { GET: (x) => getUser(x, segs[1]!) } } : { unknownSegment: segs[2] ?? "" };
  if (segs.length === 3 && is(first, "directory") && is(segs[1], "deletedItems"))
    return { methods: { DELETE: (x) => permanentlyDeleteItem(x, segs[2]!) } };
  if (segs.length === 2 && is(first, "policies") && is(segs[1], "authorizationPolicy")) return { methods: { GET: getAuthorizationPolicy } };
  const app = collectionItem(segs, "applications");
  if (app) return applicationRoutes(app.ref, app.rest);
  const sp = collectionItem(segs, "servicePrincipals");
  if (sp) return sp.rest.length === 0 ? { methods: { GET: (x) => getServicePrincipal(x, sp.ref) } } : { unknownSegment: sp.rest[0] ?? "" };
  return { unknownSegment: segs.find((s) => !/^(me|applications|servicePrincipals)$/i.test(s)) ?? first ?? "" };
}

/** Routes a request below /v1.0 (segments after the version) for an authenticated caller. */
export function routeGraph(ctx: GraphContext, segs: readonly string[], dispatch: GraphDispatcher): ServiceResponse {
  const found = match(segs, dispatch);
  if ("unknownSegment" in found) return graphErrors.segmentNotFound(found.unknownSegment);
  const handler = found.methods[ctx.req.method as keyof Methods];
  return handler ? handler(ctx) : graphErrors.methodNotAllowed();
}
