import type { ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import { ProblemError } from "../../platform/problem";
import type { StepReporter } from "../engine/workflowTypes";
import { isFederationNotYetAccepted, verifySavedWithin, type VerifyVerdict } from "../resources/connectionVerification";
import {
  ensureFederatedCredential,
  federatedCredentialDescription,
  federatedCredentialName,
  findOwnFederatedCredential,
  removeFederatedCredential,
} from "../resources/federatedCredential";
import type { Wait } from "../resources/resourceKit";
import { readConnection, reportedFederation } from "../resources/serviceConnection";
import { noteOutcome } from "../steps/connectionSteps";
import { wantsVerifyReader } from "./planSteps";
import type { Implementation, ProvisioningRunState } from "./provisioningSteps";

/**
 * The steps only the federation path takes: the app is made to trust the issuer and subject Azure DevOps reported for
 * the connection just created, then the saved connection is verified, waiting out Entra's replication of the new
 * credential (and ARM's of the new role). No secret exists on this path.
 */
export function federationStepImplementations(
  run: ProvisioningRunState,
  wait: (reporter?: StepReporter) => Wait,
  verifyWait: (reporter: StepReporter) => Wait,
): { addFederatedCredential: Implementation; verify: Implementation } {
  const { graph, connections } = run.ports;
  const { created } = run;
  const appObjectId = () => {
    if (!created.appObjectId) throw new Error("The app registration is not known yet.");
    return created.appObjectId;
  };
  return {
    addFederatedCredential: {
      errorStep: "Adding the federated credential",
      run: async (reporter) => {
        if (created.federatedCredentialId) return;
        const form = run.form();
        // Azure DevOps says which issuer and subject it presents (two formats exist); they are read, never built, and read
        // again after a resume rather than taken from the journal.
        const saved = await readConnection(connections, run.context.project.id, created.endpointId!, form.connection.name);
        const reported = reportedFederation(saved);
        if (!reported) {
          throw new ProblemError({
            title: "Azure DevOps did not report the federation issuer and subject.",
            detail: `The connection "${form.connection.name}" was saved, but without them the app cannot be told which tokens to trust.`,
            action: "Choose Roll back to remove what this run created, then try again or choose a client secret.",
          });
        }
        Object.assign(created, reported);
        run.save();
        const spec = {
          name: federatedCredentialName(created.endpointId!),
          issuer: reported.issuer,
          subject: reported.subject,
          description: federatedCredentialDescription(run.context.organization, run.context.project.name, form.connection.name),
        };
        const made = await ensureFederatedCredential(graph, wait(reporter), appObjectId(), spec);
        created.federatedCredentialId = made.id;
        if (made.existed) created.federatedCredentialExisted = true;
        run.save();
      },
      undo: async (reporter) => {
        // The app's own delete (rolled back after this) takes its credentials too; removing it first keeps a rollback
        // that cannot delete the app from leaving a trust behind.
        const id =
          created.federatedCredentialId ??
          (created.appObjectId && created.issuer && created.subject && run.tried("addFederatedCredential")
            ? await findOwnFederatedCredential(graph, created.appObjectId, { issuer: created.issuer, subject: created.subject })
            : undefined);
        if (id && created.appObjectId && !created.federatedCredentialExisted)
          noteOutcome(reporter, await removeFederatedCredential(graph, created.appObjectId, id));
        delete created.federatedCredentialId;
        delete created.federatedCredentialExisted;
      },
    },
    verify: {
      errorStep: "Verifying the federated connection",
      enabled: () => run.form().connection.verify,
      run: async (reporter) => {
        const form = run.form();
        // At a Machine Learning workspace without Reader on its subscription, Verify can never read the subscription:
        // saved as "not yet verified" at once, as on the secret path.
        const scopeFinal = form.scope.level === "AzureMLWorkspace" && !wantsVerifyReader(form);
        const verdict = await verifyFederated(
          connections,
          verifyWait(reporter),
          { projectId: run.context.project.id, endpointId: created.endpointId! },
          { scopeFinal, roleReplicating: true },
        );
        created.verified = verdict.kind === "ok";
        if (verdict.kind === "ok") delete created.verifyMessage;
        else created.verifyMessage = verdict.message;
        run.save();
        reporter.note(verdict.kind === "ok" ? "Verified" : "Not yet verified");
      },
    },
  };
}

/**
 * Verifies a saved federated connection, waiting while Entra replicates the new credential (and ARM the new role, when
 * `roleReplicating`). Answers "ok", or a scope refusal that is final (`scopeFinal`: a Machine Learning workspace
 * without Reader on its subscription); any other refusal after the bounded wait stops the run with what to do.
 */
export async function verifyFederated(
  connections: Pick<ServiceConnectionsClient, "verify">,
  wait: Wait,
  at: { projectId: string; endpointId: string },
  o: { scopeFinal: boolean; roleReplicating: boolean },
): Promise<VerifyVerdict> {
  const stillReplicating = (verdict: VerifyVerdict) => {
    if (isFederationNotYetAccepted(verdict)) return "Azure has not yet accepted the federated credential";
    if (verdict.kind === "scopeRefused" && !o.scopeFinal && o.roleReplicating) return "Azure has not yet accepted the new role";
    return undefined;
  };
  const verdict = await verifySavedWithin(connections, wait, at, stillReplicating);
  if (verdict.kind === "ok" || (o.scopeFinal && verdict.kind === "scopeRefused")) return verdict;
  throw new ProblemError({
    title: "Azure did not accept the federated connection.",
    detail: verdict.message,
    action:
      "Entra can take a few minutes to trust a new federated credential: choose Retry in a minute. Or choose Roll back to " +
      "remove everything this run created.",
  });
}
