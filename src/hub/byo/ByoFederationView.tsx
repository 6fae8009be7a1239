import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { useEffect, useRef, useState } from "react";
import { describeError } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";
import type { ByoFederationRun } from "../../workflows/byo/byoFederation";
import type { ByoFederationCreated } from "../../workflows/byo/byoFederationJournal";
import type { ByoFederationListener } from "../../workflows/byo/byoFederationServices";
import type { RunSnapshot } from "../../workflows/engine/workflowTypes";
import type { HubServices } from "../../workflows/hub/hubServices";
import { describeScope } from "../../workflows/provisioning/scope";
import { renameConnection } from "../../workflows/provisioning/rename";
import { InlineProblem } from "../common/InlineProblem";
import { CopyableValue } from "../onboarding/CopyableValue";
import { ResultPage } from "../wizard/pages/ResultPage";
import { RunPage } from "../wizard/pages/RunPage";

/**
 * A bring-your-own-app federation run: its steps while it runs, then either the result, or (when the person may not
 * edit the app) the issuer, subject and command an owner needs, with Verify and Roll back. The run is journaled, so
 * the same view comes back after the tab was closed (`resumed`).
 */
export function ByoFederationView({
  services,
  open,
  resumed,
  onBackToForm,
  onClose,
}: {
  services: HubServices;
  /** Builds (or resumes) the run with the view's listener. */
  open: (onChange: ByoFederationListener) => ByoFederationRun;
  resumed: boolean;
  onBackToForm?: () => void;
  onClose: () => void;
}) {
  const [run, setRun] = useState<ByoFederationRun>();
  const [snapshot, setSnapshot] = useState<RunSnapshot>();
  const [created, setCreated] = useState<Readonly<ByoFederationCreated>>({});
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  // A resumed connection's issuer and subject are shown only once re-read from Azure DevOps.
  const [fresh, setFresh] = useState(!resumed);
  const opened = useRef(false);

  const act = async (target: ByoFederationRun, action: () => Promise<RunSnapshot | void>, step: string) => {
    setProblem(undefined);
    setBusy(true);
    try {
      const result = await action();
      if (result) setSnapshot(result);
    } catch (error) {
      setProblem(describeError(error, { step }));
    } finally {
      setCreated({ ...target.created });
      setBusy(false);
    }
  };
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    const started = open((s, c) => {
      setSnapshot(s);
      setCreated({ ...c });
    });
    setRun(started);
    setSnapshot(started.snapshot());
    // A resumed connection is shown with what Azure DevOps reports now, never with the journal's copy alone.
    const refresh = async () => {
      await started.refreshIdentity();
      setFresh(true);
    };
    void act(started, resumed ? refresh : () => started.start(), resumed ? "Reading the connection" : "Creating");
    // eslint-disable-next-line react-hooks/exhaustive-deps -- opened once
  }, []);

  if (!run || !snapshot) return <Spinner size={SpinnerSize.large} label="Loading the connection…" />;
  const form = run.currentForm();
  const instructions = run.instructions();
  const settled = snapshot.status !== "running" && snapshot.status !== "rollingBack";
  const verify = () =>
    act(
      run,
      async () => {
        const outcome = await run.verifyTrust();
        if (!outcome.ok) setProblem(outcome.problem);
      },
      "Verifying the connection",
    );

  let body: JSX.Element;
  if (snapshot.status === "rolledBack") {
    body = (
      <div className="flex-column rhythm-vertical-16">
        <span>Rolled back: the connection "{form.connection.name}" and what this hub added for it were removed.</span>
        <div className="flex-row rhythm-horizontal-8">
          {onBackToForm && <Button text="Back to the form" onClick={onBackToForm} />}
          <Button primary text="Close" onClick={onClose} />
        </div>
      </div>
    );
  } else if (settled && fresh && instructions) {
    body = (
      <div className="flex-column rhythm-vertical-16 byo-trust">
        <MessageCard severity={MessageCardSeverity.Warning}>
          The connection "{form.connection.name}" is saved but not verified: the app {instructions.appId} does not trust it yet. An owner of
          the app must add this federated credential, then you choose Verify. You can leave this page: the connection waits, and the hub's
          start page offers it again.
        </MessageCard>
        <CopyableValue label="Issuer" value={instructions.issuer} />
        <CopyableValue label="Subject identifier" value={instructions.subject} />
        <CopyableValue label="Audience" value={instructions.audience} />
        <CopyableValue label="Azure CLI command for an owner of the app (bash)" value={instructions.command} />
        {problem && <InlineProblem problem={problem} />}
        <div className="flex-row rhythm-horizontal-8">
          <Button primary text="Verify" onClick={() => void verify()} disabled={busy} />
          <Button text="Roll back the connection" onClick={() => void act(run, () => run.rollback(), "Rolling back")} disabled={busy} />
          <Button text="Close" onClick={onClose} />
        </div>
        {busy && <span role="status">Verifying…</span>}
      </div>
    );
  } else if (!busy && (snapshot.status === "succeeded" || (resumed && settled && created.verified))) {
    body = (
      <ResultPage
        summary={{
          connectionName: form.connection.name,
          connectionUrl: services.connectionUrl(created.endpointId ?? ""),
          appId: form.appId,
          appUrl: services.appRegistrationUrl(form.cloudId, form.appId),
          ...(form.assignRole ? { roleName: form.assignRole.roleName } : {}),
          scopeDescription: describeScope(form.scope),
          federation: true,
          created,
        }}
        verifyAgain={async () => (await run.verifyTrust()).ok}
        onDone={onClose}
      />
    );
  } else {
    body = (
      <div className="flex-column rhythm-vertical-16">
        <RunPage
          snapshot={snapshot}
          now={() => services.now().getTime()}
          connectionName={form.connection.name}
          onRetry={() => void act(run, () => run.retry(), "Retrying")}
          onRollback={() => void act(run, () => run.rollback(), "Rolling back")}
          onCancel={() => run.cancel()}
          onRename={(name) => {
            const invalid = renameConnection(run, name);
            if (!invalid) void act(run, () => run.retry(), "Retrying");
            return invalid;
          }}
          onShorterLifetime={() => undefined}
          onSignInAgain={() => void services.signIn(form.cloudId).then(() => act(run, () => run.retry(), "Retrying"))}
        />
        {problem && <InlineProblem problem={problem} />}
      </div>
    );
  }
  const title = instructions ? "Waiting for the app to trust the connection" : snapshot.status === "succeeded" ? "Result" : "Create";
  return (
    <Card className="flex-grow" titleProps={{ text: title, ariaLevel: 2 }}>
      {body}
    </Card>
  );
}
