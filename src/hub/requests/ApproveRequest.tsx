import { Button } from "azure-devops-ui/Button";
import { Checkbox } from "azure-devops-ui/Checkbox";
import { Link } from "azure-devops-ui/Link";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { useMemo, useRef, useState } from "react";
import { describeError } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";
import type { SignedInAccount } from "../../workflows/hub/hubTypes";
import type { HubServices } from "../../workflows/hub/hubServices";
import { newDraft } from "../../workflows/provisioning/draft";
import type { RoleChoice } from "../../workflows/provisioning/form";
import type { ProvisioningRun } from "../../workflows/provisioning/provisioningRun";
import { confirmRole } from "../../workflows/provisioning/roleRisk";
import { renameConnection } from "../../workflows/provisioning/rename";
import { armScope } from "../../workflows/provisioning/scope";
import type { ConnectionRequest } from "../../workflows/requests/requestDocument";
import { formOfRequest } from "../../workflows/requests/requests";
import type { RequestReviewServices } from "../../workflows/requests/requestServices";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync } from "../common/useAsync";
import { ReviewPage } from "../wizard/pages/ReviewPage";
import { RolePage } from "../wizard/pages/RolePage";
import { RunPage } from "../wizard/pages/RunPage";
import { planWithMlVerification } from "../wizard/mlVerification";
import { useWizardPlan } from "../wizard/useWizardPlan";
import { useWizardRun, type RunAction } from "../wizard/useWizardRun";

/**
 * Approve and create: the administrator signs in, may change the role, sees the same Review page as the guided form
 * (the plan, least-privilege warnings, the checks done as themselves) and runs the same flow with their own rights in
 * the requester's project. Only a run that succeeded marks the request approved.
 */
export function ApproveRequest({
  hub,
  request,
  reviews,
  onApproved,
}: {
  hub: HubServices;
  request: ConnectionRequest;
  reviews: RequestReviewServices;
  onApproved: (approved: ConnectionRequest) => void;
}) {
  const asked = request.asked;
  const [account, setAccount] = useState<SignedInAccount | undefined>(() => hub.account());
  const [signInProblem, setSignInProblem] = useState<Problem>();
  const [role, setRole] = useState<RoleChoice>(asked.role);
  const [startedAt] = useState(() => hub.now().getTime());
  const runId = useRef(hub.newRunId()).current;
  const [keepCoOwners, setKeepCoOwners] = useState(true);
  const form = useMemo(
    () => formOfRequest(keepCoOwners ? asked : { ...asked, app: { ...asked.app, coOwnerIds: [] } }, role, startedAt),
    [asked, role, startedAt, keepCoOwners],
  );
  const directory = account ? hub.directory(asked.cloudId, asked.tenantId) : undefined;
  const scope = armScope(asked.scope);
  const [roles] = useAsync(directory ? () => directory.roles(scope) : undefined, `${scope}|${Boolean(directory)}`, "Listing the roles");
  const [pipelines] = useAsync(() => hub.listPipelines(), "pipelines", "Listing the project's pipelines");
  // The role asked for, named by ARM's definition for its id (the name in the request is whatever its writer put there).
  const askedRoleName = confirmRole(asked.role, roles.status === "ready" ? roles.value : undefined).roleName;
  const plan = useWizardPlan(hub, form, account, roles, pipelines, runId);
  const [hints] = useAsync(account ? () => hub.reviewChecks(form) : undefined, account ? JSON.stringify(form) : "", "Checking");
  const { run, snapshot, setSnapshot, created, attach, onChange, execute: executeRun } = useWizardRun();
  const [approval, setApproval] = useState<{ problem: Problem } | { done: ConnectionRequest }>();

  const signIn = () => {
    setSignInProblem(undefined);
    hub.signIn(asked.cloudId).then(setAccount, (error: unknown) => setSignInProblem(describeError(error, { step: "Signing in" })));
  };
  const recordApproval = (endpointId: string, assigned: RoleChoice) => {
    reviews.approve(request.id, endpointId, assigned).then(
      (done) => {
        setApproval({ done });
        onApproved(done);
      },
      (error: unknown) => setApproval({ problem: describeError(error, { step: "Marking the request approved" }) }),
    );
  };
  const execute = async (target: ProvisioningRun, action: RunAction) => {
    const result = await executeRun(target, action);
    if (result.status === "succeeded" && target.created.endpointId) recordApproval(target.created.endpointId, target.currentForm().role);
  };
  const create = () => {
    if (!plan || (hints.status === "ready" && hints.value.some((h) => h.blocks))) return;
    const started = hub.startRun(plan, onChange);
    attach(started);
    void execute(started, "start");
  };

  if (!account) {
    return (
      <div className="flex-column rhythm-vertical-8">
        <p className="body-m">
          Sign in to Microsoft Entra ID to see the plan and the checks as yourself: the connection is created with your rights.
        </p>
        {signInProblem && <InlineProblem problem={signInProblem} />}
        <div>
          <Button primary text="Sign in to Microsoft Entra ID" onClick={signIn} />
        </div>
      </div>
    );
  }
  if (run && snapshot) {
    return (
      <div className="flex-column rhythm-vertical-16">
        <RunPage
          snapshot={snapshot}
          now={() => hub.now().getTime()}
          connectionName={run.currentForm().connection.name}
          onRetry={() => void execute(run, "retry")}
          onRollback={() => void execute(run, "rollback")}
          onCancel={() => run.cancel()}
          onRename={(name) => {
            const problem = renameConnection(run, name);
            if (!problem) void execute(run, "retry");
            return problem;
          }}
          onShorterLifetime={(days) => {
            run.amend((f) => ({
              ...f,
              secret: { ...f.secret, endDateTime: new Date(hub.now().getTime() + days * 86_400_000).toISOString() },
            }));
            void execute(run, "retry");
          }}
          onSignInAgain={() =>
            hub.signIn(asked.cloudId).then(
              () => void execute(run, "retry"),
              (e: unknown) => setSnapshot((s) => s && { ...s, problem: describeError(e, { step: "Signing in again" }) }),
            )
          }
        />
        {approval && "problem" in approval && (
          <InlineProblem
            problem={approval.problem}
            note="The connection was created; only the request's status was not saved."
            onRetry={() => created.endpointId && recordApproval(created.endpointId, run.currentForm().role)}
          />
        )}
        {approval && "done" in approval && created.endpointId && (
          <MessageCard severity={MessageCardSeverity.Info}>
            <span data-testid="request-approved">
              Created{" "}
              <Link href={hub.connectionUrl(created.endpointId)} target="_blank" rel="noopener noreferrer">
                {run.currentForm().connection.name}
              </Link>{" "}
              in {hub.session.project.name} and marked the request approved; {request.requestedBy.displayName} sees it on their next visit.
            </span>
          </MessageCard>
        )}
      </div>
    );
  }
  return (
    <div className="flex-column rhythm-vertical-16">
      <p className="body-m" data-testid="signed-in">
        Signed in as <strong>{account.name}</strong> ({account.username}): the plan and the checks below are yours, and the run uses your
        rights in {hub.session.project.name}.
      </p>
      <RolePage
        directory={directory!}
        scope={scope}
        draft={{ ...newDraft(asked.cloudId, asked.tenantId), role }}
        update={(change) => change.role && setRole(change.role)}
      />
      {role.id !== asked.role.id && (
        <p className="body-s" data-testid="role-change-note">
          You changed the role from {askedRoleName} (asked for) to {role.roleName}.{" "}
          <span>The change is recorded on the request and shown to {request.requestedBy.displayName}.</span>
        </p>
      )}
      {asked.app.coOwnerIds.length > 0 && (
        <MessageCard severity={MessageCardSeverity.Warning}>
          <div className="flex-column rhythm-vertical-8">
            <span data-testid="co-owners">
              The request makes {asked.app.coOwnerIds.length} other account(s) owners of the app (object IDs{" "}
              {asked.app.coOwnerIds.join(", ")}). Owners can add secrets to the app, and so act with its role: keep them only if they
              should.
            </span>
            <Checkbox
              label="Make these accounts owners of the app too"
              checked={keepCoOwners}
              onChange={(_e, checked) => setKeepCoOwners(checked)}
            />
          </div>
        </MessageCard>
      )}
      {plan && <ReviewPage plan={planWithMlVerification(plan, form)} hints={hints} onCreate={create} createText="Approve and create" />}
    </div>
  );
}
