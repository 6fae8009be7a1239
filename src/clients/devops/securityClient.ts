import { CancelledError } from "../../platform/clock";
import { sdkDevOpsRest, type DevOpsRest } from "./devopsRest";

/** The Core area: its location is the organization's root URL, where the security routes live. */
const CORE_AREA = "79134c72-4a58-4b42-976c-04e7115f32bf";

/**
 * Who may change the organization's settings, asked the way Azure DevOps' own pages ask it: Security
 * "Permissions - Has Permissions" (GET {org}/_apis/permissions/{namespace}/{bits}?tokens=…), which evaluates the
 * caller's permissions and names no OAuth scope, so the extension's token may call it without a new manifest scope.
 *
 * Namespace Collection, bit GENERIC_WRITE: "Edit instance-level information", what Organization settings pages need;
 * Project Collection Administrators hold it. The token "NAMESPACE:" (the namespace's root) is not stated in any
 * Microsoft page we found: it is a guess, kept in this one constant. A check that cannot answer says "unknown", and the
 * settings page says so and still lets the person save: extension data itself enforces nothing (CONTRACTS.md §2.6), so
 * this check guides people, it does not protect the settings.
 */
export const ORGANIZATION_SETTINGS_PERMISSION = {
  namespaceId: "3e65f728-f8bc-4ecd-8764-7e378b19bfa7",
  bits: 2,
  token: "NAMESPACE:",
  /** x-ms-preview in the security 7.1 spec, resource version 2. */
  apiVersion: "7.1-preview.2",
} as const;

/**
 * "allowed" or "denied" when Azure DevOps answered the check; "unknown" when it could not (refused, failed, or answered
 * in a shape we do not know), which the page shows as such rather than as a denial.
 */
export type OrganizationSettingsAccess = "allowed" | "denied" | "unknown";

export class RestOrganizationPermissions {
  constructor(private readonly rest: DevOpsRest = sdkDevOpsRest()) {}

  async organizationSettingsAccess(): Promise<OrganizationSettingsAccess> {
    const { namespaceId, bits, token, apiVersion } = ORGANIZATION_SETTINGS_PERMISSION;
    // alwaysAllowAdministrators=true: Project Collection Administrators may always change organization settings in
    // Azure DevOps' own pages, whatever the namespace token's ACL holds, so the check must not deny them here.
    const path = `_apis/permissions/${namespaceId}/${bits}?tokens=${encodeURIComponent(token)}&alwaysAllowAdministrators=true`;
    let answer: unknown;
    try {
      answer = await this.rest.send(CORE_AREA, "GET", path, apiVersion);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      // Refused (the token format is unconfirmed, the route may reject it), throttled past retries, or unreachable.
      return "unknown";
    }
    const verdict = firstVerdict(answer);
    return verdict === undefined ? "unknown" : verdict ? "allowed" : "denied";
  }

  /** For the current settings page: only a clear "denied" keeps it read-only; "unknown" lets the person save. */
  async canEditOrganizationSettings(): Promise<boolean> {
    return (await this.organizationSettingsAccess()) !== "denied";
  }
}

/** One boolean per token: a bare array with noArrayWrap, {count, value} without it, a bare boolean from older servers. */
function firstVerdict(answer: unknown): boolean | undefined {
  if (typeof answer === "boolean") return answer;
  const list = Array.isArray(answer) ? answer : (answer as { value?: unknown } | undefined)?.value;
  return Array.isArray(list) && typeof list[0] === "boolean" ? list[0] : undefined;
}
