import { guidFrom } from "./core/ids";
import { SEED } from "./seed";
import type { State } from "./state";

/**
 * What an organization administrator does once after installing the extension: enter the sign-in app's client id in
 * the settings (extension data, Default scope). The `npm start` world and end-to-end tests start configured; a test
 * of onboarding starts without it.
 */
export function configureHubSignIn(state: State, cloudId: string, clientId: string = SEED.signInClientId): void {
  const key = "Default/Current/settings";
  const collection = (state.devops.extensionData[key] ??= {});
  const current = collection["organization"] ?? { id: "organization", __etag: 0 };
  const ids = { ...((current["signInClientIds"] as Record<string, string> | undefined) ?? {}), [cloudId]: clientId };
  collection["organization"] = { ...current, id: "organization", signInClientIds: ids, __etag: Number(current["__etag"] ?? 0) + 1 };
}

/** The Azure DevOps accounts of the seeded people: the administrator (as seeded) and a member without Entra rights. */
export const DEVOPS_PEOPLE = {
  admin: { id: guidFrom("devops-user:ada"), displayName: "Ada Admin", uniqueName: "admin@contoso.onmicrosoft.com" },
  member: { id: guidFrom("devops-user:mo"), displayName: "Mo Member", uniqueName: "member@contoso.onmicrosoft.com" },
} as const;

/**
 * Who uses the browser next, in Azure DevOps and in Entra together: the host hands each signed-in user their own
 * context (the SDK's getUser(), read by /_emulator/host-config on every page load), and the same person signs in to
 * Entra (knobs.signedInUserId). "member" is Mo Member: a Reader at one subscription, no directory role, not a Project
 * Collection Administrator; "admin" is Ada Admin as seeded. For the hand-off of a request between them (ROUTES.md).
 */
export function actAs(state: State, knobs: { signedInUserId?: string }, who: keyof typeof DEVOPS_PEOPLE): void {
  state.devops.user = { ...DEVOPS_PEOPLE[who] };
  state.devops.projectCollectionAdministrators = [DEVOPS_PEOPLE.admin.id];
  knobs.signedInUserId = who === "admin" ? SEED.users.admin : SEED.users.member;
}
