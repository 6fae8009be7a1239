import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { Checkbox } from "azure-devops-ui/Checkbox";
import { RadioButton, RadioButtonGroup } from "azure-devops-ui/RadioButton";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { SignedInAccount } from "../../workflows/hub/hubTypes";
import { describeError } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";
import { newByoDraft, toByoForm, validateByo, type ByoDraft, type ByoField, type ByoForm } from "../../workflows/byo/byoForm";
import type { ByoFederationJournal } from "../../workflows/byo/byoFederationJournal";
import type { ByoCreated, ByoRun } from "../../workflows/byo/byoRun";
import type { RunSnapshot } from "../../workflows/engine/workflowTypes";
import type { HubServices } from "../../workflows/hub/hubServices";
import type { ScopeLevel } from "../../workflows/provisioning/form";
import { READER } from "../../workflows/provisioning/form";
import { describeScope } from "../../workflows/provisioning/scope";
import { renameConnection } from "../../workflows/provisioning/rename";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync } from "../common/useAsync";
import { ConnectionPage } from "../wizard/pages/ConnectionPage";
import { ResultPage } from "../wizard/pages/ResultPage";
import { ByoCredentialChoice } from "./ByoCredentialChoice";
import { ByoFederationView } from "./ByoFederationView";
import { Text } from "./ByoText";
import { RunPage } from "../wizard/pages/RunPage";

/**
 * Bring your own app registration: the article's Azure DevOps form for someone who may not create apps. Works without
 * any Entra sign-in; signing in only adds the option to assign the role.
 */
export function BringYourOwnApp({
  services,
  allowAllPipelines,
  resume,
  onClose,
}: {
  services: HubServices;
  allowAllPipelines: boolean;
  /** A federated connection still waiting for the app to trust it: shown again with Verify. */
  resume?: ByoFederationJournal;
  onClose: () => void;
}) {
  const federationOffered = services.clouds[0]!.supportsFederation;
  const [draft, setDraft] = useState<ByoDraft>(() => newByoDraft(federationOffered));
  const [federation, setFederation] = useState<{ form: ByoForm } | { journal: ByoFederationJournal } | undefined>(
    resume ? { journal: resume } : undefined,
  );
  const [secret, setSecret] = useState("");
  const [tried, setTried] = useState(false);
  const [account, setAccount] = useState<SignedInAccount | undefined>(() => services.account());
  const [signInProblem, setSignInProblem] = useState<Problem>();
  const [run, setRun] = useState<ByoRun>();
  const [snapshot, setSnapshot] = useState<RunSnapshot>();
  const [created, setCreated] = useState<Readonly<ByoCreated>>({});
  const [pipelines, reloadPipelines] = useAsync(() => services.listPipelines(), "pipelines", "Listing the project's pipelines");
  const cloudId = services.clouds[0]!.id;
  const update = useCallback((change: Partial<ByoDraft>) => setDraft((d) => ({ ...d, ...change })), []);
  const errors: Partial<Record<ByoField, string>> = useMemo(() => (tried ? validateByo(draft, secret) : {}), [tried, draft, secret]);
  useEffect(() => () => run?.dropSecret(), [run]);

  const execute = async (target: ByoRun, action: "start" | "retry" | "rollback") => {
    const result = action === "rollback" ? await target.rollback() : await target.start();
    setSnapshot(result);
    setCreated({ ...target.created });
  };
  const save = () => {
    setTried(true);
    const form = toByoForm(draft, cloudId, secret);
    if (!form) return;
    if (form.credential === "federation") {
      setFederation({ form });
      return;
    }
    const started = services.startByoRun(form, secret, (s, c) => {
      setSnapshot(s);
      setCreated({ ...c });
    });
    // The typed secret now lives in the run only.
    setSecret("");
    setRun(started);
    setSnapshot(started.snapshot());
    void execute(started, "start");
  };
  const signIn = async () => {
    setSignInProblem(undefined);
    try {
      const signedIn = await services.signIn(cloudId);
      setAccount(signedIn);
      update({ tenantId: draft.tenantId || signedIn.tenantId, assignRole: READER });
    } catch (e) {
      setSignInProblem(describeError(e, { step: "Signing in" }));
    }
  };
  const close = () => {
    run?.dropSecret();
    onClose();
  };

  if (federation) {
    return (
      <ByoFederationView
        services={services}
        open={(listener) =>
          "journal" in federation
            ? services.resumeByoFederation(federation.journal, listener)
            : services.startByoFederation(federation.form, listener)
        }
        resumed={"journal" in federation}
        {...("form" in federation ? { onBackToForm: () => setFederation(undefined) } : {})}
        onClose={close}
      />
    );
  }

  if (run && snapshot) {
    const form = run.currentForm();
    return (
      <Card className="flex-grow" titleProps={{ text: snapshot.status === "succeeded" ? "Result" : "Create", ariaLevel: 2 }}>
        {snapshot.status === "succeeded" ? (
          <ResultPage
            summary={{
              connectionName: form.connection.name,
              connectionUrl: services.connectionUrl(created.endpointId ?? ""),
              appId: form.appId,
              appUrl: services.appRegistrationUrl(form.cloudId, form.appId),
              ...(form.assignRole ? { roleName: form.assignRole.roleName } : {}),
              scopeDescription: describeScope(form.scope),
              created,
            }}
            revealSecret={() => run.revealSecret()}
            verifyAgain={() => run.verifyAgain()}
            onDone={close}
          />
        ) : (
          <div className="flex-column rhythm-vertical-16">
            <RunPage
              snapshot={snapshot}
              now={() => services.now().getTime()}
              connectionName={form.connection.name}
              onRetry={() => void execute(run, "retry")}
              onRollback={() => void execute(run, "rollback")}
              onCancel={() => run.cancel()}
              onRename={(name) => {
                const problem = renameConnection(run, name);
                if (!problem) void execute(run, "retry");
                return problem;
              }}
              onShorterLifetime={() => undefined}
              onSignInAgain={() => void services.signIn(form.cloudId).then(() => execute(run, "retry"))}
              onSaveWithoutVerification={() => {
                run.amend((f) => ({ ...f, connection: { ...f.connection, verify: false } }));
                void execute(run, "retry");
              }}
            />
            {snapshot.status === "rolledBack" && (
              <div>
                <Button text="Back to the form" onClick={() => setRun(undefined)} />
              </div>
            )}
          </div>
        )}
      </Card>
    );
  }

  const level = draft.scopeLevel;
  return (
    <Card className="flex-grow" titleProps={{ text: "Bring your own app registration", ariaLevel: 2 }}>
      <div className="flex-column rhythm-vertical-16 byo-form">
        <p className="body-m">
          For an app registration that already exists, for example one your administrator created for you. No sign-in is needed: enter the
          values from the app's Overview and Certificates & secrets pages.
        </p>
        <RadioButtonGroup text="Scope Level" selectedButtonId={level} onSelect={(id) => update({ scopeLevel: id as ScopeLevel })}>
          <RadioButton id="Subscription" text="Subscription" />
          <RadioButton id="ManagementGroup" text="Management Group" />
          <RadioButton id="AzureMLWorkspace" text="Machine Learning Workspace" />
        </RadioButtonGroup>
        {level !== "ManagementGroup" && (
          <>
            <Text
              label="Subscription Id"
              value={draft.subscriptionId}
              onChange={(v) => update({ subscriptionId: v })}
              error={errors.subscriptionId}
              placeholder="00000000-0000-0000-0000-000000000000"
            />
            <Text
              label="Subscription Name"
              value={draft.subscriptionName}
              onChange={(v) => update({ subscriptionName: v })}
              error={errors.subscriptionName}
            />
          </>
        )}
        {level === "ManagementGroup" && (
          <>
            <Text
              label="Management Group Id"
              value={draft.managementGroupId}
              onChange={(v) => update({ managementGroupId: v })}
              error={errors.managementGroupId}
            />
            <Text
              label="Management Group Name"
              value={draft.managementGroupName}
              onChange={(v) => update({ managementGroupName: v })}
              error={errors.managementGroupName}
            />
          </>
        )}
        {level === "AzureMLWorkspace" && (
          <>
            <Text
              label="Resource Group"
              value={draft.resourceGroupName}
              onChange={(v) => update({ resourceGroupName: v })}
              error={errors.resourceGroupName}
            />
            <Text
              label="ML Workspace Name"
              value={draft.workspaceName}
              onChange={(v) => update({ workspaceName: v })}
              error={errors.workspaceName}
            />
            <Text
              label="ML Workspace Location"
              value={draft.workspaceLocation}
              onChange={(v) => update({ workspaceLocation: v })}
              error={errors.workspaceLocation}
              placeholder="westeurope"
            />
          </>
        )}
        <h3 className="title-xs">Authentication</h3>
        <Text label="Application (client) ID" value={draft.appId} onChange={(v) => update({ appId: v })} error={errors.appId} />
        <Text label="Directory (tenant) ID" value={draft.tenantId} onChange={(v) => update({ tenantId: v })} error={errors.tenantId} />
        <ByoCredentialChoice
          credential={draft.credential}
          federationOffered={federationOffered}
          onChange={(credential) => update({ credential })}
        />
        {draft.credential === "secret" && (
          <Text
            label="Client secret"
            value={secret}
            onChange={setSecret}
            error={errors.clientSecret}
            secret
            hint="The secret's Value (not its Secret ID). It is sent only to Azure DevOps and never stored by the hub."
          />
        )}
        <ConnectionPage
          draft={draft}
          update={({ connectionNameEdited: _edited, ...change }) => update(change)}
          pipelines={pipelines}
          reloadPipelines={reloadPipelines}
          allowAllPipelines={allowAllPipelines}
          errors={{
            ...(errors.connectionName ? { connectionName: errors.connectionName } : {}),
            ...(errors.connectionDescription ? { connectionDescription: errors.connectionDescription } : {}),
          }}
        />
        <h3 className="title-xs">Role (optional)</h3>
        {account ? (
          <Checkbox
            label={`Also assign Reader at the scope to the app, as ${account.username}`}
            checked={Boolean(draft.assignRole)}
            onChange={(_, checked) => update({ assignRole: checked ? READER : undefined })}
          />
        ) : (
          <div className="flex-column rhythm-vertical-8">
            <span className="body-s">
              If the app has no role at the scope yet and you may assign roles there, sign in to assign Reader as part of saving.
              {draft.credential === "federation" && " Signed in, the hub also adds the federated credential if you may edit the app."}
            </span>
            <div>
              <Button text="Sign in to assign the role" onClick={() => void signIn()} />
            </div>
          </div>
        )}
        {signInProblem && <InlineProblem problem={signInProblem} onRetry={() => void signIn()} />}
        <div className="flex-row rhythm-horizontal-8">
          <Button
            primary
            text={
              draft.credential === "federation" ? (draft.verify ? "Save and verify" : "Save") : draft.verify ? "Verify and save" : "Save"
            }
            onClick={save}
          />
          <Button text="Cancel" onClick={close} />
        </div>
      </div>
    </Card>
  );
}
