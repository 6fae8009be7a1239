import { bearerToken, type ServiceRequest, type ServiceResponse } from "../core/http";
import { readAccessToken, type AccessTokenProblem } from "../entra/accessTokens";
import type { Tenant, User } from "../state";
import type { World } from "../world";
import { graphErrors } from "./graphErrors";

/** The signed-in user a request acts for, as Graph sees it after validating the token. */
export interface GraphCaller {
  user: User;
  tenant: Tenant;
  /** Delegated permissions from `scp`, lower-cased for comparison. */
  scopes: ReadonlySet<string>;
}

export type AuthResult = { ok: true; caller: GraphCaller } | { ok: false; response: ServiceResponse };

const PROBLEMS: Record<AccessTokenProblem, () => ServiceResponse> = {
  malformed: graphErrors.tokenMalformed,
  wrongAudience: graphErrors.tokenWrongAudience,
  expired: graphErrors.tokenExpired,
  notYetValid: graphErrors.tokenNotYetValid,
  unknownTenant: graphErrors.tokenInvalidIssuer,
};

/**
 * Validates the bearer token the way Graph does before any route runs. The checks themselves (shape, audience
 * "https://graph.microsoft.com" or Graph's app id, lifetime against the world's clock, issuer) are the authority's
 * own, shared with ARM; Graph then needs the user to exist in the token's tenant.
 */
export function authenticate(world: World, req: ServiceRequest): AuthResult {
  const token = bearerToken(req);
  if (!token) return { ok: false, response: graphErrors.tokenMissing() };
  const principal = readAccessToken(world, token, "graph");
  if ("problem" in principal) return { ok: false, response: PROBLEMS[principal.problem]() };
  const tenant = world.state.tenants.find((t) => t.id === principal.tenantId);
  const user = world.state.users.find((u) => u.id === principal.objectId && u.tenantId === principal.tenantId);
  if (!tenant || !user) return { ok: false, response: graphErrors.tokenUnknownPrincipal() };
  return { ok: true, caller: { user, tenant, scopes: new Set(principal.scopes.map((s) => s.toLowerCase())) } };
}

/**
 * Delegated scopes that let a route run, least privileged first. Reads follow the Graph permission tables; writes
 * accept only Application.ReadWrite.All, the one scope the extension asks for and the one every write here documents.
 */
export const SCOPES = {
  readSignedInUser: [
    "User.Read",
    "User.ReadWrite",
    "User.ReadBasic.All",
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
    "Directory.AccessAsUser.All",
  ],
  readOrganization: [
    "User.Read",
    "Organization.Read.All",
    "Directory.Read.All",
    "Organization.ReadWrite.All",
    "Directory.ReadWrite.All",
    "Directory.AccessAsUser.All",
  ],
  readApplications: [
    "Application.Read.All",
    "Application.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
    "Directory.AccessAsUser.All",
  ],
  writeApplications: ["Application.ReadWrite.All"],
} as const;

export type ScopeNeed = keyof typeof SCOPES;

/** undefined when the token carries one of the scopes; the 403 Graph answers otherwise. */
export function requireScope(caller: GraphCaller, need: ScopeNeed): ServiceResponse | undefined {
  return SCOPES[need].some((s) => caller.scopes.has(s.toLowerCase())) ? undefined : graphErrors.insufficientPrivileges();
}
