import { CancelledError } from "./clock";
import { isServiceError, type ServiceError, type ServiceKind } from "./http/serviceError";
import { isProblemError, type Problem } from "./problem";

/**
 * The one error mapper: any failure from Graph, ARM, Azure DevOps or Entra becomes a Problem that says what failed,
 * why in plain words, and what to do. `step` names what the hub was doing ("Creating the app registration").
 */
export interface ErrorContext {
  step: string;
  /** The Azure scope the step worked on, when there is one. */
  scope?: string;
  /** The service connection name, when there is one. */
  connectionName?: string;
}

const SERVICE_NAMES: Record<ServiceKind, string> = {
  graph: "Microsoft Graph",
  arm: "Azure Resource Manager",
  devops: "Azure DevOps",
  entra: "Microsoft Entra ID",
};

type Rule = (error: ServiceError, context: ErrorContext) => Omit<Problem, "title" | "supportDetails"> | undefined;

const has = (error: ServiceError, ...needles: string[]) =>
  needles.some((n) => `${error.code} ${error.message}`.toLowerCase().includes(n.toLowerCase()));

const RULES: Rule[] = [
  (e) =>
    e.status === 0 && e.code === "UntrustedHost"
      ? { detail: e.message, action: "This is a safety stop. Report it; nothing was sent." }
      : undefined,
  (e) =>
    e.status === 0
      ? {
          detail: "The network request failed and did not succeed after several tries.",
          action: "Check your connection, then choose Retry.",
        }
      : undefined,
  (e) =>
    has(e, "consent_required", "AADSTS65001", "AADSTS90094")
      ? {
          detail:
            "An administrator of your directory has not granted consent for this extension's sign-in app to manage app registrations.",
          action: "Ask a Global Administrator to grant admin consent (the sign-in setup guide has the link), then sign in again.",
          help: "signInSetup",
        }
      : undefined,
  (e) =>
    has(e, "AADSTS700016", "AADSTS50011")
      ? {
          detail:
            "The sign-in app configured for this organization is not registered correctly in your directory: its " +
            "client ID is unknown there, or this page's redirect URI is not registered.",
          action: "Ask an organization administrator to check the sign-in settings of this extension against the sign-in setup guide.",
          help: "signInSetup",
        }
      : undefined,
  (e) =>
    e.service === "graph" && e.code === "Authorization_RequestDenied"
      ? {
          detail: "Your account may not create or change app registrations in this directory.",
          action:
            'Ask an administrator for the Application Developer role, be added as an owner of the app, or use "Bring your own app ' +
            'registration".',
        }
      : undefined,
  (e) =>
    e.code === "Directory_QuotaExceeded"
      ? {
          detail: "You have reached the limit of directory objects a user may create (250, deleted apps included for 30 days).",
          action: "Ask an administrator to create the app registration, or to remove unused apps you created.",
        }
      : undefined,
  (e) =>
    e.code === "CredentialInvalidLifetimeAsPerAppPolicy"
      ? {
          detail: "Your directory's policy does not allow a client secret with this lifetime, or does not allow client secrets.",
          action: "Choose a shorter lifetime and retry, or use workload identity federation.",
          remedy: "shorterSecretLifetime",
        }
      : undefined,
  (e, c) =>
    e.code === "AuthorizationFailed" && has(e, "roleAssignments/write")
      ? {
          detail:
            `You may not assign roles at ${c.scope ?? "this scope"}: that needs Owner, User Access Administrator or Role ` +
            `Based Access Control Administrator there.`,
          action: "Ask someone with one of those roles to assign it, choose another scope, or roll back.",
        }
      : undefined,
  (e, c) =>
    e.code === "AuthorizationFailed"
      ? {
          detail: `Your account is not allowed to do this at ${c.scope ?? "this scope"}.`,
          action: "Ask an owner of the scope for access, or choose another scope.",
        }
      : undefined,
  (e) =>
    e.code === "RequestDisallowedByPolicy" || has(e, "insufficient_claims", "AADSTS50076", "AADSTS50079")
      ? {
          detail: "Your organization requires multifactor authentication for this change.",
          action: "Sign in again with multifactor authentication, then retry.",
          remedy: "signInAgain",
        }
      : undefined,
  (e) =>
    e.code === "PrincipalNotFound"
      ? {
          detail: "Azure has not finished replicating the new service principal, even after waiting.",
          action: "Wait a minute, then choose Retry.",
        }
      : undefined,
  (e, c) =>
    e.service === "devops" && has(e, "already exists")
      ? {
          detail: `A service connection named "${c.connectionName ?? ""}" already exists in this project (you may not be able to see it).`,
          action: "Choose another name and continue.",
          remedy: "renameConnection",
        }
      : undefined,
  (e) =>
    e.status === 401 || has(e, "InvalidAuthenticationToken", "ExpiredAuthenticationToken", "interaction_required", "invalid_grant")
      ? { detail: "Your sign-in has expired or is no longer accepted.", action: "Sign in again, then retry.", remedy: "signInAgain" }
      : undefined,
  (e) =>
    e.status === 429
      ? {
          // Graph, ARM and Azure DevOps calls were all retried by the HTTP helper before this is shown.
          detail: `${SERVICE_NAMES[e.service]} is throttling requests and kept doing so after several tries.`,
          action: "Wait a minute, then choose Retry.",
        }
      : undefined,
  (e) =>
    e.status >= 500
      ? {
          detail:
            e.service === "devops"
              ? `Azure DevOps had a temporary failure (${e.status}).`
              : `${SERVICE_NAMES[e.service]} had a temporary failure (${e.status}) that did not clear after several tries.`,
          action: "Choose Retry in a moment.",
        }
      : undefined,
  (e) =>
    e.status === 403
      ? {
          detail: `${SERVICE_NAMES[e.service]} refused the request (status 403): your account may lack a permission this step needs.`,
          action: "Check that your account has the permission this step needs, or ask an administrator.",
        }
      : undefined,
];

export function describeError(error: unknown, context: ErrorContext): Problem {
  if (isProblemError(error)) return error.problem;
  const title = `${context.step} failed.`;
  if (error instanceof CancelledError)
    return {
      title: `${context.step} was cancelled.`,
      detail: "You cancelled while it was waiting.",
      action: "Choose Retry to continue, or Roll back.",
    };
  if (isServiceError(error)) {
    for (const rule of RULES) {
      const described = rule(error, context);
      if (described) return { title, ...described, supportDetails: supportDetailsOf(error) };
    }
    if (error.service === "entra") return describeSignInRefusal(title, error);
    const refused = error.status >= 400 && error.status < 500;
    return {
      title,
      detail: refused
        ? `${SERVICE_NAMES[error.service]} refused the request (status ${error.status}).`
        : `${SERVICE_NAMES[error.service]} answered with an unexpected status (${error.status}).`,
      action: "Choose Retry. If it fails again, roll back and give the details for support to your administrator.",
      supportDetails: supportDetailsOf(error),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    title,
    detail: "Something unexpected went wrong.",
    action: "Choose Retry. If it fails again, roll back and give the details for support to your administrator.",
    ...(message ? { supportDetails: `Message: ${message}` } : {}),
  };
}

/** Ids a service puts in its error body for support: Graph's request id, Entra's correlation and trace ids. */
function supportIdsOf(body: unknown): string[] {
  if (!body || typeof body !== "object") return [];
  const record = body as Record<string, unknown>;
  const error = record["error"];
  const inner =
    error && typeof error === "object" ? ((error as Record<string, unknown>)["innerError"] as Record<string, unknown>) : undefined;
  const ids: Array<[string, unknown]> = [
    ["Request id", inner?.["request-id"]],
    ["Client request id", inner?.["client-request-id"]],
    ["Correlation id", record["correlation_id"]],
    ["Trace id", record["trace_id"]],
  ];
  return ids.filter(([, value]) => typeof value === "string" && value !== "").map(([name, value]) => `${name}: ${String(value)}`);
}

/**
 * What support needs, kept out of the sentences: the service, the status, its error code, its ids, the request and its
 * own message (which may be a whole JSON body). Shown closed, under "Details for support".
 */
function supportDetailsOf(error: ServiceError): string {
  return [
    `Service: ${SERVICE_NAMES[error.service]}`,
    `Status: ${error.status === 0 ? "no answer" : error.status}`,
    ...(error.code ? [`Code: ${error.code}`] : []),
    ...supportIdsOf(error.details.body),
    ...(error.details.request ? [`Request: ${error.details.request}`] : []),
    ...(error.message ? [`Message: ${error.message}`] : []),
  ].join("\n");
}

/**
 * An Entra refusal no rule names: Entra's own sentence for people, its AADSTS code and correlation id for support only
 * (supportDetails), never the raw answer.
 */
function describeSignInRefusal(title: string, error: ServiceError): Problem {
  const body = error.details.body as { correlation_id?: unknown } | undefined;
  const correlation = typeof body?.correlation_id === "string" && body.correlation_id ? ` · correlation id ${body.correlation_id}` : "";
  const sentence = error.message.replace(/^AADSTS\d+:\s*/, "").trim() || "it gave no reason";
  return {
    title,
    detail: `Microsoft Entra ID did not sign you in: ${sentence}`,
    action:
      "Choose Sign in again. If it fails again, give the support details to an organization administrator; the sign-in setup " +
      "guide covers the usual causes.",
    remedy: "signInAgain",
    help: "signInSetup",
    supportDetails: `${error.code}${correlation}`,
  };
}
