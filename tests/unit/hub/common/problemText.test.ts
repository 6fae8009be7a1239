import { lostAnswerNote, problemText } from "../../../../src/hub/common/problemText";
import { describeError } from "../../../../src/platform/describeError";
import { ServiceError } from "../../../../src/platform/http/serviceError";

describe("problems read like sentences", () => {
  it.each([
    [
      "graph",
      400,
      "Request_BadRequest",
      '{"error":{"code":"Request_BadRequest","message":"Invalid value","innerError":{"request-id":"r-1"}}}',
    ],
    ["graph", 403, "Forbidden", '{"error":{"code":"Forbidden","message":"Insufficient privileges"}}'],
    ["arm", 409, "Conflict", '{"error":{"code":"Conflict","message":"\\"quoted\\" body"}}'],
    ["devops", 400, "ArgumentException", '{"$id":"1","message":"bad","typeKey":"ArgumentException"}'],
    ["devops", 500, "InternalServerError", '{"message":"boom"}'],
  ] as const)("keeps a %s %i error body out of the sentences and in the disclosure only", (service, status, code, body) => {
    const error = new ServiceError(service, status, code, body, { body: JSON.parse(body) as unknown, request: "POST https://x/y" });
    const problem = describeError(error, { step: "Creating the app registration" });
    for (const text of [problem.title, problem.detail, problem.action]) {
      expect(text).not.toMatch(/[{}"]/);
      expect(text).not.toContain(code);
    }
    expect(problem.supportDetails).toContain(body);
    expect(problem.supportDetails).toContain(`Code: ${code}`);
    expect(problem.supportDetails).toContain(`Status: ${status}`);
    const text = problemText(problem);
    expect(text.supportDetails).toBe(problem.supportDetails);
    expect(`${text.title} ${text.detail} ${text.action}`).not.toMatch(/[{}"]/);
  });

  it("puts Graph's request id in the details for support", () => {
    const body = {
      error: { code: "Request_BadRequest", message: "Invalid", innerError: { "request-id": "r-1", "client-request-id": "c-1" } },
    };
    const problem = describeError(new ServiceError("graph", 400, "Request_BadRequest", "Invalid", { body }), { step: "x" });
    expect(problem.supportDetails).toContain("Request id: r-1");
    expect(problem.supportDetails).toContain("Client request id: c-1");
  });

  it("keeps a service's JSON body out of view and in the details for support", () => {
    const body = '{"error":{"code":"InvalidRequestContent","message":"The request content was invalid."}}';
    const text = problemText(describeError(new ServiceError("arm", 400, "InvalidRequestContent", body), { step: "Assigning the role" }));
    expect(text.title).toBe("Assigning the role failed.");
    expect(text.detail).toBe("Azure Resource Manager refused the request (status 400).");
    expect(text.detail).not.toMatch(/[{}"]/);
    expect(text.supportDetails).toContain("Code: InvalidRequestContent");
    expect(text.supportDetails).toContain(body);
  });

  it("never claims retries the hub may not have made", () => {
    const text = problemText(describeError(new ServiceError("arm", 500, "InternalServerError", "boom"), { step: "Assigning the role" }));
    expect(text.detail).toBe("Azure Resource Manager had a temporary failure (500).");
    const network = problemText(
      describeError(new ServiceError("graph", 0, "", "Failed to fetch"), { step: "Creating the app registration" }),
    );
    expect(network.detail).not.toMatch(/several tries/);
  });

  it("leaves a worded problem as it is, with no details", () => {
    const problem = { title: "Signing in failed.", detail: "Your sign-in has expired.", action: "Sign in again." };
    expect(problemText(problem)).toEqual(problem);
  });

  it("says a write whose answer was lost may have happened, and only for writes", () => {
    const lost = describeError(new ServiceError("devops", 0, "", "Failed to fetch"), { step: "Creating the service connection" });
    expect(lostAnswerNote("createConnection", lost)).toBe(
      "The request may have reached the service before its answer was lost: the connection may already exist; Retry finds it.",
    );
    expect(lostAnswerNote("verify", lost)).toBeUndefined();
    const refused = describeError(new ServiceError("devops", 400, "", "bad"), { step: "Creating the service connection" });
    expect(lostAnswerNote("createConnection", refused)).toBeUndefined();
  });
});
