import type { ProvisioningDraft } from "../provisioning/draft";

/** At most this many scopes in one bulk run, as the Scope step says. */
export const MAX_BULK_SCOPES = 50;
/** Scopes run this many at a time: at 10 scopes, three waves. */
export const DEFAULT_BULK_CONCURRENCY = 4;
/**
 * Microsoft Entra holds at most 20 federated identity credentials per application
 * (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations#general-federated-identity-credential-considerations),
 * and each federated connection needs its own: a shared app serves at most 20 federated connections.
 */
export const MAX_FEDERATED_CREDENTIALS_PER_APP = 20;

/** One app registration per scope (the default), or one app with a role at each scope and one connection per scope. */
export type BulkAppMode = "appPerScope" | "sharedApp";

export type BulkCredential = "secret" | "federation";

/** How pipelines will authenticate, as the guided form's draft says ("How pipelines authenticate"). */
export function draftCredential(draft: ProvisioningDraft): BulkCredential {
  return draft.credential;
}

/** Why a bulk choice cannot run, in the words shown under the scope list; undefined when it can. */
export function bulkLimitProblem(count: number, mode: BulkAppMode, credential: BulkCredential): string | undefined {
  if (count > MAX_BULK_SCOPES) return `Choose at most ${MAX_BULK_SCOPES} scopes in one run (${count} chosen).`;
  if (mode === "sharedApp" && credential === "federation" && count > MAX_FEDERATED_CREDENTIALS_PER_APP)
    return (
      `A shared app registration holds at most ${MAX_FEDERATED_CREDENTIALS_PER_APP} federated credentials, one per connection: ` +
      `choose at most ${MAX_FEDERATED_CREDENTIALS_PER_APP} scopes (${count} chosen), or one app registration per scope.`
    );
  return undefined;
}
