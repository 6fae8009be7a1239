import { isServiceError } from "../../platform/http/serviceError";
import { ProblemError } from "../../platform/problem";
import type { StepDefinition, StepReporter } from "../engine/workflowTypes";
import {
  ensureFederatedCredential,
  FEDERATION_AUDIENCE,
  federatedCredentialName,
  removeFederatedCredential,
  type FederationGraph,
} from "../resources/federatedCredential";
import type { Wait } from "../resources/resourceKit";
import { noteOutcome } from "../steps/connectionSteps";

/**
 * Azure DevOps refuses ConvertAuthenticationScheme for a manually created connection ("…could not be upgraded…
 * because the service principal could not be configured automatically, and no valid configuration exists") unless the
 * app already trusts the issuer and subject it will present. So before converting, the app is given a federated
 * credential for each issuer Azure DevOps might use; after converting, the one matching what Azure DevOps reports is
 * kept and the other removed.
 */

/** The Azure DevOps first-party application, whose id is part of the Entra-issued subject. */
export const AZURE_DEVOPS_APP_ID = "499b84ac-1321-427f-aa17-267ca6975798";

export interface TrustContext {
  organization: string;
  /** The organization's id (the host's id); without it no candidate can be named. */
  organizationId: string;
  projectName: string;
  connectionName: string;
  endpointId: string;
  tenantId: string;
}

export interface CandidateCredential {
  id: string;
  issuer: string;
  subject: string;
  /** It was on the app before: it stays whatever happens. */
  existed: boolean;
}

/** A GUID's bytes in Microsoft's little-endian layout (as .NET's Guid.ToByteArray), base64url without padding. */
export function guidBytesLeBase64Url(guid: string): string {
  const hex = guid.replace(/-/g, "").toLowerCase();
  const bytes = (hex.match(/../g) ?? []).map((b) => parseInt(b, 16));
  const reordered = [...bytes.slice(0, 4).reverse(), ...bytes.slice(4, 6).reverse(), ...bytes.slice(6, 8).reverse(), ...bytes.slice(8)];
  const binary = String.fromCharCode(...reordered);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The Entra issuer and subject Azure DevOps presents for a connection (CONTRACTS.md §2.5). */
export function entraIssuerFor(ctx: Pick<TrustContext, "tenantId" | "organizationId" | "endpointId">): { issuer: string; subject: string } {
  const tenant = guidBytesLeBase64Url(ctx.tenantId);
  const app = guidBytesLeBase64Url(AZURE_DEVOPS_APP_ID);
  return {
    issuer: `https://login.microsoftonline.com/${ctx.tenantId}/v2.0`,
    subject: `/eid1/c/pub/t/${tenant}/a/${app}/sc/${ctx.organizationId}/${ctx.endpointId}`,
  };
}

/** The issuer and subject pairs Azure DevOps might present for this connection: Entra's, then its own. */
export function candidateIssuers(ctx: TrustContext): Array<{ key: string; issuer: string; subject: string }> {
  return [
    { key: "entra", ...entraIssuerFor(ctx) },
    {
      key: "devops",
      issuer: `https://vstoken.dev.azure.com/${ctx.organizationId}`,
      subject: `sc://${ctx.organization}/${ctx.projectName}/${ctx.connectionName}`,
    },
  ];
}

/** Adds a federated credential for each candidate issuer; its undo removes those it added. */
export function trustIssuersStep(o: {
  graph: FederationGraph;
  context: TrustContext;
  appObjectId: () => string;
  record: { candidates?: CandidateCredential[] };
  wait: (reporter?: StepReporter) => Wait;
  saved: () => void;
}): StepDefinition {
  return {
    id: "trustIssuers",
    title: "Let the app trust the issuers Azure DevOps may use",
    errorStep: "Adding the federated credentials",
    dependsOn: ["readApp"],
    run: async (reporter) => {
      const candidates: CandidateCredential[] = [];
      for (const candidate of candidateIssuers(o.context)) {
        const spec = {
          name: federatedCredentialName(`${o.context.endpointId}-${candidate.key}`),
          issuer: candidate.issuer,
          subject: candidate.subject,
        };
        const added = await ensureFederatedCredential(o.graph, o.wait(reporter), o.appObjectId(), spec);
        candidates.push({ id: added.id, issuer: candidate.issuer, subject: candidate.subject, existed: added.existed });
        o.record.candidates = [...candidates];
        o.saved();
      }
    },
    undo: async (reporter) => {
      for (const candidate of o.record.candidates ?? []) {
        if (!candidate.existed) noteOutcome(reporter, await removeFederatedCredential(o.graph, o.appObjectId(), candidate.id));
      }
      delete o.record.candidates;
    },
  };
}

/** Removes the candidates that do not match what Azure DevOps reports; the matching one, if any, is answered. */
export async function keepMatching(
  graph: FederationGraph,
  appObjectId: string,
  candidates: readonly CandidateCredential[],
  reported: { issuer: string; subject: string },
): Promise<CandidateCredential | undefined> {
  const match = candidates.find((c) => c.issuer === reported.issuer && c.subject === reported.subject);
  for (const candidate of candidates)
    if (candidate !== match && !candidate.existed) await removeFederatedCredential(graph, appObjectId, candidate.id);
  return match;
}

/** Azure DevOps refused to convert a manually created connection for want of a configuration it can use. */
export function isUpgradeRefused(error: unknown): boolean {
  return isServiceError(error) && error.status === 400 && /could not be upgraded/i.test(error.message);
}

/** The problem told when Azure DevOps still refuses: the exact values and the command an owner of the app can run. */
export function upgradeRefusedProblem(ctx: TrustContext, appId: string, cause: unknown): ProblemError {
  const commands = candidateIssuers(ctx).map((c) => {
    const parameters = JSON.stringify({
      name: federatedCredentialName(`${ctx.endpointId}-${c.key}`),
      issuer: c.issuer,
      subject: c.subject,
      audiences: [FEDERATION_AUDIENCE],
    });
    return `az ad app federated-credential create --id ${appId} --parameters '${parameters}'`;
  });
  return new ProblemError(
    {
      title: "Azure DevOps refused to convert the connection.",
      detail:
        `It found no configuration it could use for the app ${appId}, even with a federated credential for each issuer it may use. ` +
        `The connection was left on its secret and what was added was removed. Values: ` +
        candidateIssuers(ctx)
          .map((c) => `issuer ${c.issuer}, subject ${c.subject}`)
          .join("; ") +
        `; audience ${FEDERATION_AUDIENCE}.`,
      action: `Ask an owner of the app to run: ${commands.join("  and  ")} — then convert again.`,
    },
    cause,
  );
}
