import { armError } from "../core/errors";
import type { ServiceResponse } from "../core/http";
import type { State } from "../state";
import { fail, ok, type Outcome } from "./context";

/** A directory object a role can be assigned to. The model's directory has users and service principals, no groups. */
export interface Principal {
  id: string;
  type: "User" | "ServicePrincipal";
}

export function principalNotFound(principalId: string, tenantId: string): ServiceResponse {
  return armError(
    400,
    "PrincipalNotFound",
    `Principal ${principalId.replace(/-/g, "")} does not exist in the directory ${tenantId}. Check that you have the correct principal ID. ` +
      `If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. ` +
      `In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  ` +
      `See https://aka.ms/docs-principaltype`,
  );
}

/**
 * Looks the principal up in the directory that owns the scope, the way ARM asks Microsoft Graph. A service principal
 * created moments ago is still unknown to the next `pendingRoleAssignmentCalls` writes (replication); each such write
 * uses up one. Azure documents principalType: "ServicePrincipal" as easing this delay, but az cli still retries
 * PrincipalNotFound with it set, so the emulator keeps the delay either way (the stricter choice).
 */
export function lookUpPrincipalForWrite(state: State, tenantId: string, principalId: string): Outcome<Principal> {
  const id = principalId.toLowerCase();
  const tenant = tenantId.toLowerCase();
  const user = state.users.find((u) => u.id.toLowerCase() === id && u.tenantId.toLowerCase() === tenant);
  if (user) return ok({ id: user.id, type: "User" });
  const sp = state.servicePrincipals.find((s) => s.id.toLowerCase() === id && s.tenantId.toLowerCase() === tenant);
  if (!sp) return fail(principalNotFound(principalId, tenantId));
  if (sp.pendingRoleAssignmentCalls > 0) {
    sp.pendingRoleAssignmentCalls -= 1;
    return fail(principalNotFound(principalId, tenantId));
  }
  return ok({ id: sp.id, type: "ServicePrincipal" });
}

/** Guess: the wording for a principalType that contradicts the directory (rejecting it is the stricter choice). */
export function unmatchedPrincipalType(principalId: string, given: string, actual: string): ServiceResponse {
  return armError(
    400,
    "UnmatchedPrincipalType",
    `The principal type '${given}' given for principal '${principalId}' does not match its type '${actual}' in the directory.`,
  );
}
