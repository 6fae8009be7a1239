import type { ServiceRequest, ServiceResponse } from "../core/http";
import type { World } from "../world";
import { checkApiVersion } from "./apiVersions";
import { authenticate } from "./auth";
import { methodNotAllowed, noRoute } from "./errors";
import { matchArmRoute } from "./routes";

/**
 * Azure Resource Manager: the front door checks the token first (as ARM answers 401 before anything else), then the
 * route and its api-version, then hands over to the route. See ROUTES.md for every route and rule.
 */
export function handleArm(world: World, req: ServiceRequest): ServiceResponse | Promise<ServiceResponse> {
  const auth = authenticate(world, req);
  if (!auth.ok) return auth.response;
  const route = matchArmRoute(req.path);
  if (!route) return noRoute(req);
  const version = checkApiVersion(req, route.family);
  if (version) return version;
  const handler = route.methods[req.method.toUpperCase()];
  if (!handler) return methodNotAllowed(req);
  return handler({ world, req, caller: auth.caller });
}

export { authorizationFailedMessage } from "./errors";
export { grantingAssignments, hasPermission, roleGrants, scopeAncestry } from "./authorization";
