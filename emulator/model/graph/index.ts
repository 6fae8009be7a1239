import { segments, type ServiceRequest, type ServiceResponse } from "../core/http";
import type { World } from "../world";
import { authenticate } from "./auth";
import { graphErrors } from "./graphErrors";
import { routeGraph } from "./router";

/**
 * Microsoft Graph v1.0: the directory side of the seed (users, the organization, app registrations, their secrets,
 * federated credentials and owners, service principals) and JSON batching. Every route needs a valid Graph token.
 */
export function handleGraph(world: World, req: ServiceRequest): ServiceResponse {
  const segs = segments(req.path);
  const [version] = segs;
  if (version === undefined) return graphErrors.segmentNotFound("");
  if (version !== "v1.0") return graphErrors.invalidVersion(version);
  const auth = authenticate(world, req);
  if (!auth.ok) return auth.response;
  return routeGraph({ world, req, caller: auth.caller }, segs.slice(1), (inner) => handleGraph(world, inner));
}
