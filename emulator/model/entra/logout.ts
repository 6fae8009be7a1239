import type { ServiceRequest, ServiceResponse } from "../core/http";
import type { World } from "../world";
import { endBrowserSessions } from "./grants";
import { redirectUriMatches } from "./signInApps";

/**
 * GET|POST /{tenant}/oauth2/v2.0/logout (msal's logoutPopup/logoutRedirect): ends the browser's Entra session, then
 * returns to post_logout_redirect_uri when it is a redirect URI of some sign-in app, or shows "signed out".
 */
export function handleLogout(world: World, req: ServiceRequest): ServiceResponse {
  endBrowserSessions(world);
  const target = req.query.get("post_logout_redirect_uri");
  if (target && world.state.signInApps.some((app) => app.redirectUris.some((uri) => redirectUriMatches(uri, target)))) {
    return { status: 302, headers: { location: new URL(target).href, "cache-control": "no-store, no-cache" } };
  }
  return {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8" },
    body: "<!DOCTYPE html><html><head><title>Sign out</title></head><body><p>You signed out of your account.</p></body></html>",
  };
}
