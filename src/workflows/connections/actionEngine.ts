import type { DocumentStore } from "../../clients/devops/devopsTypes";
import type { RetryPolicy } from "../../platform/retry";
import { JournaledRun, journaledSteps, type JournalPorts } from "../engine/journaledRun";
import { VERIFY_RETRY } from "../engine/policy";
import type { RunSnapshot, RunStatus, StepDefinition, StepReporter, StepState } from "../engine/workflowTypes";
import type { Wait } from "../resources/resourceKit";
import type { ActionTarget } from "./ports";

/**
 * What the Connections tab's actions (rotation, deletion, conversion, secret removal) share: their steps run by the one
 * journaled run, with a journal in the person's extension data with ids only, as provisioning keeps one.
 */
export const ACTIONS_COLLECTION = "connection-actions";

export type ActionKind = "rotation" | "deletion" | "conversion" | "secretRemoval" | "issuerMove";

export interface ActionJournal {
  id: string;
  version: 1;
  kind: ActionKind;
  endpointId: string;
  connectionName: string;
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  /** Ids of what the action made or removed (a key id, a federated credential id), never a secret. */
  created: Record<string, unknown>;
  steps: StepState[];
  /** What the action was started with (ids, names, dates; never a secret), so Resume can run the same action again. */
  inputs?: Record<string, unknown>;
}

export interface ActionOptions<C> {
  runId: string;
  onChange?: (snapshot: RunSnapshot, created: Readonly<C>) => void;
  /** Bounded waits for Azure to accept a new secret or federated credential (shortened in tests). */
  verifyRetry?: RetryPolicy;
  /** The journal of the same action stopped earlier: Resume goes on from it (steps done stay done). */
  resume?: ActionJournal;
}

/** Builds the journaled run of an action over its steps. */
export function actionRun<C extends object>(
  kind: ActionKind,
  target: Pick<ActionTarget, "endpointId" | "connectionName">,
  created: C,
  steps: StepDefinition[],
  ports: JournalPorts,
  options: ActionOptions<C>,
  errorScope?: string,
  inputs?: Record<string, unknown>,
): JournaledRun {
  return new JournaledRun(steps, ports, {
    ...(options.resume ? { resumeFrom: options.resume.steps, createdAt: options.resume.createdAt } : {}),
    runId: options.runId,
    collection: ACTIONS_COLLECTION,
    journalName: "The action's journal",
    record: (snapshot, createdAt, updatedAt): ActionJournal => ({
      id: options.runId,
      version: 1,
      kind,
      endpointId: target.endpointId,
      connectionName: target.connectionName,
      createdAt,
      updatedAt,
      status: snapshot.status,
      created: { ...(created as Record<string, unknown>) },
      steps: journaledSteps(snapshot),
      ...(inputs ? { inputs } : {}),
    }),
    onChange: (snapshot) => options.onChange?.(snapshot, created),
    errorContext: () => ({ connectionName: target.connectionName, ...(errorScope ? { scope: errorScope } : {}) }),
  });
}

/** Actions of this person that ended neither succeeded nor rolled back, newest first, by connection. */
export async function unfinishedActions(store: DocumentStore): Promise<ActionJournal[]> {
  const all = await store.list<ActionJournal>(ACTIONS_COLLECTION);
  return all
    .filter((j) => j && j.version === 1 && j.status !== "succeeded" && j.status !== "rolledBack" && j.status !== "ready")
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * What every action of the Connections tab offers its page, on top of the journaled run. By default an action only
 * goes forward: Retry goes on from the step that failed, and what is done stays done (no rollback).
 */
export abstract class EngineAction<C extends object> {
  /** Set by the subclass's constructor, once its steps exist. */
  protected engine!: JournaledRun;

  constructor(protected readonly actionOptions: ActionOptions<C>) {}

  get runId(): string {
    return this.engine.runId;
  }

  snapshot(): RunSnapshot {
    return this.engine.snapshot();
  }

  async start(): Promise<RunSnapshot> {
    return this.ended(await this.engine.start());
  }

  /** Goes on from the step that failed; after an incomplete clean-up, tries again only what was left. */
  async retry(): Promise<RunSnapshot> {
    const status = this.engine.snapshot().status;
    return status === "rollbackIncomplete" || status === "rollbackFailed" ? this.ended(await this.engine.rollback()) : this.start();
  }

  /** The secret the action holds for a step still to come (a new or fallback secret); never shown. */
  heldSecret(): string | undefined {
    return undefined;
  }

  /** Drops any secret the action holds: when it ends, and when its panel closes. */
  dropSecret(): void {}

  /** An action that ended (succeeded, or undone) needs no secret any more: it is dropped at once. */
  protected ended(snapshot: RunSnapshot): RunSnapshot {
    if (snapshot.status === "succeeded" || snapshot.status === "rolledBack") this.dropSecret();
    return snapshot;
  }

  canRollBack(): boolean {
    return false;
  }

  cancel(): void {
    this.engine.cancel();
  }

  /** The bounded wait for Azure to accept a new credential, shown on `reporter`'s step. */
  protected verifyWait(clock: JournalPorts["clock"], reporter?: StepReporter): Wait {
    return { clock, policy: this.actionOptions.verifyRetry ?? VERIFY_RETRY, ...(reporter ? { reporter } : {}) };
  }
}

/**
 * An action that leaves the connection as it found it when it fails: a failure (or a cancel) undoes what was added at
 * once, with the reason kept, and Retry tries that undo again (conversion to federation, the issuer move).
 */
export abstract class UndoOnFailureAction<C extends object> extends EngineAction<C> {
  override async start(): Promise<RunSnapshot> {
    const snapshot = await this.engine.start();
    if (snapshot.status === "failed") return this.engine.rollbackAfterFailure();
    return snapshot;
  }

  override retry(): Promise<RunSnapshot> {
    return this.engine.rollback();
  }
}
