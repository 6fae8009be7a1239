// @vitest-environment jsdom
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { LeftBehindError } from "../../../../src/workflows/engine/leftBehind";
import { READER } from "../../../../src/workflows/provisioning/form";
import {
  ensureRoleAssignment,
  plannedRoleAssignment,
  readRoleAssignmentsAt,
  removeRoleAssignment,
} from "../../../../src/workflows/resources/roleAssignment";
import { ensureServicePrincipal } from "../../../../src/workflows/resources/servicePrincipal";
import { formFor } from "../../../support/inProcessAzure";
import { resourceWorld } from "./resourceWorld";

async function withPrincipal(options: Parameters<typeof resourceWorld>[0] = {}) {
  const kit = resourceWorld(options);
  const made = await kit.app();
  const principal = await ensureServicePrincipal(kit.world.clients.graph, kit.wait, made.appId, false);
  const planned = plannedRoleAssignment(formFor("Subscription").scope, kit.runId, READER);
  return { ...kit, principal, planned };
}

describe("the role assignment resource", () => {
  it("names the assignment from the run, the scope and the role: the same name every time", () => {
    const scope = formFor("Subscription").scope;
    expect(plannedRoleAssignment(scope, "run-1", READER).name).toBe(plannedRoleAssignment(scope, "RUN-1", READER).name);
    expect(plannedRoleAssignment(scope, "run-2", READER).name).not.toBe(plannedRoleAssignment(scope, "run-1", READER).name);
  });

  it("waits out PrincipalNotFound for a new principal, then assigns once even when the PUT is repeated", async () => {
    const { world, wait, waits, principal, planned } = await withPrincipal({
      knobs: { consistency: { principalToRoleAssignmentCalls: 2 }, repeatedRoleAssignmentPutConflicts: true },
    });
    await ensureRoleAssignment(world.clients.arm, wait, planned, principal.id);
    await ensureRoleAssignment(world.clients.arm, wait, planned, principal.id);
    expect(waits).toEqual(["Azure is still replicating the new service principal", "Azure is still replicating the new service principal"]);
    expect(world.state().roleAssignments.filter((r) => r.name === planned.name)).toHaveLength(1);
    const read = await readRoleAssignmentsAt(world.clients.arm, planned.scope, principal.id);
    expect(read).toEqual([expect.objectContaining({ name: planned.name, roleName: "Reader" })]);
  });

  it("removes the assignment by its recomputed name; one already gone counts as removed", async () => {
    const { world, wait, principal, planned, runId } = await withPrincipal();
    await ensureRoleAssignment(world.clients.arm, wait, planned, principal.id);
    const recomputed = plannedRoleAssignment(formFor("Subscription").scope, runId, READER);
    await removeRoleAssignment(world.clients.arm, recomputed, "The Reader role assignment", AZURE_CLOUD);
    await removeRoleAssignment(world.clients.arm, recomputed, "The Reader role assignment", AZURE_CLOUD);
    expect(world.state().roleAssignments.filter((r) => r.name === planned.name)).toHaveLength(0);
  });

  it("reports a refused delete (403) as left, with a portal link to the scope's role assignments", async () => {
    const { world, wait, principal, planned } = await withPrincipal();
    await ensureRoleAssignment(world.clients.arm, wait, planned, principal.id);
    world.fail({ service: "arm", method: "DELETE", path: "roleAssignments/", status: 403, count: Infinity });
    const error = await removeRoleAssignment(world.clients.arm, planned, "The Reader role assignment", AZURE_CLOUD).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LeftBehindError);
    expect((error as LeftBehindError).left).toMatchObject({
      object: "The Reader role assignment",
      link: `https://portal.azure.com/#@/resource${planned.scope}/users`,
    });
    expect(world.state().roleAssignments.filter((r) => r.name === planned.name)).toHaveLength(1);
  });
});
