// @vitest-environment node
import { ArmClient } from "../../../../src/clients/arm/armClient";
import type { Clock } from "../../../../src/platform/clock";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { HttpClient } from "../../../../src/platform/http/httpClient";
import { armAudience } from "../../../../src/platform/http/tokenAudience";
import { ProblemError } from "../../../../src/platform/problem";

const SUB = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d";
const USER = "11111111-2222-4333-8444-555555555555";
const ARM = "https://management.azure.com";
const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
const CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";
const UAA = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

type Route = (url: URL, init: RequestInit | undefined) => Response | undefined;

function armWith(route: Route) {
  const sent: string[] = [];
  const tokens: string[] = [];
  const clock: Clock = { now: () => 0, sleep: async () => undefined };
  const http = new HttpClient({
    service: "arm",
    baseUrl: ARM,
    audience: armAudience(AZURE_CLOUD),
    clock,
    token: async () => (tokens.push("arm"), "arm-token"),
    fetch: async (input, init) => {
      sent.push(String(input));
      return (
        route(new URL(String(input)), init) ??
        new Response(JSON.stringify({ error: { code: "NotFound", message: "no route" } }), { status: 404 })
      );
    },
  });
  return { arm: new ArmClient(http), sent, tokens };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const roleDefinition = (guid: string, actions: string[], notActions: string[] = []) => ({
  id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
  name: guid,
  properties: {
    roleName: guid,
    type: "BuiltInRole",
    description: "",
    permissions: [{ actions, notActions, dataActions: [], notDataActions: [] }],
  },
});
const assignment = (role: string, scope = `/subscriptions/${SUB}`) => ({
  id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${crypto.randomUUID()}`,
  name: crypto.randomUUID(),
  properties: {
    scope,
    roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
    principalId: USER,
    principalType: "User",
  },
});

describe("following ARM's next-page links", () => {
  it("follows a nextLink on the cloud's ARM host", async () => {
    const { arm } = armWith((url) => {
      if (url.pathname === "/subscriptions" && !url.searchParams.has("page"))
        return json({ value: [{ subscriptionId: "a" }], nextLink: `${ARM}/subscriptions?api-version=2022-12-01&page=2` });
      if (url.pathname === "/subscriptions") return json({ value: [{ subscriptionId: "b" }] });
      return undefined;
    });
    expect((await arm.listSubscriptions()).map((s) => s.subscriptionId)).toEqual(["a", "b"]);
  });

  it.each([
    ["a nextLink to another host", { nextLink: "https://management.azure.com.evil.example/subscriptions?page=2" }],
    ["a nextLink to Graph", { nextLink: "https://graph.microsoft.com/v1.0/users" }],
    ["a nextLink to another cloud's ARM", { nextLink: "https://management.usgovcloudapi.net/subscriptions?page=2" }],
    [
      "a management group @nextLink elsewhere",
      { "@nextLink": "https://evil.example/providers/Microsoft.Management/managementGroups?page=2" },
    ],
  ])("refuses %s with a clear Problem, never sending the token there", async (_what, link) => {
    const { arm, sent, tokens } = armWith((url) =>
      url.pathname.endsWith("managementGroups") || url.pathname === "/subscriptions"
        ? json({ value: [{ name: "mg", subscriptionId: "a" }], ...link })
        : undefined,
    );
    const list = "@nextLink" in link ? arm.listManagementGroups() : arm.listSubscriptions();
    const error = await list.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem).toMatchObject({
      title: "Azure Resource Manager sent a link the hub will not follow.",
      detail: expect.stringMatching(/did not send your sign-in there/),
    });
    expect(sent).toHaveLength(1);
    expect(sent.every((u) => u.startsWith(`${ARM}/`))).toBe(true);
    expect(tokens).toHaveLength(1);
  });
});

describe("ARM paths built from data", () => {
  it("refuses a workspace name that would climb to another route, before any request", async () => {
    const { arm, sent } = armWith(() => json({ value: [] }));
    await expect(arm.listWorkspaces(SUB, "../../providers")).rejects.toBeInstanceOf(ProblemError);
    await expect(arm.listResourceGroups("not-a-guid")).rejects.toBeInstanceOf(ProblemError);
    await expect(
      arm.putRoleAssignment(
        `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/../../x`,
        crypto.randomUUID(),
        `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
        USER,
      ),
    ).rejects.toBeInstanceOf(ProblemError);
    await expect(arm.deleteRoleAssignment(`/subscriptions/${SUB}`, "../x")).rejects.toBeInstanceOf(ProblemError);
    await expect(arm.listRoleAssignments(`/subscriptions/${SUB}`, "' or 1 eq 1 or '")).rejects.toBeInstanceOf(ProblemError);
    expect(sent).toEqual([]);
  });

  it("encodes each segment of a valid scope", async () => {
    const { arm, sent } = armWith(() => json({ value: [] }));
    await arm.listWorkspaces(SUB, "grüppe(1)");
    expect(new URL(sent[0]!).pathname).toBe(
      `/subscriptions/${SUB}/resourceGroups/gr%C3%BCppe(1)/providers/Microsoft.MachineLearningServices/workspaces`,
    );
  });
});

describe("whether you may assign roles at a scope, from documented routes", () => {
  function world(assignments: unknown[] | "fail", definitions: Record<string, unknown>) {
    return armWith((url) => {
      if (url.pathname.endsWith("/providers/Microsoft.Authorization/roleAssignments")) {
        if (assignments === "fail") return json({ error: { code: "AuthorizationFailed", message: "no" } }, 403);
        return json({ value: assignments });
      }
      const match = /roleDefinitions\/([^/]+)$/.exec(url.pathname);
      if (match)
        return definitions[match[1]!]
          ? json(definitions[match[1]!])
          : json({ error: { code: "RoleDefinitionDoesNotExist", message: "gone" } }, 404);
      return undefined;
    });
  }

  it("asks for the caller's role assignments at and above the scope, groups included, then reads their roles", async () => {
    const { arm, sent } = world([assignment(OWNER)], { [OWNER]: roleDefinition(OWNER, ["*"]) });
    expect(await arm.canAssignRoles(`/subscriptions/${SUB}`, USER)).toBe("allowed");
    const list = new URL(sent[0]!);
    expect(list.pathname).toBe(`/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments`);
    expect(list.searchParams.get("$filter")).toBe(`atScope() and assignedTo('${USER}')`);
    expect(list.searchParams.get("api-version")).toBe("2022-04-01");
    expect(new URL(sent[1]!).pathname).toBe(`/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`);
    expect(sent.some((u) => u.includes("/permissions"))).toBe(false);
  });

  it.each([
    ["Owner (*)", [OWNER], { [OWNER]: roleDefinition(OWNER, ["*"]) }, "allowed"],
    [
      "User Access Administrator (Microsoft.Authorization/*)",
      [READER, UAA],
      { [READER]: roleDefinition(READER, ["*/read"]), [UAA]: roleDefinition(UAA, ["*/read", "Microsoft.Authorization/*"]) },
      "allowed",
    ],
    [
      "Contributor (* but not Microsoft.Authorization/*/Write)",
      [CONTRIBUTOR],
      { [CONTRIBUTOR]: roleDefinition(CONTRIBUTOR, ["*"], ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write"]) },
      "denied",
    ],
    ["Reader only", [READER], { [READER]: roleDefinition(READER, ["*/read"]) }, "denied"],
    ["a role whose definition cannot be read", [READER, OWNER], { [READER]: roleDefinition(READER, ["*/read"]) }, "unknown"],
  ] as const)("%s → %s", async (_what, roles, definitions, expected) => {
    const { arm } = world(
      roles.map((r) => assignment(r)),
      definitions,
    );
    expect(await arm.canAssignRoles(`/subscriptions/${SUB}`, USER)).toBe(expected);
  });

  it("says unknown when ARM will not list the assignments, or lists none for someone who can see the scope", async () => {
    expect(await world("fail", {}).arm.canAssignRoles(`/subscriptions/${SUB}`, USER)).toBe("unknown");
    expect(await world([], {}).arm.canAssignRoles("/providers/Microsoft.Management/managementGroups/mg-1", USER)).toBe("unknown");
  });
});
