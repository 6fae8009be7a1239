import { reviewChecks, CHECK_TIMEOUT_MS } from "../../../../src/workflows/provisioning/reviewChecks";
import { formFor } from "../../../support/provisioningForms";

const CONTEXT = { organization: "contoso", project: { id: "p-1", name: "Fabrikam Web" }, userObjectId: "u" };
const never = <T>() => new Promise<T>(() => undefined);

describe("Review's checks", () => {
  afterEach(() => vi.useRealTimers());

  it("each gives up after 10 seconds and says so, so Review never waits on a silent service", async () => {
    vi.useFakeTimers();
    const done = reviewChecks(formFor("Subscription"), CONTEXT, {
      connections: { findByName: never },
      arm: { canAssignRoles: never },
      graph: { canRegisterApplications: never },
    });
    await vi.advanceTimersByTimeAsync(CHECK_TIMEOUT_MS);
    const hints = await done;
    expect(CHECK_TIMEOUT_MS).toBe(10_000);
    expect(hints.map((h) => h.status)).toEqual(["unknown", "unknown", "unknown"]);
    for (const hint of hints) expect(hint.text).toContain("(no answer within 10 seconds; gave up)");
  });

  it("a taken name is a known failure that blocks Create; a free name is a note", async () => {
    const taken = await reviewChecks(formFor("Subscription"), CONTEXT, {
      connections: { findByName: async () => ({ name: "x" }) as never },
      arm: { canAssignRoles: async () => "denied" as const },
      graph: { canRegisterApplications: async () => true },
    });
    expect(taken[0]).toMatchObject({ id: "connectionName", status: "warning", blocks: true });
    const free = await reviewChecks(formFor("Subscription"), CONTEXT, {
      connections: { findByName: async () => undefined },
      arm: { canAssignRoles: async () => "denied" as const },
      graph: { canRegisterApplications: async () => true },
    });
    expect(free[0]!.blocks).toBeUndefined();
    expect(free[0]!.text).toContain("one you cannot see may still have it");
  });
});
