import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ResultPage, type ResultSummary } from "../../../../src/hub/wizard/pages/ResultPage";
import { ServiceError } from "../../../../src/platform/http/serviceError";

const APP_ID = "3c9d8e7f-6a5b-4c4d-8e3f-2a1b0c9d8e7f";
const SECRET = "Qx8~abcDEF.ghiJKL_mnoPQR-stuVWX0123456";

function summary(created: ResultSummary["created"], extra: Partial<ResultSummary> = {}): ResultSummary {
  return {
    connectionName: "contoso-Fabrikam Web-Contoso Production",
    connectionUrl: "https://dev.azure.com/contoso/Fabrikam%20Web/_settings/adminservices?resourceId=e1e1e1e1-0000-4000-8000-000000000001",
    appId: APP_ID,
    appUrl: `https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${APP_ID}`,
    roleName: "Reader",
    scopeDescription: "subscription Contoso Production",
    secretEndDateTime: "2027-05-25T12:00:00.000Z",
    created,
    ...extra,
  };
}

function renderResult(s: ResultSummary, options: { revealSecret?: () => string | undefined; verifyAgain?: () => Promise<boolean> } = {}) {
  const revealSecret = vi.fn(options.revealSecret ?? (() => SECRET));
  const verifyAgain = vi.fn(options.verifyAgain ?? (async () => true));
  const onDone = vi.fn();
  render(<ResultPage summary={s} revealSecret={revealSecret} verifyAgain={verifyAgain} onDone={onDone} />);
  return { user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }), revealSecret, verifyAgain, onDone };
}

describe("the Result page", () => {
  it("says the connection is ready and verified, and links to it and to the app registration", () => {
    renderResult(summary({ verified: true }));
    expect(screen.getByText("The connection is ready and verified.")).toBeInTheDocument();
    const connection = screen.getByRole("link", { name: "contoso-Fabrikam Web-Contoso Production" });
    expect(connection).toHaveAttribute("href", expect.stringContaining("/_settings/adminservices?resourceId=e1e1e1e1-0000-4000-8000-000000000001"));
    expect(connection).toHaveAttribute("target", "_blank");
    expect(connection).toHaveAttribute("rel", expect.stringContaining("noopener"));
    const app = screen.getByRole("link", { name: APP_ID });
    expect(app).toHaveAttribute("href", expect.stringContaining(`/appId/${APP_ID}`));
    expect(app).toHaveAttribute("rel", expect.stringContaining("noopener"));
    expect(screen.queryByRole("button", { name: "Verify again" })).not.toBeInTheDocument();
  });

  it("lists the role at its scope and when the secret expires", () => {
    renderResult(summary({ verified: true }));
    expect(screen.getByText("Role").nextElementSibling).toHaveTextContent("Reader at the subscription Contoso Production");
    expect(screen.getByText("Client secret expires").nextElementSibling).toHaveTextContent("2027-05-25");
  });

  it("names the scope alone when no role was assigned (bring your own app registration)", () => {
    renderResult(summary({ verified: true }, { roleName: undefined }));
    expect(screen.queryByText("Role")).not.toBeInTheDocument();
    expect(screen.getByText("Scope").nextElementSibling).toHaveTextContent("subscription Contoso Production");
  });

  it("keeps the secret hidden until the person asks for it, then hides it again", async () => {
    const { user, revealSecret } = renderResult(summary({ verified: true }));
    expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(SECRET);
    expect(revealSecret).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Show the client secret" }));
    expect(revealSecret).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("secret-value")).toHaveTextContent(SECRET);
    expect(screen.getByText(/The connection already holds this secret; you do not need to copy it\. Anyone who sees it can act as the app\./)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Hide the client secret" }));
    expect(document.body).not.toHaveTextContent(SECRET);
    expect(screen.getByRole("button", { name: "Show the client secret" })).toBeInTheDocument();
  });

  it("says so when the secret is no longer in memory", async () => {
    const { user } = renderResult(summary({ verified: true }), { revealSecret: () => undefined });
    await user.click(screen.getByRole("button", { name: "Show the client secret" }));
    expect(screen.getByText("The secret is no longer in memory.")).toBeInTheDocument();
    expect(screen.queryByTestId("secret-value")).not.toBeInTheDocument();
  });

  it("when Azure did not accept the connection yet, says why and Verify again can confirm it", async () => {
    const { user, verifyAgain } = renderResult(summary({ verified: false, verifyMessage: "the secret is not yet valid" }));
    expect(screen.getByText(/The connection was saved but is not yet verified: the secret is not yet valid\. A new secret or role can take a few minutes to work\./)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Verify again" }));
    expect(verifyAgain).toHaveBeenCalledTimes(1);
    expect(await screen.findByText("The connection is ready and verified.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Verify again" })).not.toBeInTheDocument();
  });

  it("Verify again that still fails keeps the warning and the button", async () => {
    const { user } = renderResult(summary({ verified: false }), { verifyAgain: async () => false });
    await user.click(screen.getByRole("button", { name: "Verify again" }));
    expect(await screen.findByText(/not yet verified: Azure did not accept it yet\./)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Verify again" })).toBeEnabled();
  });

  it("Verify again that cannot reach Azure DevOps says what happened and what to do", async () => {
    const { user } = renderResult(summary({ verified: false }), { verifyAgain: () => Promise.reject(new ServiceError("devops", 503, "", "Service Unavailable")) });
    await user.click(screen.getByRole("button", { name: "Verify again" }));
    const alert = await screen.findByText(/^Verifying the connection failed\./);
    expect(alert).toHaveAttribute("role", "alert");
    expect(alert).toHaveTextContent("Verifying the connection failed. Azure DevOps had a temporary failure (503). Choose Retry in a moment.");
    expect(screen.getByRole("button", { name: "Verify again" })).toBeEnabled();
  });

  it("a connection saved without verification says so and offers Verify again", () => {
    renderResult(summary({}));
    expect(screen.getByText("The connection was saved without verification.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Verify again" })).toBeInTheDocument();
  });

  it("Done closes the result", async () => {
    const { user, onDone } = renderResult(summary({ verified: true }));
    await user.click(screen.getByRole("button", { name: "Done" }));
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});
