import * as SDK from "azure-devops-extension-sdk";
import type { Cloud } from "../../platform/clouds";
import { withTimeout } from "../../platform/timeout";
import type { SignInClient, SignInClientOptions } from "./signInTypes";

export type { SignInClientOptions } from "./signInTypes";

// A host without the bridge answers the SDK's ping with an error at once; one that never answers must not hang sign-in.
const NESTED_APP_AUTH_PROBE_MS = 5_000;

/**
 * Nested app authentication is brokered by the Azure DevOps host, which signs in to the public cloud's Entra: it can
 * serve Azure only (the emulator stands in for Azure). Azure Government and Azure operated by 21Vianet sign in through
 * pop-up windows at their own authorities.
 */
export function cloudAllowsNestedAppAuth(cloud: Pick<Cloud, "connection">): boolean {
  return cloud.connection.environment === "AzureCloud";
}

async function hostOffersNestedAppAuth(enable: () => Promise<void>): Promise<boolean> {
  try {
    await withTimeout(enable(), NESTED_APP_AUTH_PROBE_MS, () => new Error("The host did not answer the nested app authentication ping."));
    return true;
  } catch {
    // Expected on hosts without nested app authentication: sign in through popups instead.
    return false;
  }
}

/**
 * Creates the hub's sign-in: nested app authentication through the Azure DevOps host when the cloud is Azure and the
 * host offers the bridge, msal-browser popups through the relay page otherwise. msal-browser is loaded here, on first
 * use, as its own chunk.
 */
export async function createSignInClient(options: SignInClientOptions): Promise<SignInClient> {
  const nested =
    cloudAllowsNestedAppAuth(options.cloud) &&
    (await hostOffersNestedAppAuth(options.enableNestedAppAuth ?? (() => SDK.enableNestedAppAuth())));
  const { openMsalSignIn } = await import(/* webpackChunkName: "msal" */ "./msalSignIn");
  return openMsalSignIn(options, nested);
}
