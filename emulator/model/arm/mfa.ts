import { json, type ServiceResponse } from "../core/http";
import type { World } from "../world";
import type { ArmCaller } from "./auth";

/**
 * Azure's mandatory MFA for ARM writes. Azure CLI's troubleshooting guide shows the platform refusing such a write with
 * "Unauthorized. RequestDisallowedByPolicy … Users must authenticate with multi-factor authentication to create or update
 * resources" plus a claims challenge (which `az login --claims-challenge` replays); tenants that instead assign the
 * built-in Azure Policy get a plain 403 RequestDisallowedByPolicy. Tenant.armMfaEnforcement picks the shape; the claims
 * challenge is the default because it is what the platform enforcement sends.
 */

/** Guess: the authentication-context value inside the challenge; clients must pass the challenge through untouched. */
export const MFA_CLAIMS = { access_token: { acrs: { essential: true, value: "c1" } } } as const;

/** The built-in policy definitions behind the Azure Policy variant. */
const POLICY = {
  write: {
    id: "4e6c27d5-a6ee-49cf-b2b4-d8fe90fa2b8b",
    name: "Users must authenticate with multi-factor authentication to create or update resources",
    verb: "Create/Update",
  },
  delete: {
    id: "db4a9d17-db75-4f46-9fcb-9f9526604417",
    name: "Users must authenticate with multi-factor authentication to delete resources",
    verb: "Delete",
  },
} as const;

export type WriteKind = keyof typeof POLICY;

export function mfaClaimsChallengeHeader(tenantId: string): string {
  const claims = Buffer.from(JSON.stringify(MFA_CLAIMS), "utf8").toString("base64");
  return `Bearer authorization_uri="https://login.microsoftonline.com/${tenantId}/oauth2/authorize", error="insufficient_claims", claims="${claims}"`;
}

/** The refusal for a write by a person who signed in without MFA in a tenant that requires it; undefined otherwise. */
export function refuseWriteWithoutMfa(world: World, caller: ArmCaller, kind: WriteKind, target: string): ServiceResponse | undefined {
  const tenant = world.state.tenants.find((t) => t.id.toLowerCase() === caller.tenantId.toLowerCase());
  if (!tenant?.requireMfaForArmWrites || !caller.interactive || caller.hasMfa) return undefined;
  const policy = POLICY[kind];
  if (tenant.armMfaEnforcement === "azurePolicy") {
    return json(403, {
      error: {
        code: "RequestDisallowedByPolicy",
        target,
        message: `Resource '${target}' was disallowed by policy. Reasons: 'MFA is required.'. See error details for policy resource IDs.`,
        additionalInfo: [
          {
            type: "PolicyViolation",
            info: {
              policyDefinitionDisplayName: policy.name,
              policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${policy.id}`,
              policyDefinitionEffect: kind === "delete" ? "DenyAction" : "Deny",
            },
          },
        ],
      },
    });
  }
  return json(
    401,
    {
      error: {
        code: "RequestDisallowedByPolicy",
        message: `Resource was disallowed by policy. Users must use MFA for ${policy.verb} operation. ${policy.name}.`,
      },
    },
    { "www-authenticate": mfaClaimsChallengeHeader(caller.tenantId) },
  );
}
