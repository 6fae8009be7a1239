import type { ServiceConnection } from "../../clients/devops/devopsTypes";
import type { Cloud } from "../../platform/clouds";
import type { Clock } from "../../platform/clock";
import type { RetryPolicy } from "../../platform/retry";
import type { StepDefinition, StepReporter } from "../engine/workflowTypes";
import { addAppOwners, appRegistrationLink, ensureApp, recordConnectionOnApp, removeApp } from "../resources/appRegistration";
import { ensureSecret } from "../resources/clientSecret";
import { verifyDetailsWithin } from "../resources/connectionVerification";
import type { Wait } from "../resources/resourceKit";
import { plannedRoleAssignment } from "../resources/roleAssignment";
import { connectionLink } from "../resources/serviceConnection";
import { ensureServicePrincipal } from "../resources/servicePrincipal";
import { noteOutcome, pipelinePermissionStep, roleAssignmentStep, serviceConnectionStep } from "../steps/connectionSteps";
import { federationStepImplementations } from "./federationSteps";
import { credentialOf, READER, type ProvisioningContext, type ProvisioningForm } from "./form";
import type { CreatedObjects } from "./journal";
import { appNotes, appTags } from "./markers";
import { wantsVerifyReader, type PlannedStep, type ProvisioningStepId } from "./planSteps";
import type { ProvisioningPorts } from "./ports";

/** What the steps read and write of their run: the form (amendable between retries), the ids made, the secret. */
export interface ProvisioningRunState {
  runId: string;
  form(): ProvisioningForm;
  context: ProvisioningContext;
  cloud: Cloud;
  ports: ProvisioningPorts;
  created: CreatedObjects;
  secret: { text?: string };
  /** True the first time a step runs in a fresh run: nothing of it can exist yet. */
  firstAttempt(stepId: string): boolean;
  tried(stepId: string): boolean;
  save(): void;
  connectionBody(): ServiceConnection;
  policies: { replication: RetryPolicy; verify: RetryPolicy };
}

/** The implementation of each planned step over the resource modules; the plan decides which run, in which order. */
export function provisioningSteps(planned: readonly PlannedStep[], run: ProvisioningRunState): StepDefinition[] {
  const implementations = stepImplementations(run);
  return planned.map((step) => ({ ...implementations[step.id], id: step.id, title: step.title, dependsOn: [...step.dependsOn] }));
}

export type Implementation = Omit<StepDefinition, "id" | "title" | "dependsOn">;

function stepImplementations(run: ProvisioningRunState): Record<ProvisioningStepId, Implementation> {
  const { graph, arm, connections, pipelinePermissions, clock } = run.ports;
  const { created } = run;
  const wait = (policy: RetryPolicy, reporter?: StepReporter): Wait => waitWith(clock, policy, reporter);
  const app = () => {
    if (!created.appObjectId || !created.appId) throw new Error("The app registration is not known yet.");
    return { id: created.appObjectId, appId: created.appId, tags: created.appTags ?? [] };
  };
  const role = roleAssignmentStep({
    // Title and dependencies come from the plan (provisioningSteps), like every other step's.
    title: `Assign ${run.form().role.roleName} at the scope`,
    dependsOn: ["createServicePrincipal"],
    arm: () => arm,
    cloud: run.cloud,
    wait: (reporter) => wait(run.policies.replication, reporter),
    record: created,
    principalId: async () => created.servicePrincipalId!,
    // Named from the run rather than the principal: the name is then known from the run's first journal write, so a
    // rollback after a closed tab can always delete it, and no write has to wait before the PUT.
    planned: () => plannedRoleAssignment(run.form().scope, run.runId, run.form().role),
    roleName: () => run.form().role.roleName,
    saved: run.save,
  });
  // Reader at the workspace's subscription for Verify: the same step as assignRole (replication wait, a name recomputed
  // from the run as ownership proof on undo), its own record in the journal.
  const verifyReader = roleAssignmentStep({
    title: "Assign Reader at the subscription (for Verify)",
    dependsOn: ["createServicePrincipal"],
    arm: () => arm,
    cloud: run.cloud,
    wait: (reporter) => wait(run.policies.replication, reporter),
    record: (created.verifyReader ??= {}),
    principalId: async () => created.servicePrincipalId!,
    planned: () => verifyReaderAssignment(run.runId, run.form()),
    roleName: () => READER.roleName,
    saved: run.save,
  });
  const connection = serviceConnectionStep({
    connections,
    projectId: () => run.context.project.id,
    dependsOn: [],
    appId: () => created.appId,
    body: () => run.connectionBody(),
    name: () => run.form().connection.name,
    record: created,
    firstAttempt: () => run.firstAttempt("createConnection"),
    tried: () => run.tried("createConnection"),
    link: () => connectionLink(run.context.organization, run.context.project.name),
    saved: run.save,
  });
  const federation = federationStepImplementations(
    run,
    (reporter) => wait(run.policies.replication, reporter),
    (reporter) => wait(run.policies.verify, reporter),
  );
  const federated = credentialOf(run.form()) === "federation";
  return {
    addFederatedCredential: federation.addFederatedCredential,
    createApp: {
      errorStep: "Creating the app registration",
      run: async () => {
        if (created.appObjectId) return;
        const form = run.form();
        const made = await ensureApp(
          graph,
          {
            runId: run.runId,
            displayName: form.app.displayName,
            signInAudience: form.app.signInAudience,
            notes: appNotes(run.context.organization, run.context.project.name, form.connection.name),
            tags: appTags(run.runId, run.context.organization, run.context.project.id),
          },
          // An earlier attempt may have created it and lost the answer: it is found by the run's tag.
          !run.firstAttempt("createApp"),
        );
        Object.assign(created, { appObjectId: made.id, appId: made.appId, appTags: made.tags });
        run.save();
      },
      undo: async (reporter) => {
        if (created.appObjectId || run.tried("createApp"))
          noteOutcome(reporter, await removeApp(graph, run.runId, created.appId, run.cloud));
        // Deleting the app removes its service principal and secrets with it. While a connection whose delete failed in
        // this rollback is still there, the client id is kept: it proves the connection the run's on the next rollback.
        delete created.appObjectId;
        if (!created.endpointId) delete created.appId;
        delete created.servicePrincipalId;
        delete created.secretKeyId;
        run.secret.text = undefined;
      },
      undoTarget: () => ({
        object: "The app registration",
        ...(created.appId ? { link: appRegistrationLink(run.cloud, created.appId) } : {}),
      }),
    },
    addCoOwners: {
      errorStep: "Adding the co-owners",
      enabled: () => run.form().app.coOwnerIds.length > 0,
      run: (reporter) => addAppOwners(graph, wait(run.policies.replication, reporter), app().id, run.form().app.coOwnerIds),
    },
    createServicePrincipal: {
      errorStep: "Creating the service principal",
      run: async (reporter) => {
        if (created.servicePrincipalId) return;
        const mayExist = !run.firstAttempt("createServicePrincipal");
        created.servicePrincipalId = (
          await ensureServicePrincipal(graph, wait(run.policies.replication, reporter), app().appId, mayExist)
        ).id;
        run.save();
      },
    },
    addSecret: {
      errorStep: "Adding the client secret",
      run: async (reporter) => {
        if (created.secretKeyId && run.secret.text) return;
        const form = run.form();
        // After a resume or a lost answer an earlier secret of this run is not in memory: it can never be used, so it
        // must not linger. It carries the run's marker.
        const sweep = run.firstAttempt("addSecret") ? undefined : { keep: new Set<string>() };
        const spec = {
          appObjectId: app().id,
          appId: app().appId,
          description: form.secret.description,
          marker: run.runId,
          endDateTime: form.secret.endDateTime,
        };
        const password = await ensureSecret(graph, wait(run.policies.replication, reporter), spec, sweep);
        run.secret.text = password.secretText;
        created.secretKeyId = password.keyId;
        created.secretEndDateTime = password.endDateTime;
        run.save();
      },
    },
    assignRole: role,
    assignVerifyReader: { ...verifyReader, errorStep: "Assigning Reader at the subscription (for Verify)" },
    verify: federated
      ? federation.verify
      : {
          errorStep: "Verifying the connection",
          enabled: () => run.form().connection.verify && !created.endpointId,
          run: async (reporter) => {
            const form = run.form();
            const verdict = await verifyDetailsWithin(
              connections,
              wait(run.policies.verify, reporter),
              run.context.project.id,
              run.connectionBody(),
              (error) =>
                form.scope.level === "AzureMLWorkspace" && !wantsVerifyReader(form) && isAuthorizationFailure(error.message)
                  ? undefined
                  : "Azure has not yet accepted the new secret or role",
            );
            // A new secret or role can take longer than we wait: keep going and save it as "not yet verified".
            created.verified = verdict.ok;
            if (verdict.ok) delete created.verifyMessage;
            else created.verifyMessage = verdict.message;
            reporter.note(verdict.ok ? "Verified" : "Not yet verified");
            run.save();
          },
        },
    createConnection: connection,
    markApp: {
      errorStep: "Recording the connection on the app registration",
      run: async (reporter) => {
        // The app's markers name the connection it serves, for every colleague's inventory; the notes are rewritten
        // too, since the connection may have been renamed after a name clash.
        const notes = appNotes(run.context.organization, run.context.project.name, run.form().connection.name);
        const tags = await recordConnectionOnApp(graph, wait(run.policies.replication, reporter), app(), created.endpointId!, notes);
        if (tags.length !== (created.appTags ?? []).length) {
          created.appTags = tags;
          run.save();
        }
      },
    },
    authorizePipelines: pipelinePermissionStep(
      pipelinePermissions,
      () => run.context.project.id,
      () => created.endpointId!,
      () => run.form().connection,
      (reporter) => wait(run.policies.replication, reporter),
    ),
  };
}

/** The Reader assignment at the workspace's subscription, named from the run, the subscription and Reader. */
function verifyReaderAssignment(runId: string, form: ProvisioningForm) {
  if (form.scope.level !== "AzureMLWorkspace") return undefined;
  const subscription = {
    level: "Subscription" as const,
    subscriptionId: form.scope.subscriptionId,
    subscriptionName: form.scope.subscriptionName,
  };
  return plannedRoleAssignment(subscription, runId, READER);
}

function waitWith(clock: Clock, policy: RetryPolicy, reporter: StepReporter | undefined): Wait {
  return { clock, policy, ...(reporter ? { reporter } : {}) };
}

/**
 * Verify was refused for want of a role. At a Machine Learning workspace Verify reads the subscription, which the role
 * this run assigns (at the workspace) never grants to the new principal: unless the run also assigns Reader at the
 * subscription, waiting cannot help, so the run saves the connection as "not yet verified" at once.
 */
function isAuthorizationFailure(message: string): boolean {
  return /AuthorizationFailed|does not have authorization to perform action/i.test(message);
}
