import { guidFrom } from "../../../emulator/model/core/ids";
import { ROLE_IDS, SEED, subscriptionIdAt } from "../../../emulator/model/seed";
import {
  addServicePrincipal,
  addUser,
  body,
  call,
  grant,
  newBox,
  roleAssignmentPath,
  roleDefinitionId,
  tokenFor,
  V,
} from "./support/armKit";

const SUB_SCOPE = `/subscriptions/${subscriptionIdAt(0)}`;
const NAME = guidFrom("mfa:assignment");

function tenantRequiringMfa(enforcement?: "claimsChallenge" | "azurePolicy") {
  const box = newBox();
  const tenant = box.state.tenants.find((t) => t.id === SEED.tenantId)!;
  tenant.requireMfaForArmWrites = true;
  if (enforcement) tenant.armMfaEnforcement = enforcement;
  const sp = addServicePrincipal(box, "deployer");
  const reader = {
    properties: { roleDefinitionId: roleDefinitionId(ROLE_IDS.reader), principalId: sp, principalType: "ServicePrincipal" },
  };
  return { box, sp, reader };
}

describe("mandatory MFA for ARM writes", () => {
  it("challenges a write without MFA with 401, a claims challenge and RequestDisallowedByPolicy", async () => {
    const { box, reader } = tenantRequiringMfa();
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, SEED.users.admin, { mfa: false }),
      body: reader,
    });
    expect(res.status).toBe(401);
    expect(body(res).error.code).toBe("RequestDisallowedByPolicy");
    const header = res.headers?.["www-authenticate"] ?? "";
    expect(header).toMatch(
      new RegExp(
        `^Bearer authorization_uri="https://login\\.microsoftonline\\.com/${SEED.tenantId}/oauth2/authorize", error="insufficient_claims", claims="([^"]+)"$`,
      ),
    );
    const claims = /claims="([^"]+)"/.exec(header)![1]!;
    expect(JSON.parse(Buffer.from(claims, "base64").toString("utf8"))).toEqual({
      access_token: { acrs: { essential: true, value: "c1" } },
    });
    expect(box.state.roleAssignments.some((ra) => ra.name === NAME)).toBe(false);
  });

  it("answers 403 RequestDisallowedByPolicy without a challenge when the tenant enforces MFA through Azure Policy", async () => {
    const { box, reader } = tenantRequiringMfa("azurePolicy");
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, SEED.users.admin, { mfa: false }),
      body: reader,
    });
    expect(res.status).toBe(403);
    expect(res.headers?.["www-authenticate"]).toBeUndefined();
    expect(body(res).error).toMatchObject({ code: "RequestDisallowedByPolicy", target: NAME });
    expect(body(res).error.message).toContain("MFA is required");
    expect(body(res).error.additionalInfo[0].info.policyDefinitionId).toBe(
      "/providers/Microsoft.Authorization/policyDefinitions/4e6c27d5-a6ee-49cf-b2b4-d8fe90fa2b8b",
    );
  });

  it("lets the same write through with an MFA token", async () => {
    const { box, reader } = tenantRequiringMfa();
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, SEED.users.admin, { mfa: true }),
      body: reader,
    });
    expect(res.status).toBe(201);
  });

  it("applies to deletes too", async () => {
    const { box } = tenantRequiringMfa();
    const existing = grant(box, guidFrom("sp:deployer"), ROLE_IDS.reader, SUB_SCOPE);
    const res = await call(box, "DELETE", roleAssignmentPath(SUB_SCOPE, existing.name), {
      token: tokenFor(box, SEED.users.admin, { mfa: false }),
    });
    expect(res.status).toBe(401);
    expect(body(res).error.message).toContain("Delete");
  });

  it("leaves reads alone", async () => {
    const { box } = tenantRequiringMfa();
    const res = await call(box, "GET", `/subscriptions?api-version=${V.subscriptions}`, {
      token: tokenFor(box, SEED.users.admin, { mfa: false }),
    });
    expect(res.status).toBe(200);
  });

  it("exempts workload identities (service principals)", async () => {
    const { box, reader } = tenantRequiringMfa();
    const automation = addServicePrincipal(box, "automation");
    grant(box, automation, ROLE_IDS.owner, SUB_SCOPE);
    const appId = box.state.servicePrincipals.find((s) => s.id === automation)!.appId;
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), { token: tokenFor(box, automation, { appId }), body: reader });
    expect(res.status).toBe(201);
  });

  it("does nothing in a tenant that does not require it", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const user = addUser(box, "no-mfa", false);
    grant(box, user, ROLE_IDS.owner, SUB_SCOPE);
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, user, { mfa: false }),
      body: { properties: { roleDefinitionId: roleDefinitionId(ROLE_IDS.reader), principalId: sp } },
    });
    expect(res.status).toBe(201);
  });
});
