import { runPopupRelay } from "@azure/msal-browser/popup-relay";
import { AZURE_CHINA_CLOUD, AZURE_CLOUD, AZURE_US_GOVERNMENT } from "../../../platform/clouds";

/**
 * static/popup-relay.html: the top-level window the hub (a cross-site iframe) opens to sign in. It opens Entra's
 * window, receives the answer from the redirect-bridge page over a same-origin BroadcastChannel, and posts it back to
 * the hub. Only the real clouds' sign-in hosts may be opened from here.
 */
const ALLOWED_AUTHORITIES = [AZURE_CLOUD, AZURE_US_GOVERNMENT, AZURE_CHINA_CLOUD].map((cloud) => cloud.authority);

function show(id: string, text?: string): void {
  for (const section of document.querySelectorAll<HTMLElement>("[data-state]")) section.hidden = section.dataset["state"] !== id;
  if (text !== undefined) document.getElementById("relay-error-detail")!.textContent = text;
}

function start(): void {
  const continueButton = document.getElementById("relay-continue") as HTMLButtonElement;
  // Opened on its own (no hub waiting for it), there is nothing to relay.
  if (!window.opener || !new URLSearchParams(location.hash.slice(1)).has("id")) {
    show("orphan");
    return;
  }
  show("ready");
  // Entra's window is opened from a click: browsers block a window that a page opens on its own.
  continueButton.addEventListener(
    "click",
    () => {
      continueButton.disabled = true;
      try {
        runPopupRelay({ protocolVersion: 2, allowedAuthorityOrigins: ALLOWED_AUTHORITIES });
        show("waiting");
      } catch (error) {
        show("failed", error instanceof Error ? error.message : String(error));
      }
    },
    { once: true },
  );
  continueButton.focus();
}

start();
