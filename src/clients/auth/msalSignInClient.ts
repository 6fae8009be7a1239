import {
  CacheLookupPolicy,
  type AccountInfo,
  type AuthenticationResult,
  type IPublicClientApplication,
  type PopupRequest,
  type SilentRequest,
} from "@azure/msal-browser";
import type { Cloud } from "../../platform/clouds";
import { isInteractionRequired, toSignInError } from "./signInErrors";
import type { SignedInAccount, SignInClient, SignInMethod, TokenRequest } from "./signInTypes";
import { homeTenantOf, resourceScopes, tenantAuthority, type ResourceScopes } from "./tokenScopes";

export interface MsalSignInClientOptions {
  /** A nestable client whose host brokers tokens ("nested"), or a standard one that signs in through popups. */
  app: IPublicClientApplication;
  method: SignInMethod;
  cloud: Cloud;
  /** Every resource the hub needs, consented at sign-in; the first one's token is the sign-in's own. */
  consent: readonly ResourceScopes[];
  /** The directory to sign in at (the organization's default directory); /organizations when absent. */
  signInTenantId?: string;
  /** The standard (pop-up) application, for signInWithPopup; made on first use. Without it, that path is refused. */
  popupApp?: () => Promise<IPublicClientApplication>;
}

/**
 * The SignInClient on msal-browser. Tokens are asked for one resource at a time (Entra issues one resource per
 * token), silently first; a popup opens only when Entra wants the person (consent, MFA, an expired session) or a
 * claims challenge asks for more. Interactive requests run one at a time: msal refuses a second popup while one is open.
 */
export class MsalSignInClient implements SignInClient {
  private currentMethod: SignInMethod;
  private app: IPublicClientApplication;
  private readonly cloud: Cloud;
  private readonly consent: readonly ResourceScopes[];
  private readonly signInTenantId: string | undefined;
  private readonly popupApp: (() => Promise<IPublicClientApplication>) | undefined;
  private current: { info: AccountInfo; account: SignedInAccount } | undefined;
  private interactionQueue: Promise<unknown> = Promise.resolve();
  /** Counts finished interactive sign-ins, so a request that queued behind one tries silently again first. */
  private interactions = 0;

  constructor(options: MsalSignInClientOptions) {
    if (options.consent.length === 0) throw new Error("The sign-in client needs at least one resource to sign in for.");
    this.app = options.app;
    this.currentMethod = options.method;
    this.cloud = options.cloud;
    this.consent = options.consent;
    this.signInTenantId = options.signInTenantId;
    this.popupApp = options.popupApp;
  }

  get method(): SignInMethod {
    return this.currentMethod;
  }

  account(): SignedInAccount | undefined {
    return this.current?.account;
  }

  async signIn(): Promise<SignedInAccount> {
    const [first, ...others] = this.consent as [ResourceScopes, ...ResourceScopes[]];
    const request: PopupRequest = { scopes: resourceScopes(first), authority: tenantAuthority(this.cloud, this.signInTenantId) };
    let result: AuthenticationResult;
    if (this.currentMethod === "nested") {
      // The host is already signed in: take its account without a window when consent is in place.
      result = await this.silentThenInteractive(request, request);
      this.remember(result);
      // The bridge carries one resource per request, so consent to the others now, while the person is here.
      for (const resource of others) await this.getToken({ ...resource, tenantId: this.current!.account.tenantId });
    } else {
      // One window, one consent screen for every resource (extraScopesToConsent); later tokens come silently.
      result = await this.interactive({ ...request, extraScopesToConsent: others.flatMap(resourceScopes), prompt: "select_account" });
      this.remember(result);
    }
    return this.current!.account;
  }

  async signInWithPopup(): Promise<SignedInAccount> {
    if (this.currentMethod === "nested") {
      if (!this.popupApp) throw new Error("This sign-in has no pop-up path configured.");
      const popupApp = await this.popupApp();
      // The host's account and its tokens stay with the host; from now on this client signs in and asks for tokens
      // through pop-up windows only, with the account the person chooses.
      this.app = popupApp;
      this.currentMethod = "popup";
      this.current = undefined;
    }
    return this.signIn();
  }

  async signOut(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    // Nested app authentication keeps the host's account; the hub only forgets it. A popup sign-in's tokens live in
    // memory and are dropped here. Neither signs the person out of Entra in other apps.
    if (current && this.currentMethod === "popup") await this.app.clearCache({ account: current.info });
  }

  async getToken(request: TokenRequest): Promise<string> {
    const current = this.current;
    if (!current) throw new Error("Sign in before asking for a token.");
    const tenantId = request.tenantId || current.account.tenantId;
    const popupRequest: PopupRequest = {
      scopes: resourceScopes(request),
      account: current.info,
      authority: tenantAuthority(this.cloud, tenantId),
    };
    // msal's nested client looks tokens up in its cache by the host account's home tenant whatever the authority
    // says; for any other tenant, ask the host rather than take the home tenant's token.
    const otherTenant = this.currentMethod === "nested" && tenantId.toLowerCase() !== homeTenantOf(current.info.homeAccountId);
    const silent: SilentRequest = { ...popupRequest, ...(otherTenant ? { cacheLookupPolicy: CacheLookupPolicy.Skip } : {}) };
    // A claims challenge (MFA, Conditional Access) can only be met by the person: never from the cache.
    if (request.claims) return (await this.interactive({ ...popupRequest, claims: request.claims })).accessToken;
    return (await this.silentThenInteractive(silent, popupRequest)).accessToken;
  }

  private async silentThenInteractive(silent: SilentRequest, popup: PopupRequest): Promise<AuthenticationResult> {
    const seen = this.interactions;
    try {
      return await this.app.acquireTokenSilent(silent);
    } catch (error) {
      if (!isInteractionRequired(error)) throw this.signInError(error);
      return this.interactive(popup, { silent, seen });
    }
  }

  /**
   * A popup (or the host's own prompt), one at a time. A request that waited behind another interactive sign-in
   * tries silently once more first: the person may just have consented to what it needs.
   */
  private interactive(popup: PopupRequest, retry?: { silent: SilentRequest; seen: number }): Promise<AuthenticationResult> {
    const run = async (): Promise<AuthenticationResult> => {
      if (retry && retry.seen !== this.interactions) {
        try {
          return await this.app.acquireTokenSilent(retry.silent);
        } catch (error) {
          if (!isInteractionRequired(error)) throw this.signInError(error);
        }
      }
      try {
        const result = await this.app.acquireTokenPopup(popup);
        this.interactions += 1;
        return result;
      } catch (error) {
        throw this.signInError(error);
      }
    };
    const next = this.interactionQueue.then(run, run);
    this.interactionQueue = next.catch(() => undefined);
    return next;
  }

  /** With nested app authentication, a bridge failure a pop-up can get past says so (remedy "signInWithPopup"). */
  private signInError(error: unknown): Error {
    return toSignInError(error, { nested: this.currentMethod === "nested" && this.popupApp !== undefined });
  }

  private remember(result: AuthenticationResult): void {
    const info = result.account;
    this.current = {
      info,
      account: {
        username: info.username,
        name: info.name || info.username,
        tenantId: (result.tenantId || info.tenantId).toLowerCase(),
        objectId: info.localAccountId || String(info.idTokenClaims?.["oid"] ?? ""),
      },
    };
  }
}
