import { ROLE_IDS, SEED, subscriptionIdAt } from "../../emulator/model/seed";
import type { State } from "../../emulator/model/state";
import { startHarness, type Harness } from "./support/harness";
import {
  acceptDefaultsToReview,
  expectOneRun,
  openWizard,
  recordCalls,
  screenshot,
  verifyCalls,
  scriptErrors,
  type RecordedCall,
} from "./support/journey";
import { expectNoSecretLeak } from "./support/secretHygiene";

const SUBSCRIPTION_SCOPE = `/subscriptions/${subscriptionIdAt(0)}`;

declare global {
  interface Window {
    __waits?: string[];
  }
}

describe("replication delays: the run waits visibly, then succeeds verified", () => {
  let h: Harness;
  let calls: RecordedCall[];
  beforeAll(async () => {
    h = await startHarness({
      knobs: {
        // Counted in calls, so nothing here sleeps: each delay lasts only as long as the product's own backoff.
        consistency: {
          applicationToServicePrincipalCalls: 2,
          principalToRoleAssignmentCalls: 2,
          // One TestConnection rejects the new secret; the next one gets past the secret but finds the role not yet
          // effective (every TestConnection also ages the role by one call).
          secretToTestConnectionCalls: 1,
          roleAssignmentToTestConnectionCalls: 2,
        },
      },
    });
    calls = recordCalls(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("retries the principal, the role assignment and Verify with visible waits, creating each object once", async () => {
    const before: State = h.model.inspect();
    const w = await openWizard(h);
    await w.choose("Subscription", "Contoso Production");
    const { connectionName } = await acceptDefaultsToReview(w, { pipelines: ["web-ci", "web-deploy"] });

    // Every wait the Run page shows, as it shows it (a wait can be shorter than a poll).
    await w.frame.evaluate(() => {
      window.__waits = [];
      const seen = window.__waits;
      new MutationObserver(() => {
        for (const node of document.querySelectorAll(".run-step-waiting")) {
          const step = node.closest("[data-step]")?.getAttribute("data-step") ?? "?";
          const text = `${step}: ${node.textContent ?? ""}`;
          if (!seen.includes(text)) seen.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const started = Date.now();
    await w.frame.getByRole("button", { name: "Create" }).click();
    await w.page("Create");

    const principalWait = w.frame.locator('[data-step="createServicePrincipal"] .run-step-waiting');
    await principalWait.waitFor();
    expect(await principalWait.textContent()).toMatch(
      /^Entra ID is still replicating the new app registration: trying again in \d+\.\d s \(waiting at most 180\.0 s in all\)$/,
    );
    await screenshot(h, "replication-retry-waiting");

    await w.page("Result");
    await w.frame.getByText("The connection is ready and verified.").waitFor();
    const elapsed = Date.now() - started;
    await screenshot(h, "replication-retry-result");

    const waits = await w.frame.evaluate(() => window.__waits ?? []);
    const reasons = (step: string) => waits.filter((t) => t.startsWith(`${step}: `));
    expect(reasons("createServicePrincipal").length).toBeGreaterThanOrEqual(1);
    expect(reasons("assignRole").length).toBeGreaterThanOrEqual(1);
    expect(reasons("assignRole")[0]).toContain("Azure is still replicating the new service principal");
    expect(reasons("verify").length).toBeGreaterThanOrEqual(1);
    expect(reasons("verify")[0]).toContain("Azure has not yet accepted the new secret or role");
    // The waits are over: no step still shows one.
    expect(await w.frame.locator(".run-step-waiting").count()).toBe(0);

    // Each replication delay cost exactly its counted calls, and nothing was created twice.
    const count = (service: RecordedCall["service"], method: string, test: (path: string) => boolean) =>
      calls.filter((c) => c.service === service && c.method === method && test(c.path)).length;
    expect(count("graph", "POST", (p) => /^\/v1\.0\/applications\/?$/.test(p))).toBe(1);
    expect(count("graph", "POST", (p) => /^\/v1\.0\/servicePrincipals\/?$/.test(p))).toBe(3);
    expect(count("graph", "POST", (p) => p.endsWith("/addPassword"))).toBe(1);
    expect(count("arm", "PUT", (p) => p.includes("/roleAssignments/"))).toBe(3);
    expect(verifyCalls(calls)).toHaveLength(3);
    expect(count("devops", "POST", (p) => /\/_apis\/serviceendpoint\/endpoints\/?$/i.test(p))).toBe(1);
    // Bounded by the product's backoff (at most 2 + 4 s per Entra/ARM delay, 1 + 2 s for Verify), not by any sleep here.
    expect(elapsed).toBeLessThan(25_000);

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
      pipelineIds: [11, 12],
    });
    // Replication has caught up everywhere: nothing of the run is still pending.
    const after = h.model.inspect();
    expect(after.servicePrincipals.every((p) => p.pendingRoleAssignmentCalls === 0)).toBe(true);
    expect(after.roleAssignments.every((r) => r.pendingTestConnectionCalls === 0)).toBe(true);
    expect(h.blocked).toEqual([]);
    expect(scriptErrors(h)).toEqual([]);
    await expectNoSecretLeak(h);
  });
});
