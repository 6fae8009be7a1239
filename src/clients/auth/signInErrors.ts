import { ServiceError } from "../../platform/http/serviceError";
import { ProblemError, type Problem } from "../../platform/problem";

/**
 * msal-browser's errors turned into the hub's: Entra's answers become ServiceError("entra", …) with the AADSTS code
 * (or msal's error code) for the one error mapper to word; what happened in the browser itself (a closed or blocked
 * sign-in window) becomes a Problem told directly. The shapes are read by name and fields rather than instanceof, so
 * this module does not pull msal-browser into the hub's first chunk.
 */

/** The fields of msal's AuthError (and its ServerError and InteractionRequiredAuthError subclasses) we read. */
interface MsalErrorLike {
  name: string;
  message: string;
  errorCode: string;
  errorMessage?: string;
  subError?: string;
  /** The AADSTS number, from the error_uri or error_codes of Entra's answer. */
  errorNo?: string;
  /** The HTTP status of the token endpoint's answer, when msal kept it. */
  status?: number;
  correlationId?: string;
}

export function isMsalError(error: unknown): error is MsalErrorLike {
  return error instanceof Error && typeof (error as Partial<MsalErrorLike>).errorCode === "string";
}

/** Entra wants the person: consent, MFA, a new sign-in. msal says so with InteractionRequiredAuthError. */
export function isInteractionRequired(error: unknown): boolean {
  return isMsalError(error) && error.name === "InteractionRequiredAuthError";
}

/** The person closed the sign-in window. Callers may show nothing; describeError still words it. */
export class SignInCancelledError extends ProblemError {
  constructor(cause?: unknown) {
    super(
      {
        title: "Signing in was cancelled.",
        detail: "The sign-in window was closed before signing in finished.",
        action: "Choose Sign in again and finish signing in in the window that opens.",
        remedy: "signInAgain",
      },
      cause,
    );
    this.name = "SignInCancelledError";
  }
}

const CANCELLED = new Set(["user_cancelled", "user_canceled"]);
const NO_NETWORK = new Set(["no_network_connectivity", "network_error", "post_request_failed", "get_request_failed"]);

const POPUP_BLOCKED: Problem = {
  title: "The sign-in window could not open.",
  detail: "The browser blocked the pop-up window in which you sign in to Microsoft Entra ID.",
  action: "Allow pop-ups for this page (the browser's address bar shows how), then choose Sign in again.",
  remedy: "signInAgain",
};
const TIMED_OUT: Problem = {
  title: "Signing in took too long.",
  detail: "The sign-in window did not finish in time, or it was left waiting for you to continue.",
  action: "Choose Sign in again and finish signing in in the window that opens.",
  remedy: "signInAgain",
};

/** msal error codes for what happened in the browser, not at Entra. */
const BROWSER_PROBLEMS: Record<string, Problem> = {
  popup_window_error: POPUP_BLOCKED,
  empty_window_error: POPUP_BLOCKED,
  timed_out: TIMED_OUT,
  monitor_window_timeout: TIMED_OUT,
  interaction_in_progress: {
    title: "Another sign-in window is already open.",
    detail: "Only one sign-in can run at a time.",
    action: "Finish or close the open sign-in window, then try again.",
  },
};

/** "AADSTS65001: The user … \r\nTrace ID: …" → "AADSTS65001: The user …": the rest is for support, not for people. */
function firstLineOf(description: string): string {
  const cut = description.search(/\r?\n|\s+Trace ID:/);
  return (cut >= 0 ? description.slice(0, cut) : description).trim();
}

/** The AADSTS code of an Entra error: msal's errorNo, else the one the description starts with. */
function aadstsCodeOf(error: Pick<MsalErrorLike, "errorNo" | "errorMessage">): string | undefined {
  if (error.errorNo && /^\d+$/.test(error.errorNo)) return `AADSTS${error.errorNo}`;
  return /\bAADSTS\d+\b/.exec(error.errorMessage ?? "")?.[0];
}

const FIX_IN_SETTINGS = "Organization settings > Azure connections";

/**
 * Entra's answers that mean the organization's sign-in app (or its settings) is set up wrong: each names the exact fix
 * and opens the sign-in setup guide. The AADSTS code travels in supportDetails, for support only.
 */
export const SIGN_IN_SETUP_PROBLEMS: Readonly<Record<string, Omit<Problem, "supportDetails">>> = {
  AADSTS50194: {
    title: "The sign-in app accepts only accounts of its own directory.",
    detail:
      'The organization\'s sign-in app is single-tenant ("Accounts in this organizational directory only"), and no default ' +
      "directory is set, so the hub signed in at the multi-tenant endpoint, which such an app cannot use.",
    action:
      `Ask an organization administrator to enter the app's Directory (tenant) ID as the default directory in ` +
      `${FIX_IN_SETTINGS}, or to make the app multi-tenant (Supported account types: "Accounts in any organizational directory").`,
    help: "signInSetup",
  },
  AADSTS700016: {
    title: "The sign-in app was not found in this directory.",
    detail:
      "Microsoft Entra ID has no application with the configured client ID in the directory you signed in to: the client ID is " +
      "mistyped, the app was deleted, or it is registered in another directory or another cloud.",
    action:
      `Ask an organization administrator to compare the client ID in ${FIX_IN_SETTINGS} with the Application (client) ID on ` +
      `the app's Overview page, and, for a single-tenant app, to set the default directory to the app's own directory.`,
    help: "signInSetup",
  },
  AADSTS65001: {
    title: "The sign-in app has not been granted the permissions it needs.",
    detail:
      "Nobody has consented yet to the permissions the hub's sign-in app asks for (managing app " +
      "registrations in Microsoft Graph, Azure Resource Manager as you).",
    action:
      "Ask a Global Administrator or Privileged Role Administrator to grant admin consent for the app " +
      "(the sign-in setup guide has the link), then sign in again.",
    help: "signInSetup",
  },
  AADSTS90094: {
    title: "An administrator must approve the sign-in app first.",
    detail:
      "Your directory lets only administrators consent to these permissions (Application.ReadWrite.All needs admin consent in " +
      "every directory).",
    action:
      "Ask a Global Administrator or Privileged Role Administrator to grant admin consent for the app " +
      "(the sign-in setup guide has the link), then sign in again.",
    help: "signInSetup",
  },
  AADSTS50011: {
    title: "The sign-in app does not list this page's redirect URI.",
    detail:
      "Microsoft Entra ID only returns to redirect URIs registered on the app, letter for letter; the one this version of the hub " +
      "uses is not among them.",
    action:
      "Ask an organization administrator to add the redirect URIs shown in the sign-in setup guide under " +
      "the app's Authentication > Single-page application platform.",
    help: "signInSetup",
  },
  AADSTS9002326: {
    title: "The redirect URI is registered for the wrong platform.",
    detail:
      "The app lists this page's redirect URI under the Web platform; a sign-in from the browser needs it under Single-page application.",
    action:
      "Ask an organization administrator to remove the URI from the Web platform in the app's Authentication page and add " +
      "it under Single-page application (the sign-in setup guide shows the exact URIs).",
    help: "signInSetup",
  },
  AADSTS50020: {
    title: "Your account belongs to another directory than the sign-in app.",
    detail:
      "The account you signed in with is neither in the sign-in app's directory nor a guest there: the app " +
      "is single-tenant, or the account is a personal Microsoft account.",
    action:
      "Sign in with an account of the organization's directory (Sign in with another account), ask an " +
      "administrator to invite you as a guest, or ask them to make the app multi-tenant.",
    remedy: "signInWithPopup",
    help: "signInSetup",
  },
};

/**
 * Failures of nested app authentication (the Azure DevOps host's bridge) that a sign-in through a pop-up window can
 * get past: the bridge is off or unavailable, did not answer, or has no account to offer. msal's codes, read from
 * @azure/msal-browser 5's NestedAppAuthAdapter and WebBrokerBridgeError.
 */
const NESTED_FAILURES_A_POPUP_CAN_FIX = new Set([
  "nested_app_auth_bridge_disabled",
  "bridge_disabled",
  "bridge_unavailable",
  "bridge_timeout",
  "bridge_handshake_failed",
  "bridge_connection_reset",
  "bridge_response_invalid",
  "no_account_found",
  "unsupported_method",
]);

export const NESTED_SIGN_IN_FAILED: Problem = {
  title: "Signing in through Azure DevOps did not work.",
  detail:
    "Azure DevOps could not sign you in to Microsoft Entra ID on the hub's behalf (its sign-in bridge is unavailable here, or has " +
    "no account to offer).",
  action: "Choose Sign in with a popup window instead, and sign in to Microsoft Entra ID directly in the window that opens.",
  remedy: "signInWithPopup",
};

/** Whether a nested-app-authentication failure is one a pop-up sign-in can get past. */
export function popupCanFix(error: unknown): boolean {
  return isMsalError(error) && NESTED_FAILURES_A_POPUP_CAN_FIX.has(error.errorCode);
}

/**
 * Any failure of a sign-in or token request, as the hub's error types. Other errors pass through unchanged. With
 * `nested`, a bridge failure a pop-up can fix becomes NESTED_SIGN_IN_FAILED (remedy "signInWithPopup").
 */
export function toSignInError(error: unknown, options: { nested?: boolean } = {}): Error {
  if (!isMsalError(error)) return error instanceof Error ? error : new Error(String(error));
  const code = error.errorCode;
  if (CANCELLED.has(code)) return new SignInCancelledError(error);
  const problem = BROWSER_PROBLEMS[code];
  if (problem) return new ProblemError(problem, error);
  if (options.nested && popupCanFix(error))
    return new ProblemError({ ...NESTED_SIGN_IN_FAILED, supportDetails: supportDetailsOf(code, error.correlationId) }, error);

  const message = firstLineOf(error.errorMessage || "") || error.message || code;
  const details = {
    // What support needs to find the sign-in in Entra's logs; never a token.
    body: {
      error: code,
      ...(error.subError ? { suberror: error.subError } : {}),
      ...(error.correlationId ? { correlation_id: error.correlationId } : {}),
    },
    request: "Microsoft Entra ID sign-in",
  };
  if (NO_NETWORK.has(code)) return new ServiceError("entra", 0, code, "Microsoft Entra ID could not be reached", details);
  const status = typeof error.status === "number" && error.status > 0 ? error.status : 400;
  const aadsts = aadstsCodeOf(error);
  const serviceError = new ServiceError("entra", status, aadsts ?? code, message, details);
  const setup = aadsts ? SIGN_IN_SETUP_PROBLEMS[aadsts] : undefined;
  if (setup) return new ProblemError({ ...setup, supportDetails: supportDetailsOf(aadsts!, error.correlationId) }, serviceError);
  return serviceError;
}

/** "AADSTS50194 · correlation id 9a1b…": what support needs to find the sign-in in Entra's logs. */
function supportDetailsOf(code: string, correlationId: string | undefined): string {
  return correlationId ? `${code} · correlation id ${correlationId}` : code;
}
