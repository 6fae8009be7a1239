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
