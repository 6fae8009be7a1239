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
  /** Graph: writes to a newly created app (addPassword, owners, PATCH, federated credentials, …) answer 404 Request_ResourceNotFound for the next N such calls. */
  applicationToWriteCalls?: number;
  /** Azure DevOps: a new federated identity credential is not yet trusted by the next N TestConnection calls that present its issuer and subject. */
  federatedCredentialToTestConnectionCalls?: number;
}

/** Which issuer the emulated Azure DevOps organization presents for workload identity federation (devops/workloadIdentity.ts). */
export type FederationIssuerKind = "entra" | "azureDevOps";

/** How Security "Has Permissions" answers (devops/security.ts). */
export type HasPermissionsMode = "evaluate" | "unauthorized" | "forbidden" | "tokenNotRecognized";

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
  /**
   * Azure DevOps: the issuer (and so the subject format) the organization presents for workload identity federation.
   * "entra" (default, what new connections get): https://login.microsoftonline.com/{tenant}/v2.0 with /eid1/… subjects;
   * "azureDevOps": the older https://vstoken.dev.azure.com/{organizationId} with sc://{org}/{project}/{name}.
   */
  federationIssuer?: FederationIssuerKind;
  /**
   * Azure DevOps: how GET endpoints/{id} answers for a connection that is gone (or not shared with the project):
   * "noContent" (default) 204 with an empty body, or "notFound" 404 ServiceEndpointNotFoundException.
   */
  missingEndpointRead?: "noContent" | "notFound";
  /**
   * Azure DevOps Security "Has Permissions": "evaluate" (default) answers from the model's ACLs; "unauthorized" /
   * "forbidden" refuse the call (401 / 403) for the extension's token; "tokenNotRecognized" answers false for every
   * token and every caller (administrators included), as when the security token's format is not the namespace's.
   */
  hasPermissions?: HasPermissionsMode;
  /**
   * Entra: what a user who cannot grant consent does on the "Need admin approval" screen of an interactive sign-in.
   * "returnToApp" (default): follows "Return to the application without granting consent" → AADSTS65004 to the app.
   * "stay": stays on the screen, whose details say AADSTS90094 "The grant requires admin permission."; the popup
   * never returns to the app (the emulator renders the error page; the nested-auth bridge answers the error).
   */
  needAdminApproval?: "returnToApp" | "stay";
  /**
   * Azure DevOps: projects (id or name) whose service-connection list fails, with the status it fails with: 403 (the
   * caller may not read the project's connections) or 500 (the service failed). For the organization's view.
   */
  failingEndpointLists?: Record<string, 403 | 500>;
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
      applicationToWriteCalls: 0,
      federatedCredentialToTestConnectionCalls: 0,
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

export interface ThrottleOptions {
  /** How many matching requests are refused (default 1). */
  count?: number;
  /** 429 Too Many Requests (default) or 503 Service Unavailable. */
  status?: 429 | 503;
  /** Seconds in Retry-After (default 30). */
  retryAfter?: number;
  /** Regular expression (source text) for the path below the service root; every path when absent (e.g. "/_apis/serviceendpoint/"). */
  path?: string;
  method?: string;
}

/**
 * A throttling fault rule: the next N matching requests of the service answer 429 (or 503) with Retry-After, in the
 * service's own error shape. Push it on `knobs.faults` (in process) or PATCH /_emulator/knobs {faults:[…]} (HTTP).
 */
export function throttleRule(service: ServiceName, options: ThrottleOptions = {}): FaultRule {
  return {
    id: `throttle-${service}`,
    service,
    ...(options.method ? { method: options.method } : {}),
    path: options.path ?? "",
    count: options.count ?? 1,
    status: options.status ?? 429,
    retryAfter: options.retryAfter ?? 30,
  };
}
