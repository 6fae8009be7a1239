import type { ServiceResponse } from "../core/http";
import type { DirectoryRole } from "../state";
import type { GraphContext } from "./context";
import { graphErrors } from "./graphErrors";
import { entityResponse, type Resource } from "./odataQuery";

/**
 * GET /policies/authorizationPolicy: the tenant's default user permissions, of which the hub reads only
 * defaultUserRolePermissions.allowedToCreateApps (the tenant setting "Users can register applications").
 *
 * The v1.0 reference asks for delegated Policy.Read.All (or Policy.ReadWrite.Authorization) and a reading directory
 * role (Global Reader, Security Reader, …, Global Administrator). Of the roles this model knows only Global
 * Administrator is one; everyone else, and every token without a policy scope (the hub's own), gets 403.
 */
const POLICY_SCOPES = ["Policy.Read.All", "Policy.ReadWrite.Authorization"];
const POLICY_READER_ROLES: readonly DirectoryRole[] = ["GlobalAdministrator"];

// The default for new tenants: guests get the "Guest User" role template (limited access); a0b1b346-… would be member access.
const GUEST_USER_ROLE_ID = "10dae51f-b6af-4016-8d66-8c2a99b929b3";

function policyResource(usersCanRegisterApps: boolean): Resource {
  return {
    id: "authorizationPolicy",
    allowInvitesFrom: "everyone",
    allowedToSignUpEmailBasedSubscriptions: true,
    allowedToUseSSPR: true,
    allowEmailVerifiedUsersToJoinOrganization: false,
    allowUserConsentForRiskyApps: null,
    blockMsolPowerShell: false,
    description: "Used to manage authorization related settings across the company.",
    displayName: "Authorization Policy",
    guestUserRoleId: GUEST_USER_ROLE_ID,
    defaultUserRolePermissions: {
      allowedToCreateApps: usersCanRegisterApps,
      allowedToCreateSecurityGroups: true,
      allowedToCreateTenants: true,
      allowedToReadBitlockerKeysForOwnedDevice: true,
      allowedToReadOtherUsers: true,
      permissionGrantPoliciesAssigned: ["ManagePermissionGrantsForSelf.microsoft-user-default-legacy"],
    },
  };
}

const PROPERTIES = Object.keys(policyResource(true));

export function getAuthorizationPolicy(ctx: GraphContext): ServiceResponse {
  const scoped = POLICY_SCOPES.some((s) => ctx.caller.scopes.has(s.toLowerCase()));
  const reader = ctx.caller.user.directoryRoles.some((r) => POLICY_READER_ROLES.includes(r));
  if (!scoped || !reader) return graphErrors.insufficientPrivileges();
  return entityResponse(
    ctx.req,
    { entitySet: "policies/authorizationPolicy", type: "authorizationPolicy", properties: PROPERTIES },
    policyResource(ctx.caller.tenant.usersCanRegisterApps),
  );
}
