import { BrowserAuthError, InteractionRequiredAuthError, ServerError } from "@azure/msal-browser";
import { isInteractionRequired, SignInCancelledError, toSignInError } from "../../../../src/clients/auth/signInErrors";
import { describeError } from "../../../../src/platform/describeError";
import { ServiceError } from "../../../../src/platform/http/serviceError";
import { ProblemError } from "../../../../src/platform/problem";

const TRACE = "\r\nTrace ID: 4c2d\r\nCorrelation ID: 9a1b\r\nTimestamp: 2026-01-01 10:00:00Z";

describe("sign-in errors, as the hub's one error mapper words them", () => {
  it("maps Entra's consent refusal to a ServiceError with its AADSTS code and asks for admin consent", () => {
    const error = toSignInError(
      new ServerError("access_denied", "corr-1", `AADSTS65004: User declined to consent to access the app.${TRACE}`, "cancel", "65004"),
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      service: "entra",
      status: 400,
      code: "AADSTS65004",
      message: "AADSTS65004: User declined to consent to access the app.",
    });
    expect((error as ServiceError).details.body).toEqual({ error: "access_denied", suberror: "cancel", correlation_id: "corr-1" });

    const consent = toSignInError(
      new InteractionRequiredAuthError(
        "consent_required",
        "corr-2",
        `AADSTS65001: The user or administrator has not consented to use the application.${TRACE}`,
      ),
    );
    expect(consent).toBeInstanceOf(ProblemError);
    expect((consent as ProblemError).cause).toMatchObject({ service: "entra", code: "AADSTS65001" });
    expect(describeError(consent, { step: "Signing in" })).toMatchObject({
      action: expect.stringMatching(/admin consent/),
      supportDetails: "AADSTS65001 · correlation id corr-2",
      help: "signInSetup",
    });
  });

  it("reads the AADSTS code from the description when msal has no error number", () => {
    const error = toSignInError(
      new ServerError(
        "invalid_request",
        "",
        "AADSTS50011: The redirect URI 'https://x/redirect-bridge.html' specified in the request does not match.",
      ),
    );
    expect((error as ProblemError).cause).toMatchObject({ code: "AADSTS50011" });
    expect(describeError(error, { step: "Signing in" })).toMatchObject({
      title: "The sign-in app does not list this page's redirect URI.",
      supportDetails: "AADSTS50011",
    });
  });

  it.each([
    ["AADSTS50194", /default directory in Organization settings > Azure connections|multi-tenant/, undefined],
    ["AADSTS700016", /client ID/, undefined],
    ["AADSTS65001", /admin consent/, undefined],
    ["AADSTS90094", /admin consent/, undefined],
    ["AADSTS50011", /Single-page application/, undefined],
    ["AADSTS9002326", /remove the URI from the Web platform/, undefined],
    ["AADSTS50020", /another account|guest/, "signInWithPopup"],
  ])("maps %s to a Problem that names the fix and opens the setup guide, the code kept for support only", (code, action, remedy) => {
    const number = code.slice("AADSTS".length);
    const problem = describeError(
      toSignInError(new ServerError("invalid_request", "corr-9", `${code}: Something about the app.${TRACE}`, "", number)),
      { step: "Signing in" },
    );
    expect(problem.action).toMatch(action);
    expect(problem.help).toBe("signInSetup");
    expect(problem.remedy).toBe(remedy);
    expect(problem.supportDetails).toBe(`${code} · correlation id corr-9`);
    // People read words; the code and Entra's raw text stay out of the sentences.
    for (const text of [problem.title, problem.detail, problem.action]) {
      expect(text).not.toContain("AADSTS");
      expect(text).not.toMatch(/[{}]/);
    }
  });

  it("offers the pop-up path when the host's nested sign-in fails for a reason a pop-up can fix", () => {
    const bridgeOff = toSignInError(new BrowserAuthError("nested_app_auth_bridge_disabled", ""), { nested: true });
    expect(describeError(bridgeOff, { step: "Signing in" })).toMatchObject({
      remedy: "signInWithPopup",
      supportDetails: "nested_app_auth_bridge_disabled",
    });
    // Without nested app authentication there is nothing to fall back from.
    expect(toSignInError(new BrowserAuthError("nested_app_auth_bridge_disabled", ""))).toBeInstanceOf(ServiceError);
    // A setup error is not one a pop-up can fix: the same app would answer the same way.
    expect(
      describeError(toSignInError(new ServerError("invalid_client", "", "AADSTS700016: app not found", "", "700016"), { nested: true }), {
        step: "Signing in",
      }).remedy,
    ).toBeUndefined();
  });

  it("words an MFA demand (AADSTS50076) as a new sign-in with multifactor authentication", () => {
    const error = toSignInError(
      new InteractionRequiredAuthError(
        "invalid_grant",
        "",
        `AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.${TRACE}`,
        "basic_action",
      ),
    );
    expect(describeError(error, { step: "Assigning the role" })).toMatchObject({
      remedy: "signInAgain",
      detail: expect.stringMatching(/multifactor/),
    });
  });

  it("words an Entra refusal no rule names with Entra's sentence, its code kept for support", () => {
    const problem = describeError(
      toSignInError(
        new ServerError("access_denied", "corr-1", `AADSTS65004: User declined to consent to access the app.${TRACE}`, "", "65004"),
      ),
      { step: "Signing in" },
    );
    expect(problem).toMatchObject({
      detail: "Microsoft Entra ID did not sign you in: User declined to consent to access the app.",
      supportDetails: "AADSTS65004 · correlation id corr-1",
      help: "signInSetup",
    });
  });

  it("keeps msal's own error code when Entra gave no AADSTS code", () => {
    expect(toSignInError(new BrowserAuthError("popup_relay_unsupported_flow", "", "popup_relay_cross_origin"))).toMatchObject({
      service: "entra",
      code: "popup_relay_unsupported_flow",
    });
  });

  it("tells a closed sign-in window apart as a cancellation, from a popup or from the host", () => {
    for (const cancelled of [new BrowserAuthError("user_cancelled", ""), new ServerError("user_canceled", "")]) {
      const error = toSignInError(cancelled);
      expect(error).toBeInstanceOf(SignInCancelledError);
      expect(describeError(error, { step: "Signing in" })).toMatchObject({ title: "Signing in was cancelled.", remedy: "signInAgain" });
    }
  });

  it("says a blocked pop-up window needs pop-ups allowed", () => {
    const problem = describeError(toSignInError(new BrowserAuthError("popup_window_error", "")), { step: "Signing in" });
    expect(problem.title).toBe("The sign-in window could not open.");
    expect(problem.action).toMatch(/Allow pop-ups/);
  });

  it("words a sign-in window left open too long, and a second window while one is open", () => {
    expect(describeError(toSignInError(new BrowserAuthError("timed_out", "", "popup_relay_timeout")), { step: "Signing in" }).title).toBe(
      "Signing in took too long.",
    );
    expect(describeError(toSignInError(new BrowserAuthError("interaction_in_progress", "")), { step: "Signing in" }).title).toBe(
      "Another sign-in window is already open.",
    );
  });

  it("reports an unreachable Entra as a network failure", () => {
    const error = toSignInError(new BrowserAuthError("no_network_connectivity", ""));
    expect(error).toMatchObject({ service: "entra", status: 0 });
    expect(describeError(error, { step: "Signing in" }).action).toMatch(/connection/);
  });

  it("passes errors that are not msal's through unchanged", () => {
    const own = new ServiceError("graph", 403, "Authorization_RequestDenied", "Insufficient privileges");
    expect(toSignInError(own)).toBe(own);
    expect(toSignInError("boom")).toEqual(new Error("boom"));
  });

  it("recognizes msal's interaction-required errors and only those", () => {
    expect(isInteractionRequired(new InteractionRequiredAuthError("login_required", ""))).toBe(true);
    expect(isInteractionRequired(new ServerError("invalid_client", ""))).toBe(false);
    expect(isInteractionRequired(new Error("interaction_required"))).toBe(false);
  });
});
