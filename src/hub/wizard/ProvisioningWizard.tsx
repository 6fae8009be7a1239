import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { useEffect, useMemo, useRef, useState } from "react";
import type { SignedInAccount } from "../../workflows/hub/hubTypes";
import { describeError } from "../../platform/describeError";
import type { HubServices } from "../../workflows/hub/hubServices";
import { draftScope, newDraft, toForm, validateDraft, type ProvisioningDraft } from "../../workflows/provisioning/draft";
import type { ProvisioningJournal } from "../../workflows/provisioning/journal";
import type { ProvisioningRun } from "../../workflows/provisioning/provisioningRun";
import { armScope, describeScope } from "../../workflows/provisioning/scope";
import { renameConnection } from "../../workflows/provisioning/rename";
import { useAsync } from "../common/useAsync";
import { BulkFlow, useBulk } from "../bulk/BulkFlow";
import { ReviewOrAsk } from "../requests/ReviewOrAsk";
import { RunOrAsk } from "../requests/RunOrAsk";
import { planWithMlVerification } from "./mlVerification";
import { useConnectionNameCheck } from "./useConnectionNameCheck";
import { useDraftUpdate } from "./useDraftUpdate";
import { useFocusFirstInvalid } from "./useFocusFirstInvalid";
import { useWizardPlan } from "./useWizardPlan";
import { useWizardRun, type RunAction } from "./useWizardRun";
import { AppRegistrationPage } from "./pages/AppRegistrationPage";
import { ConnectionPage } from "./pages/ConnectionPage";
import { ResultPage } from "./pages/ResultPage";
import { RolePage } from "./pages/RolePage";
import { ScopePage } from "./pages/ScopePage";
import { SecretPage } from "./pages/SecretPage";
import { SignInPage } from "./pages/SignInPage";
import { firstInvalidPage, pageIndex, WIZARD_PAGES, type WizardDefaults } from "./wizardModel";

export type { WizardDefaults };
import { WizardSteps } from "./WizardSteps";

export interface ProvisioningWizardProps {
  services: HubServices;
  defaults: WizardDefaults;
  /** An interrupted run to resume or roll back. */
  resume?: ProvisioningJournal;
  onClose: () => void;
}

/**
 * The guided form: sign in, scope, app registration, secret, role, connection, review, run, result. It holds the
 * draft and the run; every call goes through HubServices.
 */
export function ProvisioningWizard({ services, defaults, resume, onClose }: ProvisioningWizardProps) {
  const [draft, setDraft] = useState<ProvisioningDraft>(() =>
    newDraft(resume?.form.cloudId ?? services.clouds[0]!.id, resume?.form.tenantId ?? "", {
      ...(defaults.role ? { roleChoice: defaults.role } : {}),
      ...(defaults.secretDays ? { secretDays: defaults.secretDays } : {}),
    }),
  );
  const [page, setPage] = useState(0);
  const [reachable, setReachable] = useState(0);
  const [showErrors, setShowErrors] = useState<Set<number>>(new Set());
  const [account, setAccount] = useState<SignedInAccount | undefined>(() => services.account());
  const { run, snapshot, setSnapshot, created, attach, onChange, execute: executeRun } = useWizardRun();
  const runIdRef = useRef(resume?.id ?? services.newRunId());
  const now = services.now();

  const update = useDraftUpdate(setDraft, services.session, defaults.nameTemplate);
  const bulk = useBulk(draft, update);

  // "Now" moves on every render; what the checks depend on is the day (secret end dates are whole days).
  const today = now.toDateString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `today` stands for `now`
  const fieldErrors = useMemo(() => validateDraft(draft, now), [draft, today]);
  const directory = account && draft.tenantId ? services.directory(draft.cloudId, draft.tenantId) : undefined;
  const [pipelines, reloadPipelines] = useAsync(() => services.listPipelines(), "pipelines", "Listing the project's pipelines");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `today` stands for `now`
  const form = useMemo(() => toForm(draft, now), [draft, today]);
  const reviewing = WIZARD_PAGES[page]?.id === "review";
  const [hints] = useAsync(
    reviewing && form && !bulk.active ? () => services.reviewChecks(form) : undefined,
    reviewing ? JSON.stringify(form) : "",
    "Checking",
  );

  // A taken connection name stops the form on the page where it is typed (checked as typed, and again on Review).
  const naming = WIZARD_PAGES[page]?.id === "connection";
  const { taken: nameTaken, note: nameNote } = useConnectionNameCheck(
    services,
    form,
    draft.connectionName,
    naming,
    hints,
    fieldErrors.connectionName,
  );
  const errors = useMemo(
    () => (nameTaken && !fieldErrors.connectionName ? { ...fieldErrors, connectionName: nameTaken } : fieldErrors),
    [fieldErrors, nameTaken],
  );
  const errorsOn = (index: number) => (showErrors.has(index) || (index === pageIndex("connection") && nameTaken) ? errors : {});
  const roles = useAsync(
    directory && form ? () => directory.roles(armScope(form.scope)) : undefined,
    form ? armScope(form.scope) : "",
    "Listing the roles",
  )[0];
  const plan = useWizardPlan(services, form, account, roles, pipelines, runIdRef.current);

  const go = (index: number) => {
    setPage(index);
    setReachable((r) => Math.max(r, index));
  };
  const cardRef = useRef<HTMLDivElement>(null);
  const [focusError, setFocusError] = useState(0);
  const next = () => {
    const invalid = firstInvalidPage(errors, page);
    if (invalid !== undefined) {
      setShowErrors((s) => new Set([...s, invalid]));
      setPage(invalid);
      setFocusError((n) => n + 1);
      return;
    }
    go(page + 1);
  };
  useFocusFirstInvalid(cardRef, focusError, page);

  const execute = async (target: ProvisioningRun, action: RunAction) => {
    if ((await executeRun(target, action)).status === "succeeded") go(pageIndex("result"));
  };

  const create = () => {
    if (!form || !plan) return next();
    // A later step already known to fail (the name is taken): nothing is created, the form goes back to the field.
    if (nameTaken || (hints.status === "ready" && hints.value.some((h) => h.blocks))) return next();
    // The plan the Review page showed is the run: it executes those steps, in that order.
    const started = services.startRun(plan, onChange);
    attach(started);
    go(pageIndex("run"));
    void execute(started, "start");
  };

  // Resuming an interrupted run: once signed in, show it on the Run page with Resume and Roll back.
  useEffect(() => {
    if (!resume || !account || run) return;
    try {
      attach(services.resumeRun(resume, onChange));
      go(pageIndex("run"));
    } catch {
      // Not signed in to the right cloud yet; the Sign in page stays.
    }
  }, [resume, account, run, services, onChange, attach]);

  const finish = () => {
    run?.dropSecret();
    onClose();
  };
  useEffect(() => () => run?.dropSecret(), [run]);

  const current = WIZARD_PAGES[page]!.id;
  const scope = draftScope(draft);
  const showNav = current !== "run" && current !== "result" && current !== "review";

  return (
    <div className="wizard flex-row rhythm-horizontal-16" ref={cardRef}>
      {/* Once a run exists, its inputs are fixed: the step list only shows where it is. */}
      <WizardSteps current={page} reachable={run || bulk.run ? -1 : reachable} onGo={go} />
      <Card className="wizard-card flex-grow" titleProps={{ text: WIZARD_PAGES[page]!.title, ariaLevel: 2 }}>
        <div className="flex-column rhythm-vertical-16 flex-grow">
          {resume && !run && (
            <p className="body-m">
              Sign in to resume or roll back the run started on {resume.createdAt.slice(0, 10)} for "{resume.form.connection.name}".
            </p>
          )}
          {current === "signIn" && (
            <SignInPage
              services={services}
              draft={draft}
              update={update}
              account={account}
              onAccountChange={setAccount}
              error={errorsOn(0).tenantId}
              {...(defaults.tenantId ? { defaultTenantId: defaults.tenantId } : {})}
            />
          )}
          {current === "scope" && directory && <ScopePage {...{ directory, draft, update, bulk }} error={errorsOn(1).scope} />}
          {current === "app" && directory && (
            <AppRegistrationPage directory={directory} draft={draft} update={update} error={errorsOn(2).appName} />
          )}
          {current === "secret" && <SecretPage draft={draft} update={update} now={now} errors={errorsOn(3)} />}
          {current === "role" && directory && scope && (
            <RolePage directory={directory} scope={armScope(scope)} draft={draft} update={update} error={errorsOn(4).role} />
          )}
          {current === "connection" && (
            <ConnectionPage
              draft={draft}
              update={update}
              pipelines={pipelines}
              reloadPipelines={reloadPipelines}
              allowAllPipelines={defaults.allowAllPipelines}
              errors={errorsOn(5)}
              {...(nameNote ? { nameNote } : {})}
            />
          )}
          {current === "review" && plan && form && !bulk.active && (
            <ReviewOrAsk
              requests={services.requests}
              onDone={finish}
              plan={planWithMlVerification(plan, form)}
              hints={hints}
              {...(form.scope.level === "AzureMLWorkspace"
                ? {
                    mlChoice: {
                      subscriptionName: form.scope.subscriptionName,
                      value: !draft.verify ? "saveWithout" : draft.mlVerification,
                      onChange: (choice) => update({ mlVerification: choice, verify: choice === "subscriptionReader" }),
                    },
                  }
                : {})}
              onCreate={create}
            />
          )}
          {bulk.active && (
            <BulkFlow {...{ services, bulk, plan, roles, go }} page={current} template={defaults.nameTemplate} onClose={finish} />
          )}
          {current === "run" && run && snapshot && (
            <RunOrAsk
              requests={services.requests}
              form={run.currentForm()}
              onDone={finish}
              snapshot={snapshot}
              now={() => services.now().getTime()}
              connectionName={run.currentForm().connection.name}
              onRetry={() => void execute(run, "retry")}
              onRollback={() => void execute(run, "rollback")}
              onCancel={() => run.cancel()}
              onClose={finish}
              onRename={(name) => {
                const problem = renameConnection(run, name);
                if (!problem) void execute(run, "retry");
                return problem;
              }}
              onShorterLifetime={(days) => {
                run.amend((f) => ({
                  ...f,
                  secret: { ...f.secret, endDateTime: new Date(services.now().getTime() + days * 86_400_000).toISOString() },
                }));
                void execute(run, "retry");
              }}
              onSignInAgain={() => {
                services.signIn(run.currentForm().cloudId).then(
                  () => void execute(run, "retry"),
                  (e: unknown) => setSnapshot((s) => s && { ...s, problem: describeError(e, { step: "Signing in again" }) }),
                );
              }}
            />
          )}
          {current === "result" && run && (
            <ResultPage
              summary={{
                connectionName: run.currentForm().connection.name,
                connectionUrl: services.connectionUrl(created.endpointId ?? ""),
                appId: created.appId ?? "",
                appUrl: services.appRegistrationUrl(run.currentForm().cloudId, created.appId ?? ""),
                roleName: run.currentForm().role.roleName,
                scopeDescription: describeScope(run.currentForm().scope),
                ...(created.secretEndDateTime ? { secretEndDateTime: created.secretEndDateTime } : {}),
                ...(run.currentForm().credential === "federation" ? { federation: true } : {}),
                created,
                // Verify reads the subscription: at a workspace it can pass only with Reader there too.
                verifiable: run.currentForm().scope.level !== "AzureMLWorkspace" || run.currentForm().verifyReaderAtSubscription === true,
              }}
              {...(run.currentForm().credential === "federation" ? {} : { revealSecret: () => run.revealSecret() })}
              verifyAgain={() => run.verifyAgain()}
              onRollback={() => {
                go(pageIndex("run"));
                void execute(run, "rollback");
              }}
              onDone={finish}
            />
          )}
          {showNav && (
            <div className="wizard-nav flex-row rhythm-horizontal-8">
              {page > 0 && <Button text="Back" onClick={() => setPage(page - 1)} />}
              <Button primary text="Next" onClick={next} disabled={current === "signIn" && !account} />
              <Button subtle text="Cancel" onClick={finish} />
            </div>
          )}
          {current === "review" && (
            <div className="wizard-nav flex-row rhythm-horizontal-8">
              <Button text="Back" onClick={() => setPage(page - 1)} />
            </div>
          )}
        </div>
      </Card>
    </div>
  );
}
