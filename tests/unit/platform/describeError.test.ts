// @vitest-environment node
import { CancelledError } from "../../../src/platform/clock";
import { describeError, type ErrorContext } from "../../../src/platform/describeError";
import { ServiceError, type ServiceKind } from "../../../src/platform/http/serviceError";
import { ProblemError } from "../../../src/platform/problem";

/** The one error mapper: every failure becomes what happened, why, and what to do next. */
const CONTEXT: ErrorContext = { step: "Assigning the role", scope: "/subscriptions/sub-1", connectionName: "contoso-prod" };
const describe_ = (service: ServiceKind, status: number, code: string, message = "") =>
  describeError(new ServiceError(service, status, code, message), CONTEXT);

describe("describing a failure", () => {
  it("titles every problem with the step that failed", () => {
    expect(describe_("arm", 500, "InternalServerError").title).toBe("Assigning the role failed.");
  });

  it.each([
    [
      "a refusal to send a token off the clouds",
      describe_("graph", 0, "UntrustedHost", "Refused to send a token to https://evil.example"),
      /safety stop/,
      undefined,
    ],
    ["a network failure", describe_("arm", 0, "NetworkError", "could not reach"), /Check your connection/, undefined],
    [
      "missing admin consent",
      describe_("entra", 400, "consent_required", "AADSTS65001: The user or administrator has not consented"),
      /Global Administrator to grant admin consent/,
      undefined,
    ],
    [
      "a sign-in app not registered right",
      describe_("entra", 400, "invalid_client", "AADSTS700016: Application not found"),
      /sign-in settings/,
      undefined,
    ],
    [
      "Graph refusing to create apps",
      describe_("graph", 403, "Authorization_RequestDenied", "Insufficient privileges"),
      /Application Developer role/,
      undefined,
    ],
    ["the 250-object quota", describe_("graph", 400, "Directory_QuotaExceeded"), /administrator to create the app registration/, undefined],
    [
      "a secret lifetime beyond the tenant's policy",
      describe_("graph", 400, "CredentialInvalidLifetimeAsPerAppPolicy"),
      /shorter lifetime/,
      "shorterSecretLifetime",
    ],
    [
      "no right to assign roles",
      describe_(
        "arm",
        403,
        "AuthorizationFailed",
        "does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write'",
      ),
      /someone with one of those roles/,
      undefined,
    ],
    [
      "no right at the scope",
      describe_(
        "arm",
        403,
        "AuthorizationFailed",
        "does not have authorization to perform action 'Microsoft.Resources/subscriptions/read'",
      ),
      /owner of the scope/,
      undefined,
    ],
    [
      "MFA required by policy",
      describe_("arm", 403, "RequestDisallowedByPolicy", "MFA is required"),
      /multifactor authentication/,
      "signInAgain",
    ],
    [
      "MFA required by Entra",
      describe_("entra", 400, "invalid_grant", "AADSTS50076: you must use multi-factor authentication"),
      /multifactor authentication/,
      "signInAgain",
    ],
    ["a principal that never replicated", describe_("arm", 400, "PrincipalNotFound"), /Wait a minute/, undefined],
    [
      "a connection name taken",
      describe_("devops", 409, "DuplicateServiceConnectionException", "Service connection with name contoso-prod already exists."),
      /another name/,
      "renameConnection",
    ],
    [
      "an expired sign-in",
      describe_("graph", 401, "InvalidAuthenticationToken", "Lifetime validation failed"),
      /Sign in again/,
      "signInAgain",
    ],
    ["throttling that outlasted the retries", describe_("graph", 429, "TooManyRequests"), /Wait a minute/, undefined],
    ["an outage that outlasted the retries", describe_("devops", 503, "Http503"), /Retry in a moment/, undefined],
    [
      "any other refusal",
      describe_("devops", 403, "AccessDeniedException", "You do not have permission"),
      /ask an administrator/,
      undefined,
    ],
  ])("says what to do about %s", (_what, problem, action, remedy) => {
    expect(problem.action).toMatch(action);
    expect(problem.remedy).toBe(remedy);
    expect(problem.detail.length).toBeGreaterThan(10);
  });

  it("names the scope and the connection where they matter", () => {
    expect(describe_("arm", 403, "AuthorizationFailed", "roleAssignments/write").detail).toContain("/subscriptions/sub-1");
    expect(describe_("devops", 400, "X", "Service connection with name contoso-prod already exists").detail).toBe(
      'A service connection named "contoso-prod" already exists in this project (you may not be able to see it).',
    );
    expect(describeError(new ServiceError("arm", 403, "AuthorizationFailed", "roleAssignments/write"), { step: "x" }).detail).toContain(
      "at this scope",
    );
  });

  it("names the service that failed", () => {
    expect(describe_("graph", 503, "ServiceUnavailable").detail).toBe(
      "Microsoft Graph had a temporary failure (503) that did not clear after several tries.",
    );
    expect(describe_("arm", 429, "TooManyRequests").detail).toBe(
      "Azure Resource Manager is throttling requests and kept doing so after several tries.",
    );
    expect(describe_("devops", 403, "Denied", "no").detail).toBe(
      "Azure DevOps refused the request (status 403): your account may lack a permission this step needs.",
    );
  });

  it("falls back to a sentence for anything unexpected, the service's own words kept for support", () => {
    expect(describe_("arm", 400, "InvalidRoleDefinitionId", "The role definition ID 'x' is not valid.")).toEqual({
      title: "Assigning the role failed.",
      detail: "Azure Resource Manager refused the request (status 400).",
      action: "Choose Retry. If it fails again, roll back and give the details for support to your administrator.",
      supportDetails: [
        "Service: Azure Resource Manager",
        "Status: 400",
        "Code: InvalidRoleDefinitionId",
        "Message: The role definition ID 'x' is not valid.",
      ].join("\n"),
    });
  });

  it("keeps a problem that was already described", () => {
    const problem = { title: "The client secret is no longer in memory.", detail: "d", action: "a" };
    expect(describeError(new ProblemError(problem), CONTEXT)).toBe(problem);
  });

  it("says a cancelled step was cancelled", () => {
    expect(describeError(new CancelledError(), CONTEXT)).toEqual({
      title: "Assigning the role was cancelled.",
      detail: "You cancelled while it was waiting.",
      action: "Choose Retry to continue, or Roll back.",
    });
  });

  it("describes errors that are not from a service, and values that are not errors", () => {
    expect(describeError(new TypeError("x is undefined"), CONTEXT)).toMatchObject({
      detail: "Something unexpected went wrong.",
      supportDetails: "Message: x is undefined",
    });
    expect(describeError("boom", CONTEXT)).toMatchObject({ detail: "Something unexpected went wrong.", supportDetails: "Message: boom" });
  });
});
