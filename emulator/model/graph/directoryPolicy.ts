import type { ServiceResponse } from "../core/http";
import { guidFrom } from "../core/ids";
import type { Application, DirectoryRole, Tenant, User } from "../state";
import { graphErrors } from "./graphErrors";

/**
 * Who may do what in the directory. These rules sit in one file because several are judgement calls (marked GUESS);
 * ROUTES.md lists them.
 */

/** A non-admin user may create this many directory objects; deleted ones still count while restorable. */
export const NON_ADMIN_OBJECT_QUOTA = 250;
export const MAX_FEDERATED_CREDENTIALS = 20;
/** Graph's default secret lifetime when addPassword gets no endDateTime. */
export const DEFAULT_SECRET_LIFETIME_YEARS = 2;

const APP_ADMIN_ROLES: readonly DirectoryRole[] = ["GlobalAdministrator", "ApplicationAdministrator"];
const APP_CREATOR_ROLES: readonly DirectoryRole[] = ["GlobalAdministrator", "ApplicationAdministrator", "ApplicationDeveloper"];

function hasAnyRole(user: User, roles: readonly DirectoryRole[]): boolean {
  return user.directoryRoles.some((r) => roles.includes(r));
}

/** Admins who manage every app in the tenant, owner or not. */
export function isApplicationAdmin(user: User): boolean {
  return hasAnyRole(user, APP_ADMIN_ROLES);
}

/**
 * Registering an app (and creating its service principal) needs the tenant setting "Users can register applications"
 * or a role that grants it. Guests are blocked even when the setting is on; GUESS: a guest holding such a role may.
 */
export function mayRegisterApplications(user: User, tenant: Tenant): boolean {
  if (hasAnyRole(user, APP_CREATOR_ROLES)) return true;
  return user.userType === "Member" && tenant.usersCanRegisterApps;
}

/** GUESS: Application Developer does not lift the quota; only the admin roles do. */
export function checkObjectQuota(user: User): ServiceResponse | undefined {
  if (isApplicationAdmin(user)) return undefined;
  return user.createdObjectCount >= NON_ADMIN_OBJECT_QUOTA ? graphErrors.quotaExceeded() : undefined;
}

/** Changing an app (credentials, owners, properties, deletion) needs being one of its owners or an app admin. */
export function mayModifyApplication(user: User, app: Application): boolean {
  return isApplicationAdmin(user) || app.ownerIds.includes(user.id);
}

/** The app management policy's id as Graph names it in policy errors; one tenant-wide default policy per tenant. */
export function appManagementPolicyId(tenant: Tenant): string {
  return guidFrom(`app-management-policy:${tenant.id}`);
}

/** The tenant's secret rules for a new password credential: undefined when allowed, Graph's 400 otherwise. */
export function checkSecretPolicy(tenant: Tenant, start: Date, end: Date): ServiceResponse | undefined {
  const policy = tenant.secretPolicy;
  if (policy.forbidSecrets) return graphErrors.secretsForbiddenByPolicy(appManagementPolicyId(tenant));
  if (policy.maxLifetimeDays !== undefined) {
    const maxMs = policy.maxLifetimeDays * 24 * 60 * 60 * 1000;
    if (end.getTime() - start.getTime() > maxMs) return graphErrors.secretLifetimeExceedsPolicy(appManagementPolicyId(tenant));
  }
  return undefined;
}
