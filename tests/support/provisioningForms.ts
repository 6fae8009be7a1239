/**
 * Valid provisioning forms from the seed's values, one per scope level. Free of the Azure DevOps api package, so tests
 * of pure functions can use them outside jsdom.
 */
import { SEED, subscriptionIdAt } from "../../emulator/model/seed";
import { AZURE_CLOUD } from "../../src/platform/clouds";
import { READER, type ProvisioningForm, type ScopeChoice, type ScopeLevel } from "../../src/workflows/provisioning/form";

/** Where every world's clock starts. */
export const NOW = new Date("2026-03-01T12:00:00Z");
export const DAY_MS = 86_400_000;
export const ML_SUBSCRIPTION_ID = subscriptionIdAt(SEED.mlSubscriptionIndex);

/** The seeded scopes, one per level, as the pickers would fill them. */
export const SCOPES: Record<ScopeLevel, ScopeChoice> = {
  Subscription: { level: "Subscription", subscriptionId: subscriptionIdAt(0), subscriptionName: "Contoso Production" },
  ManagementGroup: { level: "ManagementGroup", managementGroupId: SEED.managementGroup, managementGroupName: "Contoso Platform" },
  AzureMLWorkspace: {
    level: "AzureMLWorkspace",
    subscriptionId: ML_SUBSCRIPTION_ID,
    subscriptionName: "Contoso Production",
    resourceGroupName: "rg-ml",
    workspaceName: "mlw-forecasting",
    workspaceLocation: "westeurope",
  },
};

export interface FormOverrides {
  cloudId?: string;
  credential?: ProvisioningForm["credential"];
  tenantId?: string;
  scope?: ScopeChoice;
  app?: Partial<ProvisioningForm["app"]>;
  secret?: Partial<ProvisioningForm["secret"]>;
  role?: ProvisioningForm["role"];
  connection?: Partial<ProvisioningForm["connection"]>;
}

/** A valid form for a scope level, from the seed: Reader, a 180-day secret, pipelines 11 and 12, verify on. */
export function formFor(level: ScopeLevel, overrides: FormOverrides = {}): ProvisioningForm {
  const slug = level.toLowerCase();
  return {
    cloudId: overrides.cloudId ?? AZURE_CLOUD.id,
    credential: overrides.credential ?? "secret",
    tenantId: overrides.tenantId ?? SEED.tenantId,
    scope: overrides.scope ?? SCOPES[level],
    app: { displayName: `contoso-fabrikam-web-${slug}`, signInAudience: "AzureADMyOrg", coOwnerIds: [], ...overrides.app },
    secret: { description: "Azure Pipelines", endDateTime: new Date(NOW.getTime() + 180 * DAY_MS).toISOString(), ...overrides.secret },
    role: overrides.role ?? READER,
    connection: {
      name: `contoso-${slug}-reader`,
      description: "Deploys Fabrikam Web",
      pipelineIds: [11, 12],
      allPipelines: false,
      verify: true,
      ...overrides.connection,
    },
  };
}
