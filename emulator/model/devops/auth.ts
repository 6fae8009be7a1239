import { bearerToken, type ServiceRequest } from "../core/http";
import { decodeJwt } from "../core/tokens";
import type { World } from "../world";

/**
 * Azure DevOps REST wants a bearer token. The emulated host hands out opaque tokens, so any token is accepted;
 * one that decodes as a JWT must not have expired by the world's clock.
 */
export function isAuthenticated(world: World, req: ServiceRequest): boolean {
  const token = bearerToken(req)?.trim();
  if (!token) return false;
  const claims = decodeJwt(token);
  if (claims && claims.exp * 1000 <= world.clock.nowMs()) return false;
  return true;
}
