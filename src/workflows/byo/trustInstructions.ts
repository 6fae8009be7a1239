import type { Problem } from "../../platform/problem";
import type { RetryPolicy } from "../../platform/retry";
import { FEDERATION_AUDIENCE, federatedCredentialDescription, federatedCredentialName } from "../resources/federatedCredential";

/** What an owner of the app needs to let a federated connection in: the values, and one command that adds them. */
export interface TrustInstructions {
  appId: string;
  issuer: string;
  subject: string;
  audience: string;
  /** `az ad app federated-credential create …`, quoted for bash. */
  command: string;
}

/** A bash word holding `text` exactly: single-quoted, each ' written as '\'' (POSIX sh has no escape inside '…'). */
export function shellSingleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The federated credential an owner adds for a connection, and the Azure CLI command that adds it. */
export function trustInstructions(o: {
  appId: string;
  endpointId: string;
  issuer: string;
  subject: string;
  organization: string;
  projectName: string;
  connectionName: string;
}): TrustInstructions {
  const parameters = JSON.stringify({
    name: federatedCredentialName(o.endpointId),
    issuer: o.issuer,
    subject: o.subject,
    audiences: [FEDERATION_AUDIENCE],
    description: federatedCredentialDescription(o.organization, o.projectName, o.connectionName),
  });
  return {
    appId: o.appId,
    issuer: o.issuer,
    subject: o.subject,
    audience: FEDERATION_AUDIENCE,
    command: `az ad app federated-credential create --id ${o.appId} --parameters ${shellSingleQuote(parameters)}`,
  };
}

/** Pressing Verify: a short bounded wait (a credential added a moment ago), not the run's long one. */
export const TRUST_VERIFY_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 2_000, maxDelayMs: 5_000, maxTotalWaitMs: 15_000 };

/** What to do when Verify still fails: the app does not trust the connection yet, or may not read the scope. */
export function notTrustedYet(kind: "signInRefused" | "scopeRefused", message: string): Problem {
  if (kind === "scopeRefused") {
    return {
      title: "The app signs in, but may not read the scope.",
      detail: message,
      action: "Give the app a role at the scope (Reader is enough for Verify), then choose Verify again.",
    };
  }
  return {
    title: "The app does not trust the connection yet.",
    detail: message,
    action:
      "An owner of the app must add the federated credential with exactly the issuer and subject shown (the command below " +
      "does it). Entra can take a minute to replicate a new credential: choose Verify again in a minute.",
  };
}
