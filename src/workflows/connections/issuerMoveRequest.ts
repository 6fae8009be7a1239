import type { ServiceConnection } from "../../clients/devops/devopsTypes";
import { isServiceError } from "../../platform/http/serviceError";
import { ProblemError } from "../../platform/problem";
import { FEDERATION_AUDIENCE, federatedCredentialName } from "../resources/federatedCredential";
import { waitOut, type Wait } from "../resources/resourceKit";
import { parameterOf, readConnection, updateConnection, type ConnectionsPort } from "../resources/serviceConnection";
import { describeIssuer, federationIssuerOf, ISSUER_PARAMETER, SUBJECT_PARAMETER, type FederationIssuerInfo } from "./federationIssuer";
import { isUpgradeRefused } from "./federationTrust";

/**
 * Asking Azure DevOps to move a federated connection to another issuer. Learn ("convert-service-connections") documents
 * the portal's Update, not its REST call; what is public (the endpoint type's input "workloadIdentityFederationIssuerType",
 * "EntraID" on create; Microsoft's converter using PUT …?operation=ConvertAuthenticationScheme) makes this the likely
 * call. Every plausible answer is handled: moved at once, moved after Azure DevOps finishes (isReady false or
 * operationStatus InProgress), answered but unchanged, the operation refused (then a plain update is tried), and the
 * "no valid configuration" refusal while Entra replicates the new credential (waited out).
 */
export const MOVE_OPERATION = "ConvertAuthenticationScheme";
export const ISSUER_TYPE_PARAMETER = "workloadIdentityFederationIssuerType";
export type IssuerType = "EntraID" | "AzureDevOps";

/** The connection resent with the issuer type asked for; the old issuer and subject are left out for Azure DevOps to name anew. */
export function issuerMoveBody(connection: ServiceConnection, issuerType: IssuerType): ServiceConnection {
  const drop = new Set([ISSUER_PARAMETER, SUBJECT_PARAMETER, ISSUER_TYPE_PARAMETER].map((k) => k.toLowerCase()));
  const kept = Object.fromEntries(Object.entries(connection.authorization.parameters ?? {}).filter(([k]) => !drop.has(k.toLowerCase())));
  return {
    ...connection,
    authorization: { scheme: connection.authorization.scheme, parameters: { ...kept, [ISSUER_TYPE_PARAMETER]: issuerType } },
  };
}

const pending = (connection: ServiceConnection) =>
  connection.isReady === false || (connection.operationStatus?.state ?? "").toLowerCase() === "inprogress";

class StillPending extends Error {}

export interface MoveContext {
  connections: Pick<ConnectionsPort, "get" | "update">;
  projectId: string;
  endpointId: string;
  connectionName: string;
  wait: Wait;
}

/** The connection once Azure DevOps has finished with it (a bounded wait while it says it is still working). */
async function settled(ctx: MoveContext, answer: ServiceConnection): Promise<ServiceConnection> {
  if (!pending(answer) && parameterOf(answer, ISSUER_PARAMETER)) return answer;
  return waitOut(
    ctx.wait,
    async () => {
      const now = await readConnection(ctx.connections, ctx.projectId, ctx.endpointId, ctx.connectionName);
      if (pending(now)) throw new StillPending();
      return now;
    },
    (e) => (e instanceof StillPending ? "Azure DevOps is still updating the connection" : undefined),
  );
}

/**
 * Sends the move and answers the issuer the connection reports afterwards (read back, never assumed). `arrived` says
 * when the answer is the one asked for; when no call gets there, the last report is answered (the caller decides).
 */
export async function requestIssuer(
  ctx: MoveContext,
  issuerType: IssuerType,
  arrived: (info: FederationIssuerInfo | undefined) => boolean,
): Promise<{ info: FederationIssuerInfo | undefined; refusal?: unknown }> {
  let info: FederationIssuerInfo | undefined;
  let refusal: unknown;
  for (const operation of [MOVE_OPERATION, undefined]) {
    const current = await readConnection(ctx.connections, ctx.projectId, ctx.endpointId, ctx.connectionName);
    const body = issuerMoveBody(current, issuerType);
    let answer: ServiceConnection;
    try {
      // Entra may not yet show Azure DevOps the credential just added: that refusal is waited out, within the bound.
      answer = await waitOut(
        ctx.wait,
        () => updateConnection(ctx.connections, body, operation),
        (e) => (isUpgradeRefused(e) ? "Azure DevOps does not see the app's new federated credential yet" : undefined),
      );
    } catch (error) {
      // A refused request changed nothing (CONTRACTS.md: a 4xx other than 408/429); the next form is tried.
      if (!(isServiceError(error) && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429))
        throw error;
      refusal = error;
      continue;
    }
    info = federationIssuerOf(await settled(ctx, answer));
    if (arrived(info)) return { info };
  }
  return { info, ...(refusal !== undefined ? { refusal } : {}) };
}

/** The `az` command that adds a federated credential, for an owner of the app to run. */
export function federatedCredentialCommand(appId: string, endpointId: string, issuer: string, subject: string): string {
  const parameters = JSON.stringify({
    name: federatedCredentialName(`${endpointId}-entra`),
    issuer,
    subject,
    audiences: [FEDERATION_AUDIENCE],
  });
  return `az ad app federated-credential create --id ${appId} --parameters '${parameters}'`;
}

/** Azure DevOps did not move the connection: it stays as it was; the values and the command an owner can use. */
export function moveRefusedProblem(
  o: { appId: string; endpointId: string; issuer: string; subject: string; reported?: FederationIssuerInfo },
  cause: unknown,
): ProblemError {
  const why = cause
    ? `It refused: ${cause instanceof Error ? cause.message : String(cause)}`
    : `It still reports: ${o.reported ? describeIssuer(o.reported) : "no issuer"}.`;
  return new ProblemError(
    {
      title: "Azure DevOps did not move the connection to the Entra issuer.",
      detail:
        `${why} The connection was left as it was (on its old issuer, which still works until it is retired) and what the hub ` +
        `added was removed. Values for the Entra issuer: issuer ${o.issuer}, subject ${o.subject}, audience ${FEDERATION_AUDIENCE}.`,
      action:
        `Ask an owner of the app to run: ${federatedCredentialCommand(o.appId, o.endpointId, o.issuer, o.subject)} — then choose ` +
        `Update on the connection in Azure DevOps (Project settings → Service connections), or move it here again.`,
    },
    cause,
  );
}
