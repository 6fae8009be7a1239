import { armError } from "../core/errors";
import type { ServiceRequest, ServiceResponse } from "../core/http";

/**
 * The api-versions each family of routes accepts: those CONTRACTS.md §4 and the vendored specs name, and no others,
 * so code that passes here uses a version Azure is known to serve with this shape.
 */
export const API_VERSIONS = {
  /** /tenants, /subscriptions (Microsoft.Resources/subscriptions 2022-12-01). */
  subscriptions: ["2022-12-01"],
  /** Microsoft.Management/managementGroups; 2021-04-01 has the same list and get contract. */
  managementGroups: ["2023-04-01", "2021-04-01"],
  /** Microsoft.Resources/resourceGroups. */
  resourceGroups: ["2021-04-01"],
  /** Microsoft.MachineLearningServices/workspaces. */
  workspaces: ["2024-10-01"],
  /** Microsoft.Authorization roleAssignments, roleDefinitions, permissions. */
  authorization: ["2022-04-01"],
} as const satisfies Record<string, readonly string[]>;

export type ApiFamily = keyof typeof API_VERSIONS;

/** Query parameter names are case-insensitive in ARM. */
export function queryValue(req: ServiceRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of req.query) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The error ARM answers when api-version is missing or not served for this family; undefined when it is fine. */
export function checkApiVersion(req: ServiceRequest, family: ApiFamily): ServiceResponse | undefined {
  const version = queryValue(req, "api-version");
  if (version === undefined || version === "") {
    return armError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
  }
  const supported: readonly string[] = API_VERSIONS[family];
  if (!supported.includes(version)) {
    return armError(
      400,
      "InvalidApiVersionParameter",
      `The api-version '${version}' is invalid. The supported versions are '${supported.join(",")}'.`,
    );
  }
  return undefined;
}
