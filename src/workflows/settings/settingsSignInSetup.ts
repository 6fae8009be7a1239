import type { Cloud } from "../../platform/clouds";
import { ARM_SCOPES, GRAPH_SCOPES } from "../session/azureSession";
import { isGuid } from "../provisioning/validation";

/**
 * What registering the hub's sign-in app takes, worked out for the place the hub runs: the two redirect URIs, the API
 * permissions, and the administrator-consent link. The onboarding guide shows these; nothing here calls anything.
 */

/**
 * The single-page-application redirect URI nested app authentication uses: it belongs to Azure DevOps, not to this
 * extension, so it never changes. UNCONFIRMED: the only source is the README of azure-devops-extension-sdk 5.0.0
 * ("Add the redirect URI: https://dev.azure.com/_public/_MsalPopup"); no Microsoft Learn page states it, and whether
 * organizations on *.visualstudio.com use the same one is unknown. Kept in this one constant.
 */
export const NESTED_APP_AUTH_REDIRECT_URI = "https://dev.azure.com/_public/_MsalPopup";

/** The redirect URI of the popup fallback: the redirect-bridge page next to the page the hub is served from. */
export function popupRedirectUri(pageUrl: string): string {
  return new URL("redirect-bridge.html", pageUrl).toString();
}

/** The relay page the popup fallback opens first (same origin as the hub; it is not registered anywhere). */
export function popupRelayUri(pageUrl: string): string {
  return new URL("popup-relay.html", pageUrl).toString();
}

/**
 * Whether the hub's files are served from the Marketplace's content host, whose path carries the extension's version:
 * then the popup redirect URI changes with every published version unless the content is self-hosted with baseUri.
 */
export function isVersionedContentUrl(pageUrl: string): boolean {
  try {
    return /(^|\.)(gallerycdn\.vsassets\.io|gallery\.vsassets\.io)$/i.test(new URL(pageUrl).hostname);
  } catch {
    return false;
  }
}

export interface ApiPermission {
  api: string;
  permission: string;
  adminConsentRequired: boolean;
  why: string;
}

const WHY: Record<string, Omit<ApiPermission, "permission">> = {
  "Application.ReadWrite.All": {
    api: "Microsoft Graph",
    adminConsentRequired: true,
    why: "create the app registration, its service principal and client secret, and remove them on rollback",
  },
  "User.Read": { api: "Microsoft Graph", adminConsentRequired: false, why: "sign you in and read your own profile" },
  "User.ReadBasic.All": {
    api: "Microsoft Graph",
    adminConsentRequired: false,
    why: "find the people you name as co-owners of the app registration",
  },
  user_impersonation: {
    api: "Azure Service Management",
    adminConsentRequired: false,
    why: "list your subscriptions, management groups and workspaces, and assign the role",
  },
};

/** The delegated permissions the sign-in app needs: exactly the scopes the hub asks tokens for (workflows/session). */
export const SIGN_IN_API_PERMISSIONS: readonly ApiPermission[] = [...GRAPH_SCOPES, ...ARM_SCOPES].map((permission) => {
  const known = WHY[permission];
  return known ? { permission, ...known } : { permission, api: "", adminConsentRequired: true, why: "" };
});

/**
 * The administrator-consent link of a cloud's authority: a Global Administrator (or Privileged Role / Cloud Application
 * Administrator) opens it once to consent for the whole directory. Without a tenant, "organizations" lets the
 * administrator's own directory answer.
 */
export function adminConsentUrl(cloud: Pick<Cloud, "authority">, clientId: string, tenant?: string): string | undefined {
  if (!isGuid(clientId)) return undefined;
  const directory = tenant && /^[A-Za-z0-9.-]{1,253}$/.test(tenant.trim()) ? tenant.trim() : "organizations";
  const client = encodeURIComponent(clientId.trim().toLowerCase());
  return `${cloud.authority.replace(/\/+$/, "")}/${encodeURIComponent(directory)}/adminconsent?client_id=${client}`;
}

/** Where a person registers an app in a cloud's Entra admin center. */
export function newAppRegistrationUrl(cloud: Pick<Cloud, "entraAdminCenter">): string {
  return `${cloud.entraAdminCenter}/#view/Microsoft_AAD_RegisteredApps/CreateApplicationBlade`;
}

/**
 * Who publishes the app an admin-consent link is for. Tenant-wide consent for a stranger's app would let that app act
 * in the directory, so before offering the link the guide says whose app it is: the display name and publisher domain
 * Graph returns for it in the signed-in directory (GET /applications(appId='…')?$select=displayName,publisherDomain),
 * or that it is not registered there (then Entra's own consent screen names the publisher), or that it was not checked.
 */
export type ConsentAppIdentity =
  | { status: "registered"; displayName: string; publisherDomain: string }
  | { status: "notRegistered" }
  | { status: "unchecked"; reason: "notSignedIn" | "failed" };

/** Reads an app's display name and publisher domain in the signed-in directory; undefined when it is not registered there. */
export type ConsentAppLookup = (clientId: string) => Promise<{ displayName: string; publisherDomain: string } | undefined>;

export async function identifyConsentApp(lookup: ConsentAppLookup | undefined, clientId: string): Promise<ConsentAppIdentity> {
  if (!lookup) return { status: "unchecked", reason: "notSignedIn" };
  try {
    const app = await lookup(clientId.trim().toLowerCase());
    if (!app) return { status: "notRegistered" };
    // Text from Graph is shown as text only, and cut to a length a person can read.
    return { status: "registered", displayName: app.displayName.slice(0, 256), publisherDomain: app.publisherDomain.slice(0, 256) };
  } catch {
    return { status: "unchecked", reason: "failed" };
  }
}

/** The sentence the guide shows next to the consent link, so nobody consents tenant-wide for an app they do not know. */
export function consentAppSentence(identity: ConsentAppIdentity): string {
  switch (identity.status) {
    case "registered":
      return (
        `In your directory, this client ID is the app "${identity.displayName}", published by ${identity.publisherDomain}. ` +
        "Consent only if that is your organization's sign-in app."
      );
    case "notRegistered":
      return (
        "This app is not registered in your directory: Entra's consent screen will show who publishes it. " +
        "Consent only if that is your organization's sign-in app."
      );
    case "unchecked":
      return identity.reason === "failed"
        ? "Who publishes this app could not be read from your directory: Entra's consent screen will show who publishes it. " +
            "Consent only if that is your organization's sign-in app."
        : "This page is not signed in to your directory, so it cannot say whose app this is: Entra's consent screen will show who " +
            "publishes it. Consent only if that is your organization's sign-in app.";
  }
}
