/**
 * The rows and columns of the guided form's fault matrix: each step's own route, and each fault as an injection into
 * the in-process world. A fault is either "persistent" (the service keeps failing until the test clears it, so the run
 * must stop and say so) or self-limiting (a burst of 429s, replication, an expired token, a claims challenge), which
 * the run may ride through.
 */
import { SEED } from "../../../emulator/model/seed";
import type { World } from "../../support/inProcessAzure";
import { claimsChallenge, DROPPED, notReplicatedYet, serviceFault, type Interceptor, type Route } from "./support/faultKit";

export interface StepRow {
  step: string;
  route: Route;
  /** How replication delay shows on this step, if it can: a model knob, or a 404 for the not-yet-replicated object. */
  replication?:
    | {
        knob:
          | "applicationToServicePrincipalCalls"
          | "principalToRoleAssignmentCalls"
          | "secretToTestConnectionCalls"
          | "federatedCredentialToTestConnectionCalls";
      }
    | { notFoundCalls: number };
}

export const PROVISIONING_STEPS: StepRow[] = [
  { step: "createApp", route: { service: "graph", method: "POST", path: /^\/v1\.0\/applications$/ } },
  { step: "addCoOwners", route: { service: "graph", method: "POST", path: /\/owners\/\$ref$/ }, replication: { notFoundCalls: 2 } },
  {
    step: "createServicePrincipal",
    route: { service: "graph", method: "POST", path: /^\/v1\.0\/servicePrincipals$/ },
    replication: { knob: "applicationToServicePrincipalCalls" },
  },
  { step: "addSecret", route: { service: "graph", method: "POST", path: /\/addPassword$/ }, replication: { notFoundCalls: 2 } },
  {
    step: "assignRole",
    route: { service: "arm", method: "PUT", path: /\/roleAssignments\// },
    replication: { knob: "principalToRoleAssignmentCalls" },
  },
  {
    step: "verify",
    route: { service: "devops", method: "POST", path: /\/serviceendpoint\/endpointproxy$/ },
    replication: { knob: "secretToTestConnectionCalls" },
  },
  { step: "createConnection", route: { service: "devops", method: "POST", path: /\/_apis\/serviceendpoint\/endpoints$/ } },
  { step: "markApp", route: { service: "graph", method: "PATCH", path: /^\/v1\.0\/applications\// }, replication: { notFoundCalls: 2 } },
  {
    step: "authorizePipelines",
    route: { service: "devops", method: "PATCH", path: /\/pipelinePermissions\// },
    replication: { notFoundCalls: 2 },
  },
];

export interface FaultContext {
  world: World;
  interceptor: Interceptor;
  row: StepRow;
  /** Presses Cancel on the run under test, as the Run page's Cancel button does (run.cancel()). */
  cancelRun: () => void;
}

export interface FaultColumn {
  id: string;
  title: string;
  /** Why a cell does not apply, when it does not. */
  notApplicable?: (row: StepRow) => string | undefined;
  inject(context: FaultContext): void;
  /** The fault keeps going until cleared: the run must stop at the step. */
  persistent: boolean;
  /**
   * A fault the run must ride through on its own: it ends succeeded and verified, with no click (no Retry, no sign-in
   * popup). Throttling, "unavailable", one 500 or one dropped connection on an idempotent call, replication. A
   * function when it depends on the step (a lost answer is ridden through on an idempotent call, and on a create only
   * when the object is found again by its marker).
   */
  transient?: boolean | ((row: StepRow) => boolean);
  /** A page close: the run is abandoned and a new one is built from the journal. */
  interruption?: boolean;
  /** A cancel by the person while the step's request is on its way. */
  cancel?: boolean;
  /** The fault hits every call under way (the clock jumps), so a step running beside this one may be the one to stop. */
  global?: boolean;
}

export const RETRY_AFTER_SECONDS = 7;

/** A call the client may send again after a 500 or a dropped connection without risking a second object. */
export const isIdempotent = (row: StepRow): boolean => row.route.method !== "POST";
const idempotentOnly = (row: StepRow) => (isIdempotent(row) ? undefined : "a POST is not sent twice after a 500 or a drop");

export const FAULTS: FaultColumn[] = [
  {
    id: "drop",
    title: "network drop",
    persistent: true,
    // The worst drop: the first request did its work and its answer was lost; after that nothing gets through.
    inject: ({ interceptor, row }) => {
      interceptor.add({ route: row.route, count: 1, after: () => DROPPED });
      interceptor.add({ route: row.route, count: Infinity, before: () => DROPPED });
    },
  },
  {
    id: "500",
    title: "500",
    persistent: true,
    inject: ({ interceptor, row }) =>
      interceptor.add({ route: row.route, count: Infinity, before: () => serviceFault(row.route.service, 500) }),
  },
  {
    id: "429",
    title: `429 Retry-After ${RETRY_AFTER_SECONDS}s ×2`,
    persistent: false,
    transient: true,
    inject: ({ interceptor, row }) =>
      interceptor.add({ route: row.route, count: 2, before: () => serviceFault(row.route.service, 429, RETRY_AFTER_SECONDS) }),
  },
  {
    id: "408",
    title: "408 after acting",
    persistent: true,
    // A timeout is not a refusal: the service may have done the work before it gave up answering. Here it did, then
    // kept timing out; a rollback must still look for (and remove) what the first request made.
    inject: ({ interceptor, row }) => {
      interceptor.add({ route: row.route, count: 1, after: () => serviceFault(row.route.service, 408) });
      interceptor.add({ route: row.route, count: Infinity, before: () => serviceFault(row.route.service, 408) });
    },
  },
  {
    id: "403",
    title: "403",
    persistent: true,
    inject: ({ interceptor, row }) =>
      interceptor.add({ route: row.route, count: Infinity, before: () => serviceFault(row.route.service, 403) }),
  },
  {
    id: "503",
    title: "503 once",
    persistent: false,
    transient: true,
    inject: ({ interceptor, row }) => interceptor.add({ route: row.route, count: 1, before: () => serviceFault(row.route.service, 503) }),
  },
  {
    id: "500-once",
    title: "500 once",
    persistent: false,
    transient: true,
    notApplicable: idempotentOnly,
    inject: ({ interceptor, row }) => interceptor.add({ route: row.route, count: 1, before: () => serviceFault(row.route.service, 500) }),
  },
  {
    id: "drop-once",
    title: "one dropped connection",
    persistent: false,
    transient: true,
    notApplicable: idempotentOnly,
    // The connection drops before the request reaches the service; the next attempt gets through.
    inject: ({ interceptor, row }) => interceptor.add({ route: row.route, count: 1, before: () => DROPPED }),
  },
  {
    id: "lost-once",
    title: "answer lost once",
    persistent: false,
    // The service acted and the answer was lost; the next request gets through. An idempotent call is simply sent
    // again. A create looks for what it made by the run's marker: found, the run goes on; not found within the
    // replication window, the run stops, and Retry finds it (never a second object).
    transient: isIdempotent,
    inject: ({ interceptor, row }) => interceptor.add({ route: row.route, count: 1, after: () => DROPPED }),
  },
  {
    id: "replication",
    title: "replication delay",
    persistent: false,
    transient: true,
    notApplicable: (row) => (row.replication ? undefined : "nothing new to wait for"),
    inject: ({ world, interceptor, row }) => {
      const replication = row.replication!;
      if ("knob" in replication) {
        world.model.knobs.consistency[replication.knob] = 3;
        // Verify also waits for the new role to take effect.
        if (replication.knob === "secretToTestConnectionCalls" || replication.knob === "federatedCredentialToTestConnectionCalls")
          world.model.knobs.consistency.roleAssignmentToTestConnectionCalls = 3;
      } else {
        interceptor.add({ route: row.route, count: replication.notFoundCalls, before: () => notReplicatedYet(row.route.service) });
      }
    },
  },
  {
    id: "expiry",
    title: "token expiry",
    persistent: false,
    global: true,
    // The cached token was valid when sent and has expired when the service reads it: an hour and a minute pass.
    inject: ({ world, interceptor, row }) =>
      interceptor.add({
        route: row.route,
        count: 1,
        before: () => {
          world.model.clock.advance(3_660_000);
          return undefined;
        },
      }),
  },
  {
    id: "mfa",
    title: "MFA claims challenge",
    persistent: false,
    notApplicable: (row) => (row.route.service === "devops" ? "Azure DevOps tokens come from the host" : undefined),
    inject: ({ world, interceptor, row }) => {
      if (row.route.service === "arm") {
        // The tenant requires MFA for ARM writes and the person signed in without it (ROUTES.md, MFA for writes).
        world.model.state.tenants.find((t) => t.id === SEED.tenantId)!.requireMfaForArmWrites = true;
        world.model.state.users.find((u) => u.id === SEED.users.admin)!.mfa = false;
      } else {
        // Conditional Access through continuous access evaluation: Graph challenges the token once.
        interceptor.add({ route: row.route, count: 1, before: () => claimsChallenge("graph") });
      }
    },
  },
  {
    id: "interruption",
    title: "interruption (page closed)",
    persistent: false,
    interruption: true,
    // The page closes while the step's request is on its way: the service acts, the answer never comes, nothing else
    // gets through and journal writes under way are lost. Every call takes a millisecond, so the journal lags a little.
    inject: ({ world, interceptor, row }) => {
      world.model.knobs.latencyMs = { graph: 1, arm: 1, devops: 1 };
      interceptor.add({ route: row.route, count: 1, after: () => (interceptor.closePage(), "hang") });
    },
  },
  {
    id: "cancel",
    title: "cancel mid-step",
    persistent: false,
    cancel: true,
    inject: ({ interceptor, row, cancelRun }) =>
      interceptor.add({
        route: row.route,
        count: 1,
        before: () => {
          cancelRun();
          return undefined;
        },
      }),
  },
];
