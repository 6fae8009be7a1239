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
  scopes: string[];
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
  readonly method: SignInMethod;
  /** Interactive sign-in (or the host's account, with nested app authentication); consents to every scope the hub needs at once. */
  signIn(): Promise<SignedInAccount>;
  signOut(): Promise<void>;
  account(): SignedInAccount | undefined;
  getToken(request: TokenRequest): Promise<string>;
}
