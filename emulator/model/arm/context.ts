import type { ServiceRequest, ServiceResponse } from "../core/http";
import type { World } from "../world";
import type { ArmCaller } from "./auth";

/** What every ARM route handler gets: the world, the request and the authenticated caller. */
export interface ArmContext {
  world: World;
  req: ServiceRequest;
  caller: ArmCaller;
}

/** A value, or the ARM error that stopped the request. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; response: ServiceResponse };

export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail<T>(response: ServiceResponse): Outcome<T> {
  return { ok: false, response };
}
