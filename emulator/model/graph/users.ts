import type { ServiceResponse } from "../core/http";
import type { User } from "../state";
import { SCOPES, type GraphCaller } from "./auth";
import type { GraphContext } from "./context";
import { graphErrors } from "./graphErrors";
import { entityResponse } from "./odataQuery";
import { USER_DEFAULT_PROPERTIES, USER_PROPERTIES, userResource } from "./resources";

/**
 * GET /users/{id | userPrincipalName}: one user of the caller's tenant (how the hub looks up a co-owner).
 * User.Read reaches only the signed-in user; anyone else needs User.ReadBasic.All or a broader read scope.
 */

/** Scopes that read any user of the tenant (Graph permissions reference, "Get user"). */
const READ_OTHER_USERS = [
  "User.ReadBasic.All",
  "User.Read.All",
  "User.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
  "Directory.AccessAsUser.All",
];
/** Scopes that read every property of another user; User.ReadBasic.All alone sees only the basic profile. */
const READ_FULL_PROFILES = READ_OTHER_USERS.filter((s) => s !== "User.ReadBasic.All");
/** The basic profile User.ReadBasic.All may read of other users. */
const BASIC_PROPERTIES = ["displayName", "givenName", "id", "mail", "surname", "userPrincipalName"];

const holds = (caller: GraphCaller, scopes: readonly string[]) => scopes.some((s) => caller.scopes.has(s.toLowerCase()));

function findUser(ctx: GraphContext, key: string): User | undefined {
  const wanted = key.toLowerCase();
  return ctx.world.state.users.find(
    (u) => u.tenantId === ctx.caller.tenant.id && (u.id.toLowerCase() === wanted || u.userPrincipalName.toLowerCase() === wanted),
  );
}

export function getUser(ctx: GraphContext, key: string): ServiceResponse {
  const self =
    key.toLowerCase() === ctx.caller.user.id.toLowerCase() || key.toLowerCase() === ctx.caller.user.userPrincipalName.toLowerCase();
  if (!holds(ctx.caller, self ? SCOPES.readSignedInUser : READ_OTHER_USERS)) return graphErrors.insufficientPrivileges();
  const user = findUser(ctx, key);
  if (!user) return graphErrors.resourceNotFound(key);
  const resource = userResource(user);
  if (!self && !holds(ctx.caller, READ_FULL_PROFILES)) {
    // GUESS: with User.ReadBasic.All alone, properties outside the basic profile read as null rather than failing.
    for (const name of Object.keys(resource)) if (!BASIC_PROPERTIES.includes(name) && name !== "businessPhones") resource[name] = null;
  }
  return entityResponse(
    ctx.req,
    { entitySet: "users", type: "user", properties: USER_PROPERTIES, defaultProperties: USER_DEFAULT_PROPERTIES },
    resource,
  );
}
