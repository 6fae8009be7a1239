import { hashSecret } from "../core/ids";
import type { ServiceEndpoint } from "../state";
import type { AuthSchemeSpec } from "./endpointTypeCatalog";
import { inputApplies, lookup } from "./endpointValidation";

/**
 * Confidential authorization parameters never stay in the model as text: the service principal key becomes
 * ServiceEndpoint.secretHash (what TestConnection compares with Entra's credential hashes), any other confidential
 * value a hash by the key the caller used. All of them read back as null.
 */
export const SPN_KEY = "serviceprincipalkey";

export interface StoredAuthorization {
  parameters: Record<string, string>;
  secretHash?: string;
  confidentialHashes: Record<string, string>;
}

function confidentialIds(scheme: AuthSchemeSpec): Set<string> {
  return new Set(scheme.inputs.filter((i) => i.isConfidential).map((i) => i.id.toLowerCase()));
}

/** Splits what the caller sent; read-only inputs (the federation issuer and subject) are the service's to write. */
export function storeAuthorization(scheme: AuthSchemeSpec, sent: Record<string, string>): StoredAuthorization {
  const secretIds = confidentialIds(scheme);
  const readOnly = new Set(scheme.inputs.filter((i) => i.isReadOnly).map((i) => i.id.toLowerCase()));
  const stored: StoredAuthorization = { parameters: {}, confidentialHashes: {} };
  for (const [key, value] of Object.entries(sent)) {
    const lower = key.toLowerCase();
    if (readOnly.has(lower)) continue;
    if (!secretIds.has(lower)) stored.parameters[key] = value;
    else if (lower === SPN_KEY) stored.secretHash = hashSecret(value);
    else stored.confidentialHashes[key] = hashSecret(value);
  }
  return stored;
}

/**
 * GUESS (CONTRACTS.md §2.1 "unconfirmed what a null secret does"): an update that leaves a secret out or sends it
 * as null keeps the stored one, as long as the scheme stays and the secret still applies (a switch from spnKey to
 * spnCertificate drops the key). Returns the kept hashes and the input ids they satisfy.
 */
export function keepUnsentSecrets(
  existing: ServiceEndpoint,
  scheme: AuthSchemeSpec,
  sent: Record<string, string>,
  into: StoredAuthorization,
): Set<string> {
  const kept = new Set<string>();
  for (const input of scheme.inputs) {
    if (!input.isConfidential || lookup(sent, input.id) !== undefined) continue;
    if (!inputApplies(input, sent, scheme.inputs)) continue;
    const id = input.id.toLowerCase();
    if (id === SPN_KEY && existing.secretHash) {
      into.secretHash = existing.secretHash;
      kept.add(id);
      continue;
    }
    for (const [key, hash] of Object.entries(existing.confidentialParameterHashes ?? {})) {
      if (key.toLowerCase() !== id) continue;
      into.confidentialHashes[key] = hash;
      kept.add(id);
    }
  }
  return kept;
}

/** authorization.parameters as Azure DevOps answers them: secrets present but null. */
export function parametersForReading(endpoint: ServiceEndpoint): Record<string, string | null> {
  const result: Record<string, string | null> = { ...endpoint.authorization.parameters };
  if (endpoint.secretHash) result[SPN_KEY] = null;
  for (const key of Object.keys(endpoint.confidentialParameterHashes ?? {})) result[key] = null;
  return result;
}
