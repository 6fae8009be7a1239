import type { ServiceConnection } from "../../clients/devops/devopsTypes";
import { ProblemError } from "../../platform/problem";
import type { StepDefinition } from "../engine/workflowTypes";
import { ensureSecret } from "../resources/clientSecret";
import {
  CredentialRefused,
  isFederationNotYetAccepted,
  isSecretNotYetAccepted,
  refusedProblem,
  verdictNote,
  verifyCredentialWithin,
} from "../resources/connectionVerification";
import { ensureFederatedCredential, federatedCredentialName, removeFederatedCredential } from "../resources/federatedCredential";
import { readApp } from "../resources/appRegistration";
import { parameterOf as parameter, readConnection, updateConnection } from "../resources/serviceConnection";
import { noteOutcome } from "../steps/connectionSteps";
import { actionRun, UndoOnFailureAction, type ActionOptions } from "./actionEngine";
import { appNotFound } from "./appLookup";
import {
  isUpgradeRefused,
  keepMatching,
  trustIssuersStep,
  upgradeRefusedProblem,
  type CandidateCredential,
  type TrustContext,
} from "./federationTrust";
import type { ActionTarget, ConnectionActionPorts } from "./ports";

export { FEDERATION_AUDIENCE, federatedCredentialName } from "../resources/federatedCredential";

/**
 * Converting a secret connection to workload identity federation (experimental: Microsoft's own converter skips
 * manually created connections). Convert (ConvertAuthenticationScheme) → read the issuer and subject Azure DevOps now
 * reports (never built here) → add the federated credential on the app with them → verify. When any of it fails, the
 * connection is put back on a secret (a new one, since secrets are never kept) and verified. Removing the secrets the
 * connection no longer uses is offered afterwards (SecretRemoval).
 */
export const CONVERT_OPERATION = "ConvertAuthenticationScheme";
const WIF = "WorkloadIdentityFederation";
const ISSUER = "workloadIdentityFederationIssuer";
const SUBJECT = "workloadIdentityFederationSubject";

export interface ConversionChoice {
  /** Lifetime of the secret the connection falls back to if the conversion fails. */
  fallbackSecretEndDateTime: string;
  /**
   * Who Azure DevOps is (organization, its id, the project): with it, the app is made to trust each issuer Azure DevOps
   * may use before converting, which a manually created connection needs.
   */
  trust?: { organization: string; organizationId: string; projectName: string };
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
  /** The federated credentials added before converting, one per issuer Azure DevOps may use. */
  candidates?: CandidateCredential[];
}

export class FederationConversion extends UndoOnFailureAction<ConversionCreated> {
  readonly created: ConversionCreated = {};
  private fallbackSecret: string | undefined;

  constructor(
    private readonly target: ActionTarget,
    private readonly choice: ConversionChoice,
    private readonly ports: ConnectionActionPorts,
    options: ActionOptions<ConversionCreated>,
  ) {
    super(options);
    this.engine = actionRun("conversion", target, this.created, this.steps(), ports, options);
  }

  /** The fallback secret, held only until the connection is back on it (backOnSecret drops it then); never shown. */
  override heldSecret(): string | undefined {
    return this.fallbackSecret;
  }
  override dropSecret(): void {
    this.fallbackSecret = undefined;
  }

  private current = (): Promise<ServiceConnection> =>
    readConnection(this.ports.connections, this.target.projectId, this.target.endpointId, this.target.connectionName);

  private steps(): StepDefinition[] {
    const { connections, graph, clock } = this.ports;
    const { projectId, endpointId } = this.target;
    const created = this.created;
    const trust: TrustContext | undefined = this.choice.trust && { ...this.choice.trust, ...this.target, endpointId };
    const trustStep = trust
      ? [
          trustIssuersStep({
            graph,
            context: trust,
            appObjectId: () => created.appObjectId!,
            record: created,
            wait: (reporter) => this.verifyWait(clock, reporter),
            saved: () => void this.engine.save(),
          }),
        ]
      : [];

    return [
      {
        id: "readApp",
        title: "Read the app registration",
        errorStep: "Reading the app registration",
        dependsOn: [],
        run: async () => {
          const app = await readApp(graph, this.target.appId);
          if (!app) {
            const action = "Sign in to the connection's directory, or ask an owner of the app to convert the connection.";
            throw appNotFound(this.target.appId, "A federated credential must be added to it.", action);
          }
          created.appObjectId = app.id;
        },
      },
      ...trustStep,
      {
        id: "convert",
        title: "Convert the connection to workload identity federation",
        errorStep: "Converting the service connection",
        dependsOn: trust ? ["trustIssuers"] : ["readApp"],
        run: async () => {
          let connection = await this.current();
          if (connection.authorization.scheme.toLowerCase() !== WIF.toLowerCase()) {
            const tenantid = parameter(connection, "tenantid") ?? this.target.tenantId;
            const serviceprincipalid = parameter(connection, "serviceprincipalid") ?? this.target.appId;
            const authorization = { scheme: WIF, parameters: { tenantid, serviceprincipalid } };
            try {
              connection = await updateConnection(connections, { ...connection, authorization }, CONVERT_OPERATION);
            } catch (error) {
              if (trust && isUpgradeRefused(error)) throw upgradeRefusedProblem(trust, this.target.appId, error);
              throw error;
            }
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
        title: trust ? "Keep the federated credential Azure DevOps uses" : "Add the federated credential to the app",
        errorStep: "Adding the federated credential",
        dependsOn: ["convert"],
        run: async (reporter) => {
          if (created.federatedCredentialId) return;
          const reported = { issuer: created.issuer!, subject: created.subject! };
          const match = await keepMatching(graph, created.appObjectId!, created.candidates ?? [], reported);
          if (match) {
            created.federatedCredentialId = match.id;
            if (match.existed) created.federatedCredentialExisted = true;
            void this.engine.save();
            return;
          }
          const spec = { name: federatedCredentialName(endpointId), issuer: created.issuer!, subject: created.subject! };
          const credential = await ensureFederatedCredential(graph, this.verifyWait(clock, reporter), created.appObjectId!, spec);
          created.federatedCredentialId = credential.id;
          if (credential.existed) created.federatedCredentialExisted = true;
          void this.engine.save();
        },
        undo: async (reporter) => {
          if (created.federatedCredentialId && !created.federatedCredentialExisted) {
            noteOutcome(reporter, await removeFederatedCredential(graph, created.appObjectId!, created.federatedCredentialId));
          }
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
            const why = "Azure has not yet accepted the federated credential";
            const verdict = await verifyCredentialWithin(
              connections,
              this.verifyWait(clock, reporter),
              { projectId, endpointId },
              isFederationNotYetAccepted,
              why,
            );
            created.verified = true;
            reporter.note(verdictNote(verdict));
          } catch (error) {
            if (error instanceof CredentialRefused)
              throw refusedProblem(error, "the federated connection", "The connection is put back on a secret; nothing stays broken.");
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
    const { connections, graph, clock } = this.ports;
    const connection = await this.current();
    const federated = connection.authorization.scheme.toLowerCase() === WIF.toLowerCase();
    // Never converted (the conversion itself was refused): the connection still has its own secret, nothing to put back.
    if (!federated && !this.created.fallbackSecretKeyId) {
      delete this.created.converted;
      return;
    }
    if (federated) {
      if (!this.fallbackSecret || !this.created.fallbackSecretKeyId) {
        const spec = { appObjectId: this.created.appObjectId!, appId: this.target.appId, marker: this.target.endpointId };
        const description = "Azure Pipelines (after a failed conversion)";
        const password = await ensureSecret(graph, this.verifyWait(clock), {
          ...spec,
          description,
          endDateTime: this.choice.fallbackSecretEndDateTime,
        });
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
      const authorization = { scheme: "ServicePrincipal", parameters };
      await updateConnection(connections, { ...connection, authorization }, CONVERT_OPERATION);
    }
    delete this.created.converted;
    delete this.created.issuer;
    delete this.created.subject;
    try {
      const at = { projectId: this.target.projectId, endpointId: this.target.endpointId };
      await verifyCredentialWithin(
        connections,
        this.verifyWait(clock),
        at,
        isSecretNotYetAccepted,
        "Azure has not yet accepted the new secret",
      );
      this.created.fallbackVerified = true;
    } catch (error) {
      if (error instanceof CredentialRefused) {
        throw new ProblemError(
          {
            title: "The connection is back on a secret, but Azure does not accept it yet.",
            detail: error.message,
            action: "Choose Retry in a minute to verify again.",
          },
          error,
        );
      }
      throw error;
    }
    this.fallbackSecret = undefined;
  }
}
