import type { ServiceConnection } from "../../clients/devops/devopsTypes";
import { ProblemError } from "../../platform/problem";
import type { StepDefinition, StepReporter } from "../engine/workflowTypes";
import { LeftBehindError } from "../engine/leftBehind";
import { readApp } from "../resources/appRegistration";
import {
  CredentialRefused,
  isFederationNotYetAccepted,
  refusedProblem,
  verdictNote,
  verifyCredentialWithin,
} from "../resources/connectionVerification";
import {
  ensureFederatedCredential,
  federatedCredentialName,
  removeFederatedCredential,
  removeSupersededCredential,
} from "../resources/federatedCredential";
import { parameterOf, readConnection } from "../resources/serviceConnection";
import { noteOutcome } from "../steps/connectionSteps";
import { actionRun, UndoOnFailureAction, type ActionOptions } from "./actionEngine";
import { appNotFound } from "./appLookup";
import { describeIssuer, federationIssuerOf, type FederationIssuerInfo } from "./federationIssuer";
import { entraIssuerFor } from "./federationTrust";
import { isGuid } from "../expiry/expiryIndex";
import { federatedCredentialCommand, moveRefusedProblem, requestIssuer, type MoveContext } from "./issuerMoveRequest";
import type { ActionTarget, ConnectionActionPorts } from "./ports";

/**
 * Moving a federated connection from the Azure DevOps issuer (vstoken, retired for single-tenant apps in the public
 * cloud on 2027-07-01) to the Entra issuer (Learn "convert-service-connections"). For a manually created connection
 * Azure DevOps moves only once the app trusts the new issuer and subject, so: the app gets the Entra-issuer federated
 * credential first → Azure DevOps is asked to move → the issuer and subject it then reports are read back (its values
 * win) and trusted → Verify → only then the old vstoken credential is removed. If Azure DevOps does not move it, the
 * connection is left as it was and what was added is removed; the problem carries the values and the `az` command.
 */
export interface IssuerMoveCreated {
  appObjectId?: string;
  /** What the connection presented before the move (the credential removed at the end). */
  oldIssuer?: string;
  oldSubject?: string;
  /** The Entra values the hub computed and added before asking. */
  entraIssuer?: string;
  entraSubject?: string;
  addedCredentialId?: string;
  addedCredentialExisted?: boolean;
  moved?: boolean;
  /** What Azure DevOps reports after the move. */
  issuer?: string;
  subject?: string;
  /** A credential for reported values that differ from the computed ones. */
  reportedCredentialId?: string;
  reportedCredentialExisted?: boolean;
  verified?: boolean;
  oldCredentialRemoved?: boolean;
}

const sameValues = (info: FederationIssuerInfo | undefined, issuer?: string, subject?: string) =>
  !!info && info.issuer === issuer && info.subject === subject;

export class IssuerMove extends UndoOnFailureAction<IssuerMoveCreated> {
  readonly created: IssuerMoveCreated = {};

  constructor(
    private readonly target: ActionTarget,
    private readonly ports: ConnectionActionPorts,
    options: ActionOptions<IssuerMoveCreated>,
  ) {
    super(options);
    this.engine = actionRun("issuerMove", target, this.created, this.steps(), ports, options);
  }

  private current = (): Promise<ServiceConnection> =>
    readConnection(this.ports.connections, this.target.projectId, this.target.endpointId, this.target.connectionName);

  private moveContext(reporter?: StepReporter): MoveContext {
    const { projectId, endpointId, connectionName } = this.target;
    return {
      connections: this.ports.connections,
      projectId,
      endpointId,
      connectionName,
      wait: this.verifyWait(this.ports.clock, reporter),
    };
  }

  private refused(cause: unknown, reported?: FederationIssuerInfo): ProblemError {
    const c = this.created;
    return moveRefusedProblem(
      {
        appId: this.target.appId,
        endpointId: this.target.endpointId,
        issuer: c.entraIssuer!,
        subject: c.entraSubject!,
        ...(reported ? { reported } : {}),
      },
      cause,
    );
  }

  private steps(): StepDefinition[] {
    const { graph, connections } = this.ports;
    const { projectId, endpointId, appId } = this.target;
    const created = this.created;
    return [
      {
        id: "readConnection",
        title: "Read the issuer the connection presents",
        errorStep: "Reading the service connection",
        dependsOn: [],
        run: async () => {
          if (created.oldIssuer) return;
          const connection = await this.current();
          const info = federationIssuerOf(connection);
          if (!info || info.kind !== "azureDevOps" || !info.issuer || !info.subject || !info.issuerId) {
            throw new ProblemError({
              title: "This connection is not on the Azure DevOps issuer.",
              detail: info ? `Azure DevOps reports: ${describeIssuer(info)}.` : "It does not use workload identity federation.",
              action: "Nothing to move. Reload the list to see its current state.",
            });
          }
          const tenantId = parameterOf(connection, "tenantid") ?? this.target.tenantId;
          const shown = tenantId.slice(0, 80);
          if (!isGuid(tenantId)) {
            throw new ProblemError({
              title: "The connection's directory is not a directory ID.",
              detail: `Its tenant is "${shown}"; the Entra issuer names the directory by its ID.`,
              action: "Edit the connection in Azure DevOps to use the directory (tenant) ID, then move it again.",
            });
          }
          // The organization id is the one the old issuer names; the tenant the one the connection names.
          const entra = entraIssuerFor({ tenantId, organizationId: info.issuerId, endpointId });
          Object.assign(created, {
            oldIssuer: info.issuer,
            oldSubject: info.subject,
            entraIssuer: entra.issuer,
            entraSubject: entra.subject,
          });
          void this.engine.save();
        },
      },
      {
        id: "readApp",
        title: "Read the app registration",
        errorStep: "Reading the app registration",
        dependsOn: ["readConnection"],
        run: async () => {
          const app = await readApp(graph, appId);
          if (!app) {
            const command = federatedCredentialCommand(appId, endpointId, created.entraIssuer!, created.entraSubject!);
            throw appNotFound(
              appId,
              "The Entra-issuer federated credential must be added to it first.",
              `Ask an owner of the app to run: ${command} — then move the connection again.`,
            );
          }
          created.appObjectId = app.id;
        },
      },
      {
        id: "trustEntra",
        title: "Let the app trust the Entra issuer",
        errorStep: "Adding the Entra-issuer federated credential",
        dependsOn: ["readApp"],
        run: async (reporter) => {
          if (created.addedCredentialId) return;
          const spec = {
            name: federatedCredentialName(`${endpointId}-entra`),
            issuer: created.entraIssuer!,
            subject: created.entraSubject!,
          };
          const added = await ensureFederatedCredential(graph, this.verifyWait(this.ports.clock, reporter), created.appObjectId!, spec);
          created.addedCredentialId = added.id;
          created.addedCredentialExisted = added.existed;
          void this.engine.save();
        },
        undo: async (reporter) => {
          // Kept while the connection presents exactly these values: removing it would break the connection.
          if (created.addedCredentialId && !created.addedCredentialExisted) {
            const now = federationIssuerOf(await this.current());
            if (!sameValues(now, created.entraIssuer, created.entraSubject)) {
              noteOutcome(reporter, await removeFederatedCredential(graph, created.appObjectId!, created.addedCredentialId));
            }
          }
          delete created.addedCredentialId;
        },
      },
      {
        id: "move",
        title: "Ask Azure DevOps to move the connection to the Entra issuer",
        errorStep: "Moving the connection to the Entra issuer",
        dependsOn: ["trustEntra"],
        run: async (reporter) => {
          const { info, refusal } = await requestIssuer(this.moveContext(reporter), "EntraID", (i) => i?.kind === "entra");
          if (info?.kind !== "entra" || !info.issuer || !info.subject) throw this.refused(refusal, info);
          created.moved = true;
          created.issuer = info.issuer;
          created.subject = info.subject;
          void this.engine.save();
        },
        undo: () => this.moveBack(),
      },
      {
        id: "trustReported",
        title: "Keep the federated credential Azure DevOps reports",
        errorStep: "Adding the reported federated credential",
        dependsOn: ["move"],
        run: async (reporter) => {
          // Azure DevOps' values win over computed ones (CONTRACTS.md §2.5).
          if (created.issuer === created.entraIssuer && created.subject === created.entraSubject) {
            reporter.note("Azure DevOps reports the values the app already trusts");
            return;
          }
          const spec = { name: federatedCredentialName(`${endpointId}-reported`), issuer: created.issuer!, subject: created.subject! };
          const added = await ensureFederatedCredential(graph, this.verifyWait(this.ports.clock, reporter), created.appObjectId!, spec);
          created.reportedCredentialId = added.id;
          created.reportedCredentialExisted = added.existed;
          void this.engine.save();
        },
        undo: async (reporter) => {
          if (created.reportedCredentialId && !created.reportedCredentialExisted) {
            noteOutcome(reporter, await removeFederatedCredential(graph, created.appObjectId!, created.reportedCredentialId));
          }
          delete created.reportedCredentialId;
        },
      },
      {
        id: "verify",
        title: "Verify the connection on the Entra issuer",
        errorStep: "Verifying the connection on the Entra issuer",
        dependsOn: ["trustReported"],
        run: async (reporter) => {
          try {
            const wait = this.verifyWait(this.ports.clock, reporter);
            const why = "Azure has not yet accepted the Entra-issuer federated credential";
            const verdict = await verifyCredentialWithin(connections, wait, { projectId, endpointId }, isFederationNotYetAccepted, why);
            created.verified = true;
            reporter.note(verdictNote(verdict));
          } catch (error) {
            if (error instanceof CredentialRefused)
              throw refusedProblem(error, "the connection on the Entra issuer", "The move is undone.");
            throw error;
          }
        },
      },
      {
        id: "removeOld",
        title: "Remove the old Azure DevOps-issuer federated credential",
        errorStep: "Removing the old federated credential",
        dependsOn: ["verify"],
        run: async (reporter) => {
          const old = { issuer: created.oldIssuer!, subject: created.oldSubject! };
          // Never the one the connection now presents (were Azure DevOps to report the old values again).
          if (old.issuer === created.issuer && old.subject === created.subject) return;
          noteOutcome(reporter, await removeSupersededCredential(graph, created.appObjectId!, old));
          created.oldCredentialRemoved = true;
          void this.engine.save();
        },
      },
    ];
  }

  /**
   * Undoing a move (Verify failed afterwards): Azure DevOps is asked for its own issuer again. Whether it allows that is
   * unpublished; when it does not, the connection stays on the Entra issuer with both credentials, and that is reported.
   */
  private async moveBack(): Promise<void> {
    const created = this.created;
    const now = federationIssuerOf(await this.current());
    if (!now || now.kind === "azureDevOps") {
      delete created.moved;
      return;
    }
    const back = await requestIssuer(this.moveContext(), "AzureDevOps", (i) => sameValues(i, created.oldIssuer, created.oldSubject));
    if (sameValues(back.info, created.oldIssuer, created.oldSubject)) {
      delete created.moved;
      return;
    }
    throw new LeftBehindError({
      object: `The connection "${this.target.connectionName}" on the Entra issuer`,
      reason:
        "Azure DevOps did not move it back to its old issuer. Both federated credentials were kept on the app, so it signs in " +
        "once Entra accepts the new one; choose Verify on the connection in Azure DevOps in a few minutes.",
    });
  }
}
