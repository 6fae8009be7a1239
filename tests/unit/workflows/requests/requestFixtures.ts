import type { ProvisioningForm } from "../../../../src/workflows/provisioning/form";
import { REQUEST_SCHEMA } from "../../../../src/workflows/requests/requestDocument";

export const NOW = Date.parse("2026-12-07T12:00:00Z");
export const DAY_MS = 86_400_000;
export const PROJECT = { id: "6a1c2b3d-0000-4000-8000-000000000001", name: "Fabrikam Web" };
export const REQUESTER = { id: "b5b2c3d4-1111-4222-8333-444455556666", displayName: "Mo Member" };
export const ADMIN = { id: "c6c2c3d4-1111-4222-8333-444455556666", displayName: "Ada Admin" };
export const REQUEST_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
export const SUBSCRIPTION = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
export const TENANT = "11111111-2222-4333-8444-555555555555";
export const CONTRIBUTOR = { id: "b24988ac-6180-42a0-ab88-20f7382dd24c", roleName: "Contributor" };
export const READER_ROLE = { id: "acdd72a7-3385-48ef-bd42-f606fba81ae7", roleName: "Reader" };

export const form = (over: Partial<ProvisioningForm> = {}): ProvisioningForm => ({
  cloudId: "AzureCloud",
  credential: "secret",
  tenantId: TENANT,
  scope: { level: "Subscription", subscriptionId: SUBSCRIPTION, subscriptionName: "Contoso Production" },
  app: { displayName: "contoso-fabrikam-web", signInAudience: "AzureADMyOrg", coOwnerIds: [] },
  secret: { description: "Azure DevOps service connection", endDateTime: new Date(NOW + 90 * DAY_MS).toISOString() },
  role: CONTRIBUTOR,
  connection: { name: "contoso-fabrikam-web", description: "", pipelineIds: [11, 12], allPipelines: false, verify: true },
  ...over,
});

/** A stored request document as the hub writes it; `over` replaces top-level fields. */
export const document = (over: Record<string, unknown> = {}) => ({
  id: REQUEST_ID,
  schema: REQUEST_SCHEMA,
  status: "open",
  project: { ...PROJECT },
  requestedBy: { ...REQUESTER },
  requestedAt: "2026-12-06T08:00:00.000Z",
  reason: "We deploy the web app from the release pipeline.",
  asked: {
    cloudId: "AzureCloud",
    tenantId: TENANT,
    scope: { level: "Subscription", subscriptionId: SUBSCRIPTION, subscriptionName: "Contoso Production" },
    app: { displayName: "contoso-fabrikam-web", signInAudience: "AzureADMyOrg", coOwnerIds: [] },
    secret: { description: "Azure DevOps service connection", lifetimeDays: 90 },
    role: { ...CONTRIBUTOR },
    connection: { name: "contoso-fabrikam-web", description: "", pipelineIds: [11], allPipelines: false, verify: true },
  },
  __etag: 2,
  ...over,
});

/** The same document with one nested field replaced: `path` like "asked.scope.subscriptionId". */
export function tampered(path: string, value: unknown): Record<string, unknown> {
  const doc = JSON.parse(JSON.stringify(document())) as Record<string, unknown>;
  const keys = path.split(".");
  let at: Record<string, unknown> = doc;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  if (value === undefined) delete at[keys.at(-1)!];
  else at[keys.at(-1)!] = value;
  return doc;
}
