import * as SDK from "azure-devops-extension-sdk";
import type { Cloud } from "../../platform/clouds";
import { withTimeout } from "../../platform/timeout";
import type { SignInClient } from "./signInTypes";
import type { ResourceScopes } from "./tokenScopes";

export interface SignInClientOptions {
  cloud: Cloud;
  /** The Entra application (client) id the organization registered for the hub. */
  clientId: string;
  /** Absolute URL of static/popup-relay.html on the hub's own origin: new URL("popup-relay.html", location.href). */
  popupRelayUri: string;
  /** Absolute URL of static/redirect-bridge.html, registered as the app's single-page-application redirect URI. */
  redirectUri: string;
  /**
   * Every resource the hub needs tokens for, consented at sign-in in one go. The first is the resource signed in for
   * (Graph), the others are consented alongside it (ARM).
   */
  consent: readonly ResourceScopes[];
  /** The host's nested-app-authentication switch; SDK.enableNestedAppAuth() unless a test replaces it. */
  enableNestedAppAuth?: () => Promise<void>;
}

// A host without the bridge answers the SDK's ping with an error at once; one that never answers must not hang sign-in.
const NESTED_APP_AUTH_PROBE_MS = 5_000;

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
 * Creates the hub's sign-in: nested app authentication through the Azure DevOps host when it offers the bridge,
 * msal-browser popups through the relay page otherwise. msal-browser is loaded here, on first use, as its own chunk.
 */
export async function createSignInClient(options: SignInClientOptions): Promise<SignInClient> {
  const nested = await hostOffersNestedAppAuth(options.enableNestedAppAuth ?? (() => SDK.enableNestedAppAuth()));
  const { openMsalSignIn } = await import(/* webpackChunkName: "msal" */ "./msalSignIn");
  return openMsalSignIn(options, nested);
}
