import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

/**
 * static/redirect-bridge.html: the redirect URI registered for the hub. Entra returns here, in the window the relay
 * page opened; the page hands Entra's answer (an authorization code, never a token) to the relay and closes.
 */
broadcastResponseToMainFrame().catch((error: unknown) => {
  const detail = document.getElementById("bridge-error-detail");
  if (detail) detail.textContent = error instanceof Error ? error.message : String(error);
  document.getElementById("bridge-working")?.setAttribute("hidden", "");
  document.getElementById("bridge-failed")?.removeAttribute("hidden");
});
