import type { SignInApp } from "../state";
import type { World } from "../world";
import { stsErrors, type StsError } from "./stsErrors";
import type { AuthorityTenant } from "./tenants";

export function findSignInApp(world: World, clientId: string): SignInApp | undefined {
  const lower = clientId.toLowerCase();
  return world.state.signInApps.find((a) => a.clientId.toLowerCase() === lower);
}

/**
 * Whether the app may be used through this authority before anyone signs in: unknown client ids and single-tenant
 * apps asked for in another tenant are AADSTS700016; single-tenant apps through /common or /organizations AADSTS50194.
 */
export function appUsableAt(world: World, clientId: string, authority: AuthorityTenant): SignInApp | StsError {
  const app = findSignInApp(world, clientId);
  const directory = authority.kind === "tenant" ? authority.tenant.displayName : authority.segment;
  if (!app) return stsErrors.appNotFound(clientId, directory);
  if (app.signInAudience === "AzureADMyOrg") {
    if (authority.kind !== "tenant") return stsErrors.notMultiTenant(app.clientId, app.displayName);
    if (authority.tenant.id !== app.tenantId) return stsErrors.appNotFound(clientId, directory);
  }
  return app;
}

/** After sign-in through /common: a single-tenant app is unknown in any tenant but its own. */
export function appUsableInTenant(app: SignInApp, tenantId: string, tenantName: string): StsError | undefined {
  return app.signInAudience === "AzureADMyOrg" && app.tenantId !== tenantId ? stsErrors.appNotFound(app.clientId, tenantName) : undefined;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1"]);

/**
 * Entra's redirect URI comparison (learn.microsoft.com "Redirect URI restrictions"): scheme and host compare
 * case-insensitively, the path case-sensitively, a URI without a path equals the same URI with "/", and for
 * localhost / 127.0.0.1 the port is ignored (RFC 8252 §7.3), so "http://localhost/" matches
 * "http://localhost:5173/". The loopback hosts do not match each other, the scheme must be the same, and [::1] gets
 * no loopback exception (Entra does not support it).
 */
export function redirectUriMatches(registered: string, requested: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(registered);
    b = new URL(requested);
  } catch {
    return false;
  }
  if (b.hash) return false;
  if (a.protocol !== b.protocol || a.hostname !== b.hostname) return false;
  if (!LOOPBACK_HOSTS.has(b.hostname) && a.port !== b.port) return false;
  return a.pathname === b.pathname && a.search === b.search;
}

/** Registered on any platform (SPA or Web): what /authorize accepts. */
export function redirectUriRegistered(app: SignInApp, requested: string): boolean {
  return (
    redirectUriRegisteredAsSpa(app, requested) ||
    (app.webRedirectUris ?? []).some((registered) => redirectUriMatches(registered, requested))
  );
}

/** Registered on the "Single-page application" platform: what a browser may redeem a code for cross-origin. */
export function redirectUriRegisteredAsSpa(app: SignInApp, requested: string): boolean {
  return app.redirectUris.some((registered) => redirectUriMatches(registered, requested));
}

/** Where Entra sends the browser: the requested URI, with "/" added when it has no path. */
export function redirectTarget(requested: string): string {
  return new URL(requested).href;
}
