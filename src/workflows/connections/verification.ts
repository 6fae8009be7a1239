import type { ServiceConnection, ServiceConnectionsClient, VerifyResult } from "../../clients/devops/devopsTypes";
import { ProblemError } from "../../platform/problem";

/**
 * Reading TestConnection's verdict for the Connections tab's actions. Verify signs in as the app (Entra), then reads
 * the scope (ARM). Actions that change the credential care about the first half: a sign-in refusal means the new
 * credential does not work (yet); a refusal to read the scope means the credential works and the scope check fails for
 * another reason (a role at a Machine Learning workspace only), exactly as it did before the action.
 */
export type VerifyVerdict = { kind: "ok" } | { kind: "signInRefused"; message: string } | { kind: "scopeRefused"; message: string };

export function readVerdict(result: VerifyResult): VerifyVerdict {
  if (result.ok) return { kind: "ok" };
  // Entra's refusals carry an AADSTS code; Azure DevOps frames token failures as "Failed to obtain the Json Web Token".
  if (/AADSTS\d+|Failed to obtain the Json Web Token/i.test(result.message)) return { kind: "signInRefused", message: result.message };
  return { kind: "scopeRefused", message: result.message };
}

/** Entra has not replicated a new secret yet: it refuses it as a wrong one (AADSTS7000215) for a while. */
export const isSecretNotYetAccepted = (verdict: VerifyVerdict) => verdict.kind === "signInRefused" && /AADSTS7000215/i.test(verdict.message);
/** A new federated credential is not yet known to Entra (AADSTS70021) for a while. */
export const isFederationNotYetAccepted = (verdict: VerifyVerdict) => verdict.kind === "signInRefused" && /AADSTS70021/i.test(verdict.message);

/** Thrown inside a bounded wait so the retry helper can decide; carries the verdict. */
export class CredentialRefused extends Error {
  constructor(readonly verdict: VerifyVerdict & { kind: "signInRefused" }) {
    super(verdict.message);
    this.name = "CredentialRefused";
  }
}

/** One TestConnection; throws CredentialRefused when Entra refused the credential, else answers the verdict. */
export async function verifyOnce(connections: Pick<ServiceConnectionsClient, "verify">, projectId: string, endpointId: string, body?: ServiceConnection): Promise<VerifyVerdict> {
  const verdict = readVerdict(await connections.verify(projectId, endpointId, body));
  if (verdict.kind === "signInRefused") throw new CredentialRefused(verdict);
  return verdict;
}

/** A note for the step line: "Verified", or why Verify still fails although the credential works. */
export function verdictNote(verdict: VerifyVerdict): string {
  return verdict.kind === "ok" ? "Verified" : "Signs in; the scope check fails as before";
}

/** The problem told when the credential is still refused after the bounded wait. */
export function refusedProblem(error: CredentialRefused, what: string, action: string): ProblemError {
  return new ProblemError({ title: `Azure did not accept ${what}.`, detail: error.message, action }, error);
}

/** The connection body with a new secret (the whole object is resent on update: CONTRACTS.md §2.1). */
export function withSecret(connection: ServiceConnection, secret: string): ServiceConnection {
  return {
    ...connection,
    authorization: {
      scheme: "ServicePrincipal",
      parameters: { ...connection.authorization.parameters, authenticationType: "spnKey", serviceprincipalkey: secret },
    },
  };
}
