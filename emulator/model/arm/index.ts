import { json, type ServiceRequest, type ServiceResponse } from "../core/http";
import type { World } from "../world";

export function handleArm(_world: World, req: ServiceRequest): ServiceResponse | Promise<ServiceResponse> {
  return json(404, { message: `No emulated route for ${req.method} ${req.path}` });
}
