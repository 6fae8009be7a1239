import { describe, expect, it } from "vitest";
import type { ProvisioningContext, ProvisioningForm } from "../../../../src/workflows/provisioning/form";
import { REVIEW_CHECKS_FRESH_MS, reuseReviewChecks } from "../../../../src/workflows/provisioning/reviewCheckReuse";
import type { ReviewHint } from "../../../../src/workflows/provisioning/reviewChecks";

const form = (name: string, endDateTime = "2027-06-01T00:00:00.000Z") =>
  ({
    cloudId: "AzureCloud",
    tenantId: "t",
    scope: { level: "Subscription", subscriptionId: "s" },
    connection: { name },
    secret: { endDateTime },
  }) as unknown as ProvisioningForm;
const person = (id: string): ProvisioningContext => ({ organization: "contoso", project: { id: "p", name: "Web" }, userObjectId: id });
const ok: ReviewHint[] = [{ id: "connectionName", status: "ok", text: "free" }];

function counted(answer: () => Promise<ReviewHint[]>) {
  const calls: string[] = [];
  return { calls, check: (f: ProvisioningForm) => (calls.push(f.connection.name), answer()) };
}

describe("Review's checks asked once for the same form and person", () => {
  it("reuses an answer for the same form and person while it is fresh, and asks again after", async () => {
    let now = 0;
    const c = counted(async () => ok);
    const checks = reuseReviewChecks(c.check, { now: () => now });
    await checks(form("a"), person("u1"));
    await checks(form("a"), person("u1"));
    expect(c.calls).toEqual(["a"]);
    now = REVIEW_CHECKS_FRESH_MS;
    await checks(form("a"), person("u1"));
    expect(c.calls).toEqual(["a", "a"]);
  });

  it("reuses an answer when only what the checks do not ask about changed (the secret's end date)", async () => {
    const c = counted(async () => ok);
    const checks = reuseReviewChecks(c.check, { now: () => 0 });
    await checks(form("a", "2027-06-01T00:00:00.000Z"), person("u1"));
    await checks(form("a", "2027-06-01T00:00:01.000Z"), person("u1"));
    expect(c.calls).toEqual(["a"]);
  });

  it("asks again for another form or another person", async () => {
    const c = counted(async () => ok);
    const checks = reuseReviewChecks(c.check, { now: () => 0 });
    await checks(form("a"), person("u1"));
    await checks(form("b"), person("u1"));
    await checks(form("b"), person("u2"));
    expect(c.calls).toEqual(["a", "b", "b"]);
  });

  it("does not keep a failed ask", async () => {
    const failing = counted(() => Promise.reject(new Error("down")));
    const again = reuseReviewChecks(failing.check, { now: () => 0 });
    await expect(again(form("a"), person("u1"))).rejects.toThrow("down");
    await expect(again(form("a"), person("u1"))).rejects.toThrow("down");
    expect(failing.calls).toEqual(["a", "a"]);
  });
});
