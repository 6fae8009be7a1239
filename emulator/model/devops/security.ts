import type { ServiceResponse } from "../core/http";
import type { State } from "../state";
import { respond, respondList } from "./conventions";
import { param, type DevopsContext } from "./context";
import { badRequest, notFound, permissionsCheckRefused } from "./errors";

/**
 * Security "Permissions - Has Permissions" (security 7.1/7.2 spec, operation `Permissions_Has Permissions`):
 *   GET /{org}/_apis/permissions/{securityNamespaceId}/{permissions}?tokens=a,b&alwaysAllowAdministrators=&delimiter=
 * "Evaluates whether the caller has the specified permissions on the specified set of security tokens": one boolean per
 * token, a list (bare with noArrayWrap, else {count, value}). The legacy singular `token=` answers one bare boolean
 * (the 5.0 example). The spec names no OAuth scope for this GET, so an extension token may call it.
 *
 * The model knows one namespace, Collection (organization-level permissions; namespace-reference), with its root token
 * and bits. Members of Project Collection Administrators hold every bit; every other user of the organization holds
 * GENERIC_READ ("View instance-level information") only.
 *
 * GUESSES (no public source settles them): the root token "NAMESPACE:"; that other tokens of the namespace carry no ACL;
 * an unknown namespace answers 404 InvalidSecurityNamespaceException; no tokens answers an empty list; a bad bit mask
 * answers 400.
 */
export const COLLECTION_NAMESPACE_ID = "3e65f728-f8bc-4ecd-8764-7e378b19bfa7";
export const COLLECTION_ROOT_TOKEN = "NAMESPACE:";

/** The Collection namespace's actions (namespace-reference: GENERIC_READ … MANAGE_ENTERPRISE_POLICIES). */
export const COLLECTION_BITS = {
  GENERIC_READ: 1,
  GENERIC_WRITE: 2,
  CREATE_PROJECTS: 4,
  TRIGGER_EVENT: 8,
  MANAGE_TEMPLATE: 16,
  DIAGNOSTIC_TRACE: 32,
  SYNCHRONIZE_READ: 64,
  MANAGE_TEST_CONTROLLERS: 128,
  DELETE_FIELD: 256,
  MANAGE_ENTERPRISE_POLICIES: 512,
} as const;

const ALL_COLLECTION_BITS = Object.values(COLLECTION_BITS).reduce((all, bit) => all | bit, 0);

export function isProjectCollectionAdministrator(state: State, userId: string): boolean {
  return (state.devops.projectCollectionAdministrators ?? [state.devops.user.id]).includes(userId);
}

/** The bits the caller holds on one token of the Collection namespace. */
function allowedBits(state: State, token: string): number {
  if (token.toLowerCase() !== COLLECTION_ROOT_TOKEN.toLowerCase()) return 0;
  return isProjectCollectionAdministrator(state, state.devops.user.id) ? ALL_COLLECTION_BITS : COLLECTION_BITS.GENERIC_READ;
}

/** GET …/_apis/permissions/{securityNamespaceId}/{permissions} */
export function hasPermissions(ctx: DevopsContext): ServiceResponse {
  const namespaceId = param(ctx, "namespaceId").toLowerCase();
  const permissionsText = param(ctx, "permissions");
  if (!/^\d+$/.test(permissionsText) || Number(permissionsText) > 0x7fffffff)
    return badRequest(`The permissions value '${permissionsText}' is not a valid bit mask.`);
  const requested = Number(permissionsText);
  if (namespaceId !== COLLECTION_NAMESPACE_ID)
    return notFound("InvalidSecurityNamespaceException", `The security namespace ${namespaceId} is not valid.`);

  const state = ctx.world.state;
  // Scenario knob (ROUTES.md): the check refused for the extension's token, or a token format it does not recognise.
  const mode = ctx.world.knobs.hasPermissions ?? "evaluate";
  if (mode === "unauthorized") return permissionsCheckRefused(401, state.devops.user.id);
  if (mode === "forbidden") return permissionsCheckRefused(403, state.devops.user.id);
  // "If true and if the caller is an administrator, always return true."
  const alwaysAllow =
    (ctx.req.query.get("alwaysAllowAdministrators") ?? "").toLowerCase() === "true" &&
    isProjectCollectionAdministrator(state, state.devops.user.id);
  const evaluate = (token: string) =>
    mode === "tokenNotRecognized" ? false : alwaysAllow || (allowedBits(state, token) & requested) === requested;

  const single = ctx.req.query.get("token");
  const tokensText = ctx.req.query.get("tokens");
  if (tokensText === null && single !== null) return respond(ctx.wire, 200, evaluate(single));
  const delimiter = ctx.req.query.get("delimiter") || ",";
  const tokens = (tokensText ?? "").split(delimiter).filter((t) => t.length > 0);
  return respondList(ctx.wire, tokens.map(evaluate));
}
