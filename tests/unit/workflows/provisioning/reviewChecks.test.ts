// @vitest-environment jsdom
import { SEED, subscriptionIdAt } from "../../../../emulator/model/seed";
import { reviewChecks, type ReviewHint, type ReviewPorts } from "../../../../src/workflows/provisioning/reviewChecks";
import { createWorld, formFor, type SeedUser, type World } from "../../../support/inProcessAzure";

/** What the Review page can check before anything is created: the name, the right to register apps, the right to assign roles. */
const portsOf = (world: World): ReviewPorts => ({ connections: world.connections, arm: world.clients.arm, graph: world.clients.graph });
const hint = (hints: ReviewHint[], id: ReviewHint["id"]) => hints.find((h) => h.id === id)!;

async function check(user: SeedUser, form = formFor("Subscription")) {
  const world = createWorld({ user });
  return { world, hints: await reviewChecks(form, world.context, portsOf(world)) };
}

describe("the review checks, against the tenant", () => {
  it("answers all three, in order, for an administrator at a subscription", async () => {
    const { hints } = await check("admin");
    expect(hints.map((h) => [h.id, h.status])).toEqual([
      ["connectionName", "ok"],
      // Graph lets only admins with Policy.Read.All read the tenant policy; the hub's token has no such scope.
      ["registerApps", "unknown"],
      ["assignRoles", "ok"],
    ]);
    expect(hint(hints, "assignRoles").text).toBe("You may assign roles at the subscription Contoso Production.");
  });

  it("warns that the name is taken when a connection of that name exists", async () => {
    const world = createWorld();
    await world.provisioningRun(formFor("Subscription")).start();
    const hints = await reviewChecks(
      formFor("Subscription", { connection: { name: "  CONTOSO-subscription-reader " } }),
      world.context,
      portsOf(world),
    );
    expect(hint(hints, "connectionName")).toMatchObject({
      status: "warning",
      text: 'A service connection named "contoso-subscription-reader" already exists in this project. Choose another name.',
    });
  });

  it("warns a Contributor that they may not assign roles, and tells a User Access Administrator they may", async () => {
    expect(hint((await check("developer")).hints, "assignRoles")).toMatchObject({
      status: "warning",
      text: expect.stringContaining("Owner, User Access Administrator or Role Based Access Control Administrator"),
    });
    const development = formFor("Subscription", {
      scope: { level: "Subscription", subscriptionId: subscriptionIdAt(1), subscriptionName: "Contoso Development" },
    });
    expect(hint((await check("developer", development)).hints, "assignRoles").status).toBe("ok");
  });

  it("checks the right to assign roles at a management group and at a workspace", async () => {
    expect(hint((await check("admin", formFor("ManagementGroup"))).hints, "assignRoles").status).toBe("ok");
    expect(hint((await check("admin", formFor("AzureMLWorkspace"))).hints, "assignRoles").status).toBe("ok");
    expect(hint((await check("member", formFor("AzureMLWorkspace"))).hints, "assignRoles").status).toBe("warning");
  });

  it("says it could not check when Azure DevOps or ARM fail", async () => {
    const world = createWorld();
    world.fail({ service: "devops", path: "serviceendpoint", status: 500, count: Infinity });
    world.fail({ service: "arm", path: "/roleAssignments$", status: 500, count: Infinity });
    const hints = await reviewChecks(formFor("Subscription"), world.context, portsOf(world));
    expect(hints.map((h) => h.status)).toEqual(["unknown", "unknown", "unknown"]);
    expect(hint(hints, "assignRoles").text).toBe("Azure did not tell whether you may assign roles at the subscription Contoso Production.");
  });
});

describe("the review checks' words for what Graph could tell", () => {
  const base: Omit<ReviewPorts, "graph"> = {
    connections: { findByName: async () => undefined },
    arm: { canAssignRoles: async () => "allowed" as const },
  };
  const context = { organization: "contoso", project: SEED.project, userObjectId: SEED.users.admin };

  it.each([
    [true, "ok", "You may register applications in this directory."],
    [
      false,
      "warning",
      "Your directory does not let you register applications. Ask for the Application Developer role, or use Bring your own app registration.",
    ],
    [undefined, "unknown", expect.stringMatching(/^Could not check whether you may register applications/)],
  ] as const)("canRegisterApplications %s → %s", async (answer, status, text) => {
    const hints = await reviewChecks(formFor("Subscription"), context, { ...base, graph: { canRegisterApplications: async () => answer } });
    expect(hint(hints, "registerApps")).toEqual({ id: "registerApps", status, text });
  });

  it("treats a failing Graph call as unknown", async () => {
    const hints = await reviewChecks(formFor("Subscription"), context, {
      ...base,
      graph: { canRegisterApplications: () => Promise.reject(new Error("offline")) },
    });
    expect(hint(hints, "registerApps").status).toBe("unknown");
  });

  it("looks the name up trimmed", async () => {
    const names: string[] = [];
    await reviewChecks(formFor("Subscription", { connection: { name: "  spaced  " } }), context, {
      ...base,
      connections: { findByName: async (_p, name) => (names.push(name), undefined) },
      graph: { canRegisterApplications: async () => true },
    });
    expect(names).toEqual(["spaced"]);
  });
});
