import type { ServiceName } from "./http";

/** A fault injected on matching requests, consumed one request at a time. */
export interface FaultRule {
  id?: string;
  service: ServiceName;
  /** Upper-case HTTP method; any method when absent. */
  method?: string;
  /** Regular expression (source text) tested against the path below the service root. */
  path: string;
  /** How many matching requests fail; Infinity for all. */
  count: number;
  /** Status to answer with; ignored with networkDrop. */
  status?: number;
  /** Seconds for a Retry-After header. */
  retryAfter?: number;
  /** Drop the connection instead of answering. */
  networkDrop?: boolean;
  /** Body to answer with; a service-shaped error is made up when absent. */
  body?: unknown;
}

/**
 * Eventual consistency, counted in calls rather than seconds so tests never sleep. Each number says for how many
 * calls of the named kind a freshly created object stays invisible or ineffective.
 */
export interface ConsistencyKnobs {
  /** Graph: POST /servicePrincipals fails with "does not reference a valid application" for the next N calls after the app is created. */
  applicationToServicePrincipalCalls: number;
  /** ARM: a new service principal is unknown (400 PrincipalNotFound) to the next N role-assignment writes. */
  principalToRoleAssignmentCalls: number;
  /** Azure DevOps: a new secret is rejected by the next N TestConnection calls that use it. */
  secretToTestConnectionCalls: number;
  /** Azure DevOps: a new role assignment is not yet effective for the next N TestConnection calls. */
  roleAssignmentToTestConnectionCalls: number;
}

export interface Knobs {
  /** Milliseconds added before each answer, per service. */
  latencyMs: Partial<Record<ServiceName, number>>;
  faults: FaultRule[];
  consistency: ConsistencyKnobs;
  /** Object id of the user who signs in next (Entra authorize and the nested-auth bridge). */
  signedInUserId?: string;
  /**
   * ARM: answer a repeated, identical role-assignment PUT (same name, scope, principal and role) with
   * 409 RoleAssignmentExists instead of 200. Public reports show Azure doing both; clients must accept either.
   */
  repeatedRoleAssignmentPutConflicts?: boolean;
}

export function defaultKnobs(): Knobs {
  return {
    latencyMs: {},
    faults: [],
    consistency: {
      applicationToServicePrincipalCalls: 0,
      principalToRoleAssignmentCalls: 0,
      secretToTestConnectionCalls: 0,
      roleAssignmentToTestConnectionCalls: 0,
    },
  };
}

/** Finds the first fault rule that matches, and consumes one use of it. */
export function takeFault(knobs: Knobs, service: ServiceName, method: string, path: string): FaultRule | undefined {
  const index = knobs.faults.findIndex(
    (f) =>
      f.count > 0 &&
      f.service === service &&
      (!f.method || f.method.toUpperCase() === method.toUpperCase()) &&
      new RegExp(f.path).test(path),
  );
  if (index < 0) return undefined;
  const rule = knobs.faults[index]!;
  rule.count -= 1;
  if (rule.count <= 0) knobs.faults.splice(index, 1);
  return rule;
}
