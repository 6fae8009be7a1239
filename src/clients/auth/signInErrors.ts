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

/** Any failure of a sign-in or token request, as the hub's error types. Other errors pass through unchanged. */
export function toSignInError(error: unknown): Error {
  if (!isMsalError(error)) return error instanceof Error ? error : new Error(String(error));
  const code = error.errorCode;
  if (CANCELLED.has(code)) return new SignInCancelledError(error);
  const problem = BROWSER_PROBLEMS[code];
  if (problem) return new ProblemError(problem, error);

  const message = firstLineOf(error.errorMessage || "") || error.message || code;
  const details = {
    // What support needs to find the sign-in in Entra's logs; never a token.
    body: { error: code, ...(error.subError ? { suberror: error.subError } : {}), ...(error.correlationId ? { correlation_id: error.correlationId } : {}) },
    request: "Microsoft Entra ID sign-in",
  };
  if (NO_NETWORK.has(code)) return new ServiceError("entra", 0, code, "Microsoft Entra ID could not be reached", details);
  const status = typeof error.status === "number" && error.status > 0 ? error.status : 400;
  return new ServiceError("entra", status, aadstsCodeOf(error) ?? code, message, details);
}
