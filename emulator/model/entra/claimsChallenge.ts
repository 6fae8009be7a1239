import { stsErrors, type StsError } from "./stsErrors";

/**
 * What a `claims` request parameter asks of the sign-in. ARM and Graph send such a challenge in WWW-Authenticate
 * (base64 of e.g. {"access_token":{"acrs":{"essential":true,"value":"p1"}}}) when Conditional Access wants more;
 * msal also merges its client capabilities ({"access_token":{"xms_cc":{"values":["CP1"]}}}) into it.
 */
export interface ClaimsRequest {
  /** The sign-in must have done multi-factor authentication. */
  requiresMfa: boolean;
  /** Authentication-context class references asked for. */
  acrs: string[];
}

export const NO_CLAIMS: ClaimsRequest = { requiresMfa: false, acrs: [] };

function valuesOf(request: unknown): string[] {
  if (typeof request !== "object" || request === null) return [];
  const { value, values } = request as { value?: unknown; values?: unknown };
  const all = [...(Array.isArray(values) ? values : []), ...(value !== undefined ? [value] : [])];
  return all.filter((v): v is string => typeof v === "string");
}

/**
 * Every authentication context ("acrs") is treated as "requires MFA", the commonest Conditional Access policy
 * behind one; an "amr" request naming "mfa" asks for it directly. Other claims (xms_cc, nbf) change nothing here:
 * a freshly minted token satisfies them.
 */
export function parseClaimsRequest(claims: string | null | undefined): ClaimsRequest | StsError {
  if (!claims) return NO_CLAIMS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(claims);
  } catch {
    return stsErrors.parameterInvalid("claims");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return stsErrors.parameterInvalid("claims");
  const acrs: string[] = [];
  let requiresMfa = false;
  for (const target of ["access_token", "id_token"] as const) {
    const section = (parsed as Record<string, unknown>)[target];
    if (typeof section !== "object" || section === null) continue;
    const requested = section as Record<string, unknown>;
    for (const acr of valuesOf(requested["acrs"])) if (!acrs.includes(acr)) acrs.push(acr);
    if (valuesOf(requested["amr"]).some((v) => v.toLowerCase() === "mfa")) requiresMfa = true;
  }
  return { requiresMfa: requiresMfa || acrs.length > 0, acrs };
}
