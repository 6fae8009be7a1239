import { ROLE_IDS, SEED, subscriptionIdAt } from "../../emulator/model/seed";
import type { State } from "../../emulator/model/state";
import { startHarness, type Harness } from "./support/harness";
import {
  acceptDefaultsToReview,
  expectNothingLeft,
  expectOneRun,
  openWizard,
  recordCalls,
  ROLE_ASSIGNMENT_PUT,
  screenshot,
  scriptErrors,
  type RecordedCall,
} from "./support/journey";
import { expectNoSecretLeak } from "./support/secretHygiene";

/**
 * Azure's mandatory MFA for ARM writes (emulator/model/arm/ROUTES.md, "MFA for writes"): the person signed in without
 * MFA, so ARM answers the role assignment, and the rollback's delete, with a claims challenge. The hub must meet it
 * through the host (nested app authentication, an interactive GetTokenPopup with the claims) and repeat the call,
 * without the person starting over.
 */
const SUBSCRIPTION_SCOPE = `/subscriptions/${subscriptionIdAt(0)}`;
const CREATE_CONNECTION_PATH = "/_apis/[Ss]ervice[Ee]ndpoint/[Ee]ndpoints/?$";

describe("a claims challenge from ARM in the middle of a run", () => {
  let h: Harness;
  let calls: RecordedCall[];
  beforeAll(async () => {
    h = await startHarness();
    h.model.state.tenants.find((t) => t.id === SEED.tenantId)!.requireMfaForArmWrites = true;
    h.model.state.users.find((u) => u.id === SEED.users.admin)!.mfa = false;
    calls = recordCalls(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  const roleAssignmentWrites = () =>
    calls.filter((c) => c.service === "arm" && (c.method === "PUT" || c.method === "DELETE") && ROLE_ASSIGNMENT_PUT.test(c.path));

  it("is met by signing in again with MFA through the host, and the run finishes verified", async () => {
    const before: State = h.model.inspect();
    const w = await openWizard(h);
    await w.choose("Subscription", "Contoso Production");
    const { connectionName } = await acceptDefaultsToReview(w, { pipelines: ["web-ci"] });
    await w.frame.getByRole("button", { name: "Create" }).click();
    await w.page("Result");
    await w.frame.getByText("The connection is ready and verified.").waitFor();
    await screenshot(h, "reliability-claims-challenge-result");

    // The first PUT was challenged; the second, with an MFA token, was accepted.
    expect(roleAssignmentWrites().map((c) => c.method)).toEqual(["PUT", "PUT"]);
    expectOneRun(before, h.model.inspect(), {
      scope: SUBSCRIPTION_SCOPE,
      roleDefinitionId: ROLE_IDS.reader,
      tenantId: SEED.tenantId,
      projectId: SEED.project.id,
      connectionName,
      data: {
        environment: "AzureCloud",
        scopeLevel: "Subscription",
        subscriptionId: subscriptionIdAt(0),
        subscriptionName: "Contoso Production",
        creationMode: "Manual",
      },
      pipelineIds: [11],
    });
    await w.frame.getByRole("button", { name: "Done" }).click();
    expect(scriptErrors(h)).toEqual([]);
    await expectNoSecretLeak(h);
  });

  it("does not stop Roll back from deleting the role assignment under the same policy", async () => {
    const before: State = h.model.inspect();
    calls.length = 0;
    h.model.knobs.faults = [{ service: "devops", method: "POST", path: CREATE_CONNECTION_PATH, count: Infinity, status: 500 }];
    const w = await openWizard(h);
    await w.choose("Subscription", "Contoso Production");
    await acceptDefaultsToReview(w, { connectionName: "claims-rollback" });
    await w.frame.getByRole("button", { name: "Create" }).click();
    await w.frame.getByRole("button", { name: "Roll back", exact: true }).click();
    await w.frame.getByTestId("rolled-back").waitFor();
    h.model.knobs.faults = [];

    // The delete is a write too: it goes through with the MFA token (challenged again if the token lacked it).
    expect(roleAssignmentWrites().filter((c) => c.method === "DELETE").length).toBeGreaterThanOrEqual(1);
    expectNothingLeft(before, h.model.inspect());
    expect(scriptErrors(h)).toEqual([]);
    await expectNoSecretLeak(h);
  });
});
