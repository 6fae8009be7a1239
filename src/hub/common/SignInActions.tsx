import { Button } from "azure-devops-ui/Button";
import { useState } from "react";
import { describeError } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";
import type { SignedInAccount } from "../../workflows/hub/hubTypes";
import type { HubServices } from "../../workflows/hub/hubServices";

export interface SignInState {
  busy: boolean;
  problem: Problem | undefined;
  /** The usual sign-in: through Azure DevOps where the host offers it, else a pop-up window. */
  signIn(): void;
  /** A pop-up window where the person chooses the account; undefined when the services have no pop-up path. */
  signInWithPopup: (() => void) | undefined;
}

/** Signing in from a page: the usual way or through a pop-up window, with the failure as a Problem to show. */
export function useSignIn(
  services: Pick<HubServices, "signIn" | "signInWithPopup">,
  cloudId: string,
  onSignedIn: (account: SignedInAccount) => void,
): SignInState {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const attempt = async (signIn: (cloudId: string) => Promise<SignedInAccount>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      onSignedIn(await signIn(cloudId));
    } catch (error) {
      setProblem(describeError(error, { step: "Signing in" }));
    } finally {
      setBusy(false);
    }
  };
  const popup = services.signInWithPopup?.bind(services);
  return {
    busy,
    problem,
    signIn: () => void attempt((id) => services.signIn(id)),
    signInWithPopup: popup ? () => void attempt(popup) : undefined,
  };
}

/**
 * "Sign in with another account": a pop-up window even where Azure DevOps signs the person in, for administrators
 * who keep a separate account for Azure.
 */
export function AnotherAccountButton({ state }: { state: SignInState }) {
  if (!state.signInWithPopup) return null;
  return <Button text="Sign in with another account" disabled={state.busy} onClick={state.signInWithPopup} />;
}

/** The remedy a sign-in problem names, as a button next to it: a pop-up window past a nested sign-in that failed. */
export function PopupRemedyButton({ state }: { state: SignInState }) {
  // A setup error with this remedy (an account of another directory) names "Sign in with another account", offered beside.
  if (state.problem?.remedy !== "signInWithPopup" || state.problem.help === "signInSetup" || !state.signInWithPopup) return null;
  return <Button primary text="Sign in with a popup window instead" disabled={state.busy} onClick={state.signInWithPopup} />;
}
