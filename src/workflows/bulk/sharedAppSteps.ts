import type { ServiceConnection } from "../../clients/devops/devopsTypes";
import type { Cloud } from "../../platform/clouds";
import type { RetryPolicy } from "../../platform/retry";
import type { StepDefinition } from "../engine/workflowTypes";
import { recordConnectionsOnApp } from "../resources/appRegistration";
import type { ProvisioningContext, ProvisioningForm } from "../provisioning/form";
import type { CreatedObjects } from "../provisioning/journal";
import { sharedAppNotes } from "../provisioning/markers";
import { planSteps, type ProvisioningStepId } from "../provisioning/planSteps";
import type { ProvisioningPorts } from "../provisioning/ports";
import { provisioningSteps, type ProvisioningRunState } from "../provisioning/provisioningSteps";
import { describeScope } from "../provisioning/scope";

/** Made once for the whole run: the app, its co-owners, its principal, the one secret every connection uses (none with federation). */
const SHARED_STEPS: readonly ProvisioningStepId[] = ["createApp", "addCoOwners", "createServicePrincipal", "addSecret"];
/** Made once per scope, as a single run makes them; with federation each connection's own federated credential too. */
const SCOPE_STEPS: readonly ProvisioningStepId[] = [
  "assignRole",
  "verify",
  "createConnection",
  "addFederatedCredential",
  "authorizePipelines",
];

/** The id of a scope's step in the shared run: "assignRole#2" is the role assignment at the third scope. */
export function scopeStepId(id: string, index: number): string {
  return `${id}#${index}`;
}

/** The scope a step id belongs to; undefined for the steps shared by every scope. */
export function scopeOfStep(id: string): number | undefined {
  const match = /#(\d+)$/.exec(id);
  return match ? Number(match[1]) : undefined;
}

/** What the shared run made: the app's ids once, and each scope's role assignment and connection. */
export interface SharedAppCreated {
  app: CreatedObjects;
  scopes: CreatedObjects[];
}

/**
 * A scope's record: its own role assignment and connection, reading the app's ids through the prototype. The single
 * run's step implementations read `created.appId` and write `created.endpointId` on one object; so they do here, and
 * the record's own keys (what the journal keeps per scope) are the scope's alone.
 */
export function scopeRecord(app: CreatedObjects, own: CreatedObjects = {}): CreatedObjects {
  return Object.assign(Object.create(app) as CreatedObjects, own);
}

/** What the steps read and write of their run. */
export interface SharedAppState {
  runId: string;
  /** Each scope's form: the shared fields the same, the scope and connection name its own. */
  forms: readonly ProvisioningForm[];
  context: ProvisioningContext;
  cloud: Cloud;
  ports: ProvisioningPorts;
  created: SharedAppCreated;
  secret: { text?: string };
  /** By the shared run's step id ("createConnection#2"). */
  firstAttempt(stepId: string): boolean;
  tried(stepId: string): boolean;
  save(): void;
  connectionBody(index: number): ServiceConnection;
  policies: { replication: RetryPolicy; verify: RetryPolicy };
}

/**
 * One app with a role at each scope and one connection per scope, as one step list: the single run's step
 * implementations (provisioningSteps), the shared ones once, the scope ones once per scope under ids like
 * "createConnection#2", and the app's marker at the end naming every connection made.
 */
export function sharedAppSteps(state: SharedAppState): StepDefinition[] {
  const first = state.forms[0];
  if (!first) throw new RangeError("A shared app run needs at least one scope.");
  const shared = provisioningSteps(
    planSteps(first).filter((step) => SHARED_STEPS.includes(step.id)),
    runStateFor(
      state,
      () => first,
      state.created.app,
      (id) => id,
      () => {
        throw new Error("The shared steps make no connection.");
      },
    ),
  );
  const scopes = state.forms.flatMap((form, index) => scopeSteps(state, form, index));
  return [...shared.map((step) => (step.id === "createApp" ? keepingClientId(state, step) : step)), ...scopes, markApp(state)];
}

/**
 * The app's undo forgets its client id unless a connection is left; here the connections are the scopes', so while a
 * connection whose delete failed is still there the id is kept: it proves the connection the run's on the next rollback.
 */
function keepingClientId(state: SharedAppState, step: StepDefinition): StepDefinition {
  const undo = step.undo!;
  return {
    ...step,
    undo: async (reporter) => {
      const appId = state.created.app.appId;
      await undo(reporter);
      if (appId && state.created.scopes.some((scope) => Object.hasOwn(scope, "endpointId"))) state.created.app.appId = appId;
    },
  };
}

function scopeSteps(state: SharedAppState, form: ProvisioningForm, index: number): StepDefinition[] {
  // A Reader assignment at a workspace's subscription would be one for every workspace of it: not offered here.
  const scopeForm: ProvisioningForm = { ...form };
  delete scopeForm.verifyReaderAtSubscription;
  const rename = (id: string) => (SCOPE_STEPS.includes(id as ProvisioningStepId) ? scopeStepId(id, index) : id);
  const record = (state.created.scopes[index] ??= scopeRecord(state.created.app));
  const steps = provisioningSteps(
    planSteps(scopeForm).filter((step) => SCOPE_STEPS.includes(step.id)),
    runStateFor(
      state,
      () => scopeForm,
      record,
      rename,
      () => state.connectionBody(index),
    ),
  );
  return steps.map((step) => ({
    ...step,
    id: rename(step.id),
    title: `${step.title} (${describeScope(form.scope)})`,
    dependsOn: step.dependsOn.map(rename),
  }));
}

function runStateFor(
  state: SharedAppState,
  form: () => ProvisioningForm,
  created: CreatedObjects,
  rename: (id: string) => string,
  connectionBody: () => ServiceConnection,
): ProvisioningRunState {
  return {
    runId: state.runId,
    form,
    context: state.context,
    cloud: state.cloud,
    ports: state.ports,
    created,
    secret: state.secret,
    firstAttempt: (id) => state.firstAttempt(rename(id)),
    tried: (id) => state.tried(rename(id)),
    save: state.save,
    connectionBody,
    policies: state.policies,
  };
}

/** Records every connection made on the app, in one write; a scope rolled back has none to record. */
function markApp(state: SharedAppState): StepDefinition {
  const { app } = state.created;
  const made = () => state.created.scopes.flatMap((scope, index) => (scope.endpointId ? [{ id: scope.endpointId, index }] : []));
  return {
    id: "markApp",
    title: "Record the connections on the app registration",
    errorStep: "Recording the connections on the app registration",
    dependsOn: state.forms.map((_, index) => scopeStepId("createConnection", index)),
    enabled: () => made().length > 0 && Boolean(app.appObjectId),
    run: async (reporter) => {
      const names = made().map(({ index }) => state.forms[index]!.connection.name);
      const notes = sharedAppNotes(state.context.organization, state.context.project.name, names);
      const ref = { id: app.appObjectId!, appId: app.appId!, tags: app.appTags ?? [] };
      const wait = { clock: state.ports.clock, policy: state.policies.replication, reporter };
      const tags = await recordConnectionsOnApp(
        state.ports.graph,
        wait,
        ref,
        made().map(({ id }) => id),
        notes,
      );
      if (tags.length !== ref.tags.length) {
        app.appTags = tags;
        state.save();
      }
    },
  };
}
