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
