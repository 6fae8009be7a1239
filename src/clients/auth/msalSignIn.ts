import {
  createNestablePublicClientApplication,
  createStandardPublicClientApplication,
  PublicClientApplication,
  type Configuration,
  type IPublicClientApplication,
} from "@azure/msal-browser";
import type { SignInClient, SignInClientOptions, SignInMethod } from "./signInTypes";
import { MsalSignInClient } from "./msalSignInClient";
import { tenantAuthority } from "./tokenScopes";

/**
 * The part of sign-in that needs msal-browser. The hub loads this module (and msal with it) as a separate chunk,
 * only when someone signs in: see createSignInClient. It imports only types from its siblings, so the two modules
 * form no import cycle.
 */

// How long a sign-in window may stay open: it first asks the person to continue, then to sign in (with MFA).
const POPUP_TIMEOUT_MS = 5 * 60_000;

function configurationFor(options: SignInClientOptions): Configuration {
  return {
    auth: {
      clientId: options.clientId,
      // The organization's directory when settings name one: a single-tenant sign-in app cannot use /organizations.
      authority: tenantAuthority(options.cloud, options.defaultTenantId),
      // A cross-site iframe cannot receive a popup's answer itself: a relay page on the hub's own origin opens
      // Entra's window and hands the answer back; Entra returns to the redirect-bridge page (static/).
      redirectUri: options.redirectUri,
      popupRelayUri: options.popupRelayUri,
      popupRelayProtocolVersion: 2,
    },
    // Tokens live in this page's memory only: nothing in localStorage, sessionStorage or IndexedDB.
    cache: { cacheLocation: "memoryStorage" },
    system: { popupBridgeTimeout: POPUP_TIMEOUT_MS },
  };
}

async function createApplication(
  configuration: Configuration,
  nestedBridge: boolean,
): Promise<{ app: IPublicClientApplication; method: SignInMethod }> {
  if (!nestedBridge) return { app: await createStandardPublicClientApplication(configuration), method: "popup" };
  // msal falls back to a standard client when the host's bridge does not answer its first request; the factory is
  // called only when nested app authentication is really available, which is how we know which one we got.
  let method: SignInMethod = "popup";
  const app = await createNestablePublicClientApplication(configuration, undefined, (config, controller) => {
    method = "nested";
    return new PublicClientApplication(config, controller);
  });
  return { app, method };
}

export async function openMsalSignIn(options: SignInClientOptions, nestedBridge: boolean): Promise<SignInClient> {
  const configuration = configurationFor(options);
  const { app, method } = await createApplication(configuration, nestedBridge);
  return new MsalSignInClient({
    app,
    method,
    cloud: options.cloud,
    consent: options.consent,
    ...(options.defaultTenantId ? { signInTenantId: options.defaultTenantId } : {}),
    // The pop-up path, created only if someone asks for it (another account, or past a failed nested sign-in).
    popupApp: method === "popup" ? () => Promise.resolve(app) : () => createStandardPublicClientApplication(configuration),
  });
}
