import type { ServiceConnection } from "../../clients/devops/devopsTypes";
import type { FederatedCredentialInfo } from "../../clients/graph/graphTypes";
import { isServiceError } from "../../platform/http/serviceError";
import { ProblemError } from "../../platform/problem";
import type { RunSnapshot, StepDefinition } from "../engine/workflowTypes";
import { secretDisplayName } from "../provisioning/markers";
import { VERIFY_RETRY } from "../provisioning/provisioningRun";
import { ActionEngine, EngineAction, type ActionOptions } from "./actionEngine";
import type { ActionTarget, ConnectionActionPorts } from "./ports";
import { CredentialRefused, isFederationNotYetAccepted, isSecretNotYetAccepted, refusedProblem, verdictNote, verifyOnce } from "./verification";

/**
 * Converting a secret connection to workload identity federation (experimental: Microsoft's own converter skips
 * manually created connections). Convert (ConvertAuthenticationScheme) → read the issuer and subject Azure DevOps now
 * reports (never built here) → add the federated credential on the app with them → verify. When any of it fails, the
 * connection is put back on a secret (a new one, since secrets are never kept) and verified. Removing the secrets the
 * connection no longer uses is offered afterwards (SecretRemoval).
 */
export const CONVERT_OPERATION = "ConvertAuthenticationScheme";
export const FEDERATION_AUDIENCE = "api://AzureADTokenExchange";
const WIF = "WorkloadIdentityFederation";
const ISSUER = "workloadIdentityFederationIssuer";
const SUBJECT = "workloadIdentityFederationSubject";

export interface ConversionChoice {
  /** Lifetime of the secret the connection falls back to if the conversion fails. */
  fallbackSecretEndDateTime: string;
}

export interface ConversionCreated {
  appObjectId?: string;
  converted?: boolean;
  issuer?: string;
  subject?: string;
  federatedCredentialId?: string;
  /** The federated credential was already on the app: a rollback leaves it. */
  federatedCredentialExisted?: boolean;
  verified?: boolean;
  /** After a failed conversion: the new secret the connection was put back on. */
  fallbackSecretKeyId?: string;
  /** The fallback secret was verified in the connection. */
  fallbackVerified?: boolean;
}

const parameter = (connection: ServiceConnection, key: string) => {
  const found = Object.keys(connection.authorization.parameters).find((k) => k.toLowerCase() === key.toLowerCase());
  return found ? connection.authorization.parameters[found] ?? undefined : undefined;
};

/** A federated credential's name: letters, digits, - and _ only (≤ 120). */
export function federatedCredentialName(endpointId: string): string {
  return `azconn-${endpointId}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 120);
}

export class FederationConversion extends EngineAction<ConversionCreated> {
  readonly created: ConversionCreated = {};
  private fallbackSecret: string | undefined;

  constructor(
    private readonly target: ActionTarget,
    private readonly choice: ConversionChoice,
    private readonly ports: ConnectionActionPorts,
    private readonly options: ActionOptions<ConversionCreated>,
  ) {
    super();
    this.engine = new ActionEngine("conversion", target, this.created, this.steps(), ports, options);
  }

  /** Runs the conversion; on a failure (or a cancel) the connection goes back on a secret at once, with the reason kept. */
  override async start(): Promise<RunSnapshot> {
    const snapshot = await this.engine.start();
    if (snapshot.status === "failed") return this.engine.rollbackAfterFailure();
    return snapshot;
  }

  /** When putting the connection back on a secret failed, trying it again. */
  override retry(): Promise<RunSnapshot> {
    return this.engine.rollback();
  }

  private current = async (): Promise<ServiceConnection> => {
    const connection = await this.ports.connections.get(this.target.projectId, this.target.endpointId);
    if (!connection) throw new ProblemError({ title: "The service connection is gone.", detail: `"${this.target.connectionName}" no longer exists in this project.`, action: "Close this and reload the list." });
    return connection;
  };

  private steps(): StepDefinition[] {
    const { connections, graph } = this.ports;
    const { projectId, endpointId } = this.target;
    const created = this.created;
    const policy = this.options.verifyRetry ?? VERIFY_RETRY;

    return [
      {
        id: "readApp",
        title: "Read the app registration",
        errorStep: "Reading the app registration",
        dependsOn: [],
        run: async () => {
          const app = await graph.readApplication(this.target.appId);
          if (!app) {
            throw new ProblemError({
              title: "The app registration cannot be found.",
              detail: `No app with client ID ${this.target.appId} is in the directory you signed in to, or you may not read it. A federated credential must be added to it.`,
              action: "Sign in to the connection's directory, or ask an owner of the app to convert the connection.",
            });
          }
          created.appObjectId = app.id;
        },
      },
      {
        id: "convert",
        title: "Convert the connection to workload identity federation",
        errorStep: "Converting the service connection",
        dependsOn: ["readApp"],
        run: async () => {
          let connection = await this.current();
          if (connection.authorization.scheme.toLowerCase() !== WIF.toLowerCase()) {
            const tenantid = parameter(connection, "tenantid") ?? this.target.tenantId;
            const serviceprincipalid = parameter(connection, "serviceprincipalid") ?? this.target.appId;
            connection = await connections.update({ ...connection, authorization: { scheme: WIF, parameters: { tenantid, serviceprincipalid } } }, CONVERT_OPERATION);
          }
          created.converted = true;
          // Azure DevOps says which issuer and subject it will present; they are read, never built.
          let issuer = parameter(connection, ISSUER);
          let subject = parameter(connection, SUBJECT);
          if (!issuer || !subject) {
            const reread = await this.current();
            issuer = parameter(reread, ISSUER);
            subject = parameter(reread, SUBJECT);
          }
          if (!issuer || !subject) {
            throw new ProblemError({
              title: "Azure DevOps did not report the federation issuer and subject.",
              detail: "The connection was converted, but without them the app cannot be told which tokens to trust.",
              action: "The connection is put back on a secret. Report this; the conversion cannot go on.",
            });
          }
          created.issuer = issuer;
          created.subject = subject;
          void this.engine.save();
        },
        undo: () => this.backOnSecret(),
      },
      {
        id: "addFederatedCredential",
        title: "Add the federated credential to the app",
        errorStep: "Adding the federated credential",
        dependsOn: ["convert"],
        run: async () => {
          if (created.federatedCredentialId) return;
          const issuer = created.issuer!;
          const subject = created.subject!;
          const same = (f: FederatedCredentialInfo) => f.issuer === issuer && f.subject === subject;
          const existing = (await graph.listFederatedCredentials(created.appObjectId!)).find(same);
          if (existing) {
            created.federatedCredentialId = existing.id;
            created.federatedCredentialExisted = true;
            return;
          }
          try {
            const credential = await graph.addFederatedCredential(created.appObjectId!, {
              name: federatedCredentialName(endpointId),
              issuer,
              subject,
              audiences: [FEDERATION_AUDIENCE],
            });
            created.federatedCredentialId = credential.id;
          } catch (error) {
            // A create whose answer was lost: it is there now, with our issuer and subject.
            if (!(isServiceError(error) && error.status === 409)) throw error;
            const found = (await graph.listFederatedCredentials(created.appObjectId!)).find(same);
            if (!found) throw error;
            created.federatedCredentialId = found.id;
          }
          void this.engine.save();
        },
        undo: async () => {
          if (created.federatedCredentialId && !created.federatedCredentialExisted) await graph.deleteFederatedCredential(created.appObjectId!, created.federatedCredentialId);
          delete created.federatedCredentialId;
        },
      },
      {
        id: "verify",
        title: "Verify the federated connection",
        errorStep: "Verifying the federated connection",
        dependsOn: ["addFederatedCredential"],
        run: async (reporter) => {
          try {
            const verdict = await this.engine.waitFor(reporter, policy, () => verifyOnce(connections, projectId, endpointId), (e) =>
              e instanceof CredentialRefused && isFederationNotYetAccepted(e.verdict) ? "Azure has not yet accepted the federated credential" : undefined,
            );
            created.verified = true;
            reporter.note(verdictNote(verdict));
          } catch (error) {
            if (error instanceof CredentialRefused) throw refusedProblem(error, "the federated connection", "The connection is put back on a secret; nothing stays broken.");
            throw error;
          }
        },
      },
    ];
  }

  /**
   * Puts the connection back on a secret after a failed conversion: a new secret (the old one is not kept anywhere),
   * the same operation back to ServicePrincipal, then Verify with a bounded wait for the new secret to replicate.
   * Safe to run again: a secret added by an earlier attempt is reused while it is in memory.
   */
  private async backOnSecret(): Promise<void> {
    const { connections, graph } = this.ports;
    const connection = await this.current();
    const federated = connection.authorization.scheme.toLowerCase() === WIF.toLowerCase();
    // Never converted (the conversion itself was refused): the connection still has its own secret, nothing to put back.
    if (!federated && !this.created.fallbackSecretKeyId) {
      delete this.created.converted;
      return;
    }
    if (federated) {
      if (!this.fallbackSecret || !this.created.fallbackSecretKeyId) {
        const password = await graph.addPassword(this.created.appObjectId!, secretDisplayName("Azure Pipelines (after a failed conversion)", this.target.endpointId), this.choice.fallbackSecretEndDateTime);
        this.fallbackSecret = password.secretText;
        this.created.fallbackSecretKeyId = password.keyId;
        void this.engine.save();
      }
      const parameters = {
        tenantid: parameter(connection, "tenantid") ?? this.target.tenantId,
        serviceprincipalid: parameter(connection, "serviceprincipalid") ?? this.target.appId,
        authenticationType: "spnKey",
        serviceprincipalkey: this.fallbackSecret,
      };
      await connections.update({ ...connection, authorization: { scheme: "ServicePrincipal", parameters } }, CONVERT_OPERATION);
    }
    delete this.created.converted;
    delete this.created.issuer;
    delete this.created.subject;
    const policy = this.options.verifyRetry ?? VERIFY_RETRY;
    const reporter = { waiting: () => undefined, note: () => undefined, signal: new AbortController().signal };
    try {
      await this.engine.waitFor(reporter, policy, () => verifyOnce(connections, this.target.projectId, this.target.endpointId), (e) =>
        e instanceof CredentialRefused && isSecretNotYetAccepted(e.verdict) ? "Azure has not yet accepted the new secret" : undefined,
      );
      this.created.fallbackVerified = true;
    } catch (error) {
      if (error instanceof CredentialRefused) {
        throw new ProblemError({
          title: "The connection is back on a secret, but Azure does not accept it yet.",
          detail: error.message,
          action: "Choose Retry in a minute to verify again.",
        }, error);
      }
      throw error;
    }
    this.fallbackSecret = undefined;
  }
}
