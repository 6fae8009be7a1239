import { readApp } from "../resources/appRegistration";
import { removeChosenSecrets } from "../resources/clientSecret";
import { actionRun, EngineAction, type ActionOptions } from "./actionEngine";
import type { ActionTarget, ConnectionActionPorts } from "./ports";

/**
 * Removing secrets a connection no longer uses (offered after a conversion to workload identity federation). Each
 * removal is idempotent (a secret already gone counts as removed), so Retry goes on where it stopped.
 */
export interface SecretRemovalCreated {
  appObjectId?: string;
  removedKeyIds?: string[];
}

export class SecretRemoval extends EngineAction<SecretRemovalCreated> {
  readonly created: SecretRemovalCreated = {};

  constructor(
    private readonly target: ActionTarget,
    private readonly keyIds: readonly string[],
    private readonly ports: ConnectionActionPorts,
    options: ActionOptions<SecretRemovalCreated>,
  ) {
    super(options);
    this.engine = actionRun(
      "secretRemoval",
      target,
      this.created,
      [
        {
          id: "removeSecrets",
          title: keyIds.length === 1 ? "Remove the unused secret" : `Remove the ${keyIds.length} unused secrets`,
          errorStep: "Removing the secrets",
          dependsOn: [],
          run: async () => {
            const { graph } = this.ports;
            if (!this.created.appObjectId) {
              const app = await readApp(graph, this.target.appId);
              if (!app) throw new Error(`No app with client ID ${this.target.appId} is in the directory you signed in to.`);
              this.created.appObjectId = app.id;
            }
            this.created.removedKeyIds ??= [];
            await removeChosenSecrets(graph, this.created.appObjectId, this.keyIds, this.created.removedKeyIds);
          },
        },
      ],
      ports,
      options,
    );
  }
}
