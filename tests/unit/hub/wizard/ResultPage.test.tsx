import { render, screen, within } from "@testing-library/react";
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
  const onRollback = vi.fn();
  render(<ResultPage summary={s} revealSecret={revealSecret} verifyAgain={verifyAgain} onDone={onDone} onRollback={onRollback} />);
  return { user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }), revealSecret, verifyAgain, onDone, onRollback };
}

const AUTHORIZATION_FAILED =
  '{"error":{"code":"AuthorizationFailed","message":"The client \'3c9d\' does not have authorization to perform action \'Microsoft.Resources/subscriptions/read\' over scope \'/subscriptions/1111\'."}}';

describe("the Result page", () => {
  it("says the connection is ready and verified, and links to it and to the app registration", () => {
    renderResult(summary({ verified: true }));
    expect(screen.getByText("The connection is ready and verified.")).toBeInTheDocument();
    const connection = screen.getByRole("link", { name: "contoso-Fabrikam Web-Contoso Production" });
    expect(connection).toHaveAttribute(
      "href",
      expect.stringContaining("/_settings/adminservices?resourceId=e1e1e1e1-0000-4000-8000-000000000001"),
    );
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
    expect(
      screen.getByText(/The connection already holds this secret; you do not need to copy it\. Anyone who sees it can act as the app\./),
    ).toBeInTheDocument();

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

  it("when Verify kept failing past its wait, names the likely causes in order and offers Verify again and Roll back", async () => {
    const { user, verifyAgain, onRollback } = renderResult(summary({ verified: false, verifyMessage: "the secret is not yet valid" }));
    const outcome = screen.getByTestId("result-outcome");
    expect(outcome).toHaveTextContent(
      "The connection was saved, but Azure did not accept it within the wait: the secret is not yet valid.",
    );
    const causes = within(outcome)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(causes[0]).toMatch(/^The role is not where Verify reads/);
    expect(causes[1]).toBe("The client secret is wrong or has expired.");
    expect(causes[2]).toMatch(/^A policy blocks the service principal/);
    expect(causes[3]).toMatch(/replicating/);
    await user.click(screen.getByRole("button", { name: "Roll back" }));
    expect(onRollback).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole("button", { name: "Verify again" }));
    expect(verifyAgain).toHaveBeenCalledTimes(1);
    expect(await screen.findByText("The connection is ready and verified.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Verify again" })).not.toBeInTheDocument();
  });

  it("never shows a service's JSON body: it goes into the details for support", () => {
    renderResult(summary({ verified: false, verifyMessage: AUTHORIZATION_FAILED }));
    const outcome = screen.getByTestId("result-outcome");
    const details = outcome.querySelector("details")!;
    expect(within(details).getByText("Details for support")).toBeInTheDocument();
    expect(details).toHaveTextContent("AuthorizationFailed");
    const shown = [...outcome.childNodes]
      .filter((n) => n !== details)
      .map((n) => n.textContent)
      .join(" ");
    expect(shown).not.toMatch(/[{}"]|AuthorizationFailed/);
  });

  it("at a Machine Learning workspace without Reader at the subscription, says exactly what happened and offers no Verify again", () => {
    renderResult(
      summary(
        { verified: false, verifyMessage: AUTHORIZATION_FAILED },
        { scopeDescription: "Machine Learning workspace mlw-forecasting", verifiable: false },
      ),
    );
    const outcome = screen.getByTestId("result-outcome");
    expect(outcome).toHaveTextContent(
      "The connection was saved without verification. Verify reads the subscription, and this connection's principal has a role only on the Machine Learning workspace mlw-forecasting, so Verify cannot pass; the connection still works for tasks that use the workspace.",
    );
    expect(screen.queryByRole("button", { name: "Verify again" })).not.toBeInTheDocument();
    expect(outcome.querySelector("details")).toHaveTextContent("AuthorizationFailed");
    expect(outcome.firstChild).not.toHaveTextContent(/[{}]/);
  });

  it("Verify again that still fails keeps the warning and the button", async () => {
    const { user } = renderResult(summary({ verified: false }), { verifyAgain: async () => false });
    await user.click(screen.getByRole("button", { name: "Verify again" }));
    expect(await screen.findByText(/Azure did not accept it within the wait/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Verify again" })).toBeEnabled();
  });

  it("Verify again that cannot reach Azure DevOps says what happened and what to do, claiming no retries", async () => {
    const { user } = renderResult(summary({ verified: false }), {
      verifyAgain: () => Promise.reject(new ServiceError("devops", 503, "", "Service Unavailable")),
    });
    await user.click(screen.getByRole("button", { name: "Verify again" }));
    expect(await screen.findByText("Verifying the connection failed.")).toBeInTheDocument();
    expect(screen.getByText("Azure DevOps had a temporary failure (503).")).toBeInTheDocument();
    expect(screen.getByText("Choose Retry in a moment.")).toBeInTheDocument();
    expect(screen.queryByText(/several tries/)).not.toBeInTheDocument();
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
