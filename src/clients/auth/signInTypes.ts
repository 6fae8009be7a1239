import type { Cloud } from "../../platform/clouds";

/** Who signed in, as the hub shows it and as tokens are asked for. */
export interface SignedInAccount {
  username: string;
  name: string;
  /** The home tenant of the account (the token's tid). */
  tenantId: string;
  /** Entra object id of the user (the token's oid). */
  objectId: string;
}

export type SignInMethod = "nested" | "popup";

export interface TokenRequest {
  /** Resource identifier from the cloud table, e.g. "https://graph.microsoft.com". */
  resource: string;
  /** Scope names below the resource, e.g. ["Application.ReadWrite.All"] or ["user_impersonation"]. */
  scopes: readonly string[];
  /** Ask for a token of this tenant (the tenant the person chose); the account's home tenant otherwise. */
  tenantId?: string;
  /** A claims challenge to satisfy (from WWW-Authenticate); forces an interactive sign-in. */
  claims?: string;
}

/**
 * Sign-in to Microsoft Entra ID from the hub: nested app authentication through the Azure DevOps host when the host
 * offers it, else msal-browser popups through the relay page. One token per resource, acquired silently after one
 * consent, interactively only when Entra requires it.
 */
export interface SignInClient {
  /** How tokens are obtained now: "popup" after signInWithPopup, even where the host offers nested app authentication. */
  readonly method: SignInMethod;
  /** Interactive sign-in (or the host's account, with nested app authentication); consents to every scope the hub needs at once. */
  signIn(): Promise<SignedInAccount>;
  /**
   * Sign in through a Microsoft Entra pop-up window, choosing the account, even where the host's nested app
   * authentication works: "Sign in with another account" than the Azure DevOps one, and the way past a nested sign-in
   * that failed with remedy "signInWithPopup". From then on this client uses the pop-up path. Call it from a click
   * handler, so the browser lets the window open. Optional: fakes and clients without a pop-up path leave it out, and
   * the UI offers the button only when it is there.
   */
  signInWithPopup?(): Promise<SignedInAccount>;
  signOut(): Promise<void>;
  account(): SignedInAccount | undefined;
  getToken(request: TokenRequest): Promise<string>;
}

/** The scopes of one resource, as the hub names them: a resource identifier and scope names below it. */
export type ResourceScopes = Pick<TokenRequest, "resource" | "scopes">;

export interface SignInClientOptions {
  cloud: Cloud;
  /** The Entra application (client) id the organization registered for the hub. */
  clientId: string;
  /**
   * The organization's default directory (settings). When set, sign-in happens at `{authority}/{tenantId}`, which a
   * single-tenant sign-in app needs (at /organizations it gets AADSTS50194); else at /organizations.
   */
  defaultTenantId?: string;
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
