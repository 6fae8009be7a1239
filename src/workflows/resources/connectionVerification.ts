import type { ServiceConnection, ServiceConnectionsClient, VerifyResult } from "../../clients/devops/devopsTypes";
import { ProblemError } from "../../platform/problem";
import { waitOut, type Wait } from "./resourceKit";

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
export const isSecretNotYetAccepted = (verdict: VerifyVerdict) =>
  verdict.kind === "signInRefused" && /AADSTS7000215/i.test(verdict.message);
/** A new federated credential is not yet known to Entra (AADSTS70021) for a while. */
export const isFederationNotYetAccepted = (verdict: VerifyVerdict) =>
  verdict.kind === "signInRefused" && /AADSTS70021/i.test(verdict.message);

/** Thrown inside a bounded wait so the retry helper can decide; carries the verdict. */
export class CredentialRefused extends Error {
  constructor(readonly verdict: VerifyVerdict & { kind: "signInRefused" }) {
    super(verdict.message);
    this.name = "CredentialRefused";
  }
}

/** One TestConnection; throws CredentialRefused when Entra refused the credential, else answers the verdict. */
export async function verifyOnce(
  connections: Pick<ServiceConnectionsClient, "verify">,
  projectId: string,
  endpointId: string,
  body?: ServiceConnection,
): Promise<VerifyVerdict> {
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

/** TestConnection rejected the details; the message is Azure's own (an AADSTS error or a missing permission). */
export class VerifyFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VerifyFailed";
  }
}

/** One TestConnection of unsaved details (endpoint id "0"), as "Verify and save" does before saving. */
export async function verifyDetails(
  connections: Pick<ServiceConnectionsClient, "verify">,
  projectId: string,
  body: ServiceConnection,
): Promise<void> {
  const result = await connections.verify(projectId, "0", body);
  if (!result.ok) throw new VerifyFailed(result.message);
}

/**
 * Verifies unsaved details, waiting while `stillReplicating` says the refusal may be a new secret or role Azure has not
 * accepted yet. Resolves with the refusal message when Verify still fails after the bounded wait.
 */
export async function verifyDetailsWithin(
  connections: Pick<ServiceConnectionsClient, "verify">,
  wait: Wait,
  projectId: string,
  body: ServiceConnection,
  stillReplicating: (error: VerifyFailed) => string | undefined,
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await waitOut(
      wait,
      () => verifyDetails(connections, projectId, body),
      (e) => (e instanceof VerifyFailed ? stillReplicating(e) : undefined),
    );
    return { ok: true };
  } catch (error) {
    if (error instanceof VerifyFailed) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Verifies a connection (saved, or with endpoint id "0" its unsaved `body`) while Entra may not yet accept its new
 * credential (`notYetAccepted`); throws CredentialRefused when it still refuses after the bounded wait.
 */
export function verifyCredentialWithin(
  connections: Pick<ServiceConnectionsClient, "verify">,
  wait: Wait,
  at: { projectId: string; endpointId: string; body?: ServiceConnection },
  notYetAccepted: (verdict: VerifyVerdict) => boolean,
  why: string,
): Promise<VerifyVerdict> {
  const verify = () => verifyOnce(connections, at.projectId, at.endpointId, at.body);
  return waitOut(wait, verify, (e) => (e instanceof CredentialRefused && notYetAccepted(e.verdict) ? why : undefined));
}

/** A refusal that may still be replication, carried through the bounded wait. */
class NotYetVerified extends Error {
  constructor(readonly verdict: VerifyVerdict) {
    super(verdict.kind === "ok" ? "Verified" : verdict.message);
    this.name = "NotYetVerified";
  }
}

/**
 * Verifies a saved connection (its credential as Azure DevOps holds it), waiting while `stillReplicating` names a
 * refusal a new credential or role may explain; answers the last verdict (ok, or the refusal after the bounded wait).
 */
export async function verifySavedWithin(
  connections: Pick<ServiceConnectionsClient, "verify">,
  wait: Wait,
  at: { projectId: string; endpointId: string },
  stillReplicating: (verdict: VerifyVerdict) => string | undefined,
): Promise<VerifyVerdict> {
  try {
    return await waitOut(
      wait,
      async () => {
        const verdict = readVerdict(await connections.verify(at.projectId, at.endpointId));
        if (verdict.kind !== "ok" && stillReplicating(verdict)) throw new NotYetVerified(verdict);
        return verdict;
      },
      (e) => (e instanceof NotYetVerified ? stillReplicating(e.verdict) : undefined),
    );
  } catch (error) {
    if (error instanceof NotYetVerified) return error.verdict;
    throw error;
  }
}
