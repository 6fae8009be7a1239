import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { useEffect, useRef, useState } from "react";
import type { BulkSnapshot } from "../../workflows/bulk/bulkRun";
import type { SharedAppJournal, SharedAppRun } from "../../workflows/bulk/sharedAppRun";
import type { HubServices } from "../../workflows/hub/hubServices";
import type { SignedInAccount } from "../../workflows/hub/hubTypes";
import { InlineProblem } from "../common/InlineProblem";
import { PopupRemedyButton, useSignIn } from "../common/SignInActions";
import { BulkResultPage } from "./BulkResultPage";
import { BulkRunPage } from "./BulkRunPage";

export interface SharedRunResumeProps {
  services: HubServices;
  journal: SharedAppJournal;
  /** "rollBack": remove everything the run made as soon as it is picked up. */
  action: "resume" | "rollBack";
  onClose: () => void;
}

/**
 * A shared app run a closed tab interrupted, picked up from its journal: after sign-in, the bulk run page on the
 * resumed run, where Retry failed, Roll back failed and Roll back all work as they did during the run.
 */
export function SharedRunResume({ services, journal, action, onClose }: SharedRunResumeProps) {
  const cloudId = journal.forms[0]!.cloudId;
  const [account, setAccount] = useState<SignedInAccount | undefined>(() => services.account());
  const [run, setRun] = useState<SharedAppRun>();
  const [snapshot, setSnapshot] = useState<BulkSnapshot>();
  const [page, setPage] = useState<"run" | "result">("run");
  const [signInNeeded, setSignInNeeded] = useState(false);
  const acted = useRef(false);
  const signIn = useSignIn(services, cloudId, (signedIn) => {
    setSignInNeeded(false);
    setAccount(signedIn);
  });

  useEffect(() => {
    if (!account || run || !services.resumeSharedAppRun) return;
    try {
      const resumed = services.resumeSharedAppRun(journal, setSnapshot);
      setRun(resumed);
      setSnapshot(resumed.snapshot());
    } catch {
      // Signed in to another cloud: the sign-in stays.
      setSignInNeeded(true);
    }
  }, [account, run, services, journal]);
  useEffect(() => {
    if (!run || action !== "rollBack" || acted.current) return;
    acted.current = true;
    void run.rollbackAll();
  }, [run, action]);
  useEffect(() => () => run?.dropSecrets(), [run]);

  const name = journal.forms[0]!.app.displayName;
  const what = action === "rollBack" ? "roll back" : "resume or roll back";
  if (!run || !snapshot) {
    return (
      <Card titleProps={{ text: `Shared app ${name}`, ariaLevel: 2 }}>
        <div className="flex-column rhythm-vertical-16">
          <p className="body-m">
            Sign in to {what} the run started on {journal.createdAt.slice(0, 10)} for {journal.forms.length} scopes under the app
            registration "{name}".
            {signInNeeded && " The run is in another cloud than the one you are signed in to."}
          </p>
          {signIn.problem && <InlineProblem problem={signIn.problem} />}
          <div className="flex-row rhythm-horizontal-8">
            <Button primary text="Sign in" disabled={signIn.busy} onClick={signIn.signIn} />
            <PopupRemedyButton state={signIn} />
            <Button text="Back" onClick={onClose} />
          </div>
        </div>
      </Card>
    );
  }
  const finish = () => {
    run.dropSecrets();
    onClose();
  };
  return (
    <Card titleProps={{ text: `Shared app ${name}`, ariaLevel: 2 }}>
      {page === "result" ? (
        <BulkResultPage
          rows={snapshot.rows}
          connectionUrl={(id) => services.connectionUrl(id)}
          appUrl={(appId) => services.appRegistrationUrl(cloudId, appId)}
          revealSecret={(index) => run.revealSecret(index)}
          onBack={() => setPage("run")}
          onDone={finish}
        />
      ) : (
        <BulkRunPage
          snapshot={snapshot}
          onRetryFailed={() => void run.retryFailed()}
          onRollbackFailed={() => void run.rollbackFailed()}
          onRollbackAll={() => void run.rollbackAll()}
          onCancel={() => run.cancel()}
          onStartRest={() => void run.start()}
          onResult={() => setPage("result")}
          onClose={finish}
        />
      )}
    </Card>
  );
}
