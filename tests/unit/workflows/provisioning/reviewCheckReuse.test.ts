import { describe, expect, it } from "vitest";
import type { ProvisioningContext, ProvisioningForm } from "../../../../src/workflows/provisioning/form";
import { REVIEW_CHECKS_FRESH_MS, reuseReviewChecks } from "../../../../src/workflows/provisioning/reviewCheckReuse";
import type { ReviewHint } from "../../../../src/workflows/provisioning/reviewChecks";

const form = (name: string) => ({ connection: { name } }) as unknown as ProvisioningForm;
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

  it("asks again for another form or another person", async () => {
    const c = counted(async () => ok);
    const checks = reuseReviewChecks(c.check, { now: () => 0 });
    await checks(form("a"), person("u1"));
    await checks(form("b"), person("u1"));
    await checks(form("b"), person("u2"));
    expect(c.calls).toEqual(["a", "b", "b"]);
  });

  it("does not reuse an answer with a check that could not be made, nor a failure", async () => {
    const unknown: ReviewHint[] = [{ id: "assignRoles", status: "unknown", text: "no answer" }];
    const c = counted(async () => unknown);
    const checks = reuseReviewChecks(c.check, { now: () => 0 });
    await checks(form("a"), person("u1"));
    await checks(form("a"), person("u1"));
    expect(c.calls).toEqual(["a", "a"]);

    const failing = counted(() => Promise.reject(new Error("down")));
    const again = reuseReviewChecks(failing.check, { now: () => 0 });
    await expect(again(form("a"), person("u1"))).rejects.toThrow("down");
    await expect(again(form("a"), person("u1"))).rejects.toThrow("down");
    expect(failing.calls).toEqual(["a", "a"]);
  });
});
