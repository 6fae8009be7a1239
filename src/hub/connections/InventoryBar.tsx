import { Button } from "azure-devops-ui/Button";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import type { ReactNode } from "react";
import type { SignedInAccount } from "../../workflows/hub/hubTypes";
import { InlineProblem } from "../common/InlineProblem";
import { AnotherAccountButton, PopupRemedyButton, type SignInState } from "../common/SignInActions";
import { SignInSetupHelp } from "../onboarding/SignInOnboarding";

/**
 * The bar above an inventory (the project's Connections tab and the organization's view): its summary, sign-in to read
 * the secrets and owners, and Refresh; then a sign-in problem with its way on.
 */
export function InventoryBar({
  summary,
  reading,
  account,
  signIn,
  onRefresh,
}: {
  summary: ReactNode;
  reading: boolean;
  account: SignedInAccount | undefined;
  signIn: SignInState;
  onRefresh: () => void;
}) {
  const problem = signIn.problem;
  return (
    <>
      <div className="connections-summary flex-row flex-center rhythm-horizontal-16">
        {summary}
        {reading && <Spinner size={SpinnerSize.small} label="Reading secrets and owners…" />}
        {!account && <Button primary text="Sign in to Microsoft Entra ID" disabled={signIn.busy} onClick={signIn.signIn} />}
        {account && (
          <span className="secondary-text" data-testid="signed-in">
            Signed in as {account.username}
          </span>
        )}
        <AnotherAccountButton state={signIn} />
        <Button text="Refresh" iconProps={{ iconName: "Refresh" }} onClick={onRefresh} />
      </div>
      {/* Sign-in that is not set up (or set up wrong) cannot work on a retry: the setup guide is the way on, as in the guided form. */}
      {problem && (
        <InlineProblem problem={problem} {...(problem.help === "signInSetup" ? {} : { onRetry: signIn.signIn })}>
          <PopupRemedyButton state={signIn} />
        </InlineProblem>
      )}
      {problem?.help === "signInSetup" && <SignInSetupHelp />}
    </>
  );
}
