import {
  AuthorizeProtocol,
  AuthToken,
  buildClientInfo,
  InteractionRequiredAuthError,
  Logger,
  ResponseHandler,
  ServerError,
  UrlUtils,
  type ServerAuthorizationTokenResponse,
} from "@azure/msal-common";
import { SEED } from "../../../emulator/model/seed";
import { authorize, errorOf, GRAPH_WRITE, MFA_CHALLENGE, newBox, refresh, signIn } from "./entraKit";

/** msal-common's own parsers (the code msal-browser runs on these answers) accept what the emulator sends. */

const base64Decode = (text: string) => Buffer.from(text, "base64url").toString("utf8");

/** What msal's token client throws for an error body: validateTokenResponse only reads the body (and logs). */
function msalErrorFor(body: unknown): unknown {
  const handler = new ResponseHandler("client", null as never, null as never, new Logger({}), null as never, null, null);
  try {
    handler.validateTokenResponse(body as ServerAuthorizationTokenResponse, "corr");
  } catch (error) {
    return error;
  }
  return undefined;
}

function fragmentOf(location: string | undefined): string {
  return new URL(location ?? "").hash;
}

describe("msal's own parsing of the emulator's answers", () => {
  it("reads the authorize redirect as a code payload for the request's state", async () => {
    const { response } = await authorize(newBox(), { state: "eyJpZCI6IjEyMyJ9|meta" });
    const serverParams = UrlUtils.getDeserializedResponse(fragmentOf(response.headers?.["location"]));
    expect(serverParams).not.toBeNull();
    const payload = AuthorizeProtocol.getAuthorizationCodePayload(serverParams!, "eyJpZCI6IjEyMyJ9|meta", "corr");
    expect(payload.code).toBeTruthy();
    expect(buildClientInfo(payload.client_info ?? "", base64Decode)).toEqual({ uid: SEED.users.admin, utid: SEED.tenantId });
  });

  it("turns a prompt=none redirect error into an InteractionRequiredAuthError with the AADSTS number", async () => {
    const { response } = await authorize(newBox(), { prompt: "none" });
    const serverParams = UrlUtils.getDeserializedResponse(fragmentOf(response.headers?.["location"]));
    let thrown: unknown;
    try {
      AuthorizeProtocol.getAuthorizationCodePayload(serverParams!, "state-123", "corr");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InteractionRequiredAuthError);
    expect((thrown as InteractionRequiredAuthError).errorCode).toBe("login_required");
    expect((thrown as InteractionRequiredAuthError).errorNo).toBe("50058");
  });

  it("classifies token-endpoint consent and MFA refusals as interaction required, and an expired refresh token as not", async () => {
    const box = newBox(SEED.users.member);
    const tokens = await signIn(box, { scope: "https://graph.microsoft.com/User.Read openid profile offline_access" });
    const consent = msalErrorFor(
      errorOf(await refresh(box, tokens.refresh_token ?? "", { scope: `${GRAPH_WRITE} openid profile offline_access` })),
    );
    expect(consent).toBeInstanceOf(InteractionRequiredAuthError);
    expect(consent).toMatchObject({ errorCode: "invalid_grant", subError: "consent_required", errorNo: 65001 });
    const mfa = msalErrorFor(errorOf(await refresh(box, tokens.refresh_token ?? "", { claims: MFA_CHALLENGE })));
    expect(mfa).toBeInstanceOf(InteractionRequiredAuthError);
    box.clock.advance(24 * 60 * 60 * 1000);
    const expired = msalErrorFor(errorOf(await refresh(box, tokens.refresh_token ?? "")));
    // An invalid_grant that is not interaction-required makes msal-browser try a silent iframe sign-in instead.
    expect(expired).toBeInstanceOf(ServerError);
    expect(expired).not.toBeInstanceOf(InteractionRequiredAuthError);
    expect(expired).toMatchObject({ errorCode: "invalid_grant" });
  });

  it("decodes the unsigned id token's claims", async () => {
    const tokens = await signIn(newBox());
    expect(AuthToken.extractTokenClaims(tokens.id_token ?? "", base64Decode, "corr")).toMatchObject({
      tid: SEED.tenantId,
      nonce: "nonce-456",
    });
  });
});
