import { SEED } from "../seed";
import type { User } from "../state";
import type { World } from "../world";

/**
 * A person signs in once, with their home account; in another tenant they act through the guest object that B2B
 * invitation created there. These helpers go between the person and the user object of one tenant.
 */

/** Who signs in next (knobs.signedInUserId; the seeded administrator by default), as the knob names them. */
export function signedInUser(world: World): User | undefined {
  const id = world.knobs.signedInUserId ?? SEED.users.admin;
  return world.state.users.find((u) => u.id === id);
}

/** The person behind a user object: the home account of a guest, or the user itself. */
export function personOf(world: World, user: User): User {
  if (!user.homeUserId) return user;
  return world.state.users.find((u) => u.id === user.homeUserId) ?? user;
}

/** The person's user object in a tenant: their own account at home, their guest object elsewhere. */
export function userInTenant(world: World, person: User, tenantId: string): User | undefined {
  if (person.tenantId === tenantId) return person;
  return world.state.users.find((u) => u.tenantId === tenantId && u.userType === "Guest" && u.homeUserId === person.id);
}

/** What a login_hint may name: the person's sign-in name, or the name of any of their tenant objects. */
export function matchesLoginHint(world: World, person: User, hint: string): boolean {
  const lower = hint.toLowerCase();
  if (person.userPrincipalName.toLowerCase() === lower) return true;
  return world.state.users.some((u) => u.homeUserId === person.id && u.userPrincipalName.toLowerCase() === lower);
}

/** Tenant-wide admin consent for delegated permissions: Global Administrator or Application Administrator. */
export function canGrantTenantWideConsent(user: User): boolean {
  return user.directoryRoles.includes("GlobalAdministrator") || user.directoryRoles.includes("ApplicationAdministrator");
}
