// @vitest-environment jsdom
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { buildConnection } from "../../../../src/workflows/provisioning/connectionBody";
import { verifyDetailsWithin } from "../../../../src/workflows/resources/connectionVerification";
import { ensurePipelinePermissions, readPipelinePermissions } from "../../../../src/workflows/resources/pipelinePermission";
import {
  connectionLink,
  ensureConnection,
  readConnection,
  removeOwnConnection,
} from "../../../../src/workflows/resources/serviceConnection";
import { formFor } from "../../../support/inProcessAzure";
import { resourceWorld } from "./resourceWorld";

function connectionKit() {
  const kit = resourceWorld();
  const form = formFor("Subscription", { connection: { name: "resource-test" } });
  const body = (appId: string, secret = "not-a-real-secret") =>
    buildConnection(form, kit.world.context, AZURE_CLOUD, { tenantId: form.tenantId, appId, secret });
  const projectId = kit.world.context.project.id;
  const link = connectionLink(kit.world.context.organization, kit.world.context.project.name);
  return { ...kit, body, projectId, link };
}

describe("the service connection resource", () => {
  it("creates the connection, and after a lost answer finds it by name and app instead of creating a second", async () => {
    const { world, body, projectId } = connectionKit();
    const id = await ensureConnection(
      world.connections,
      projectId,
      body("aaaaaaaa-0000-4000-8000-000000000001"),
      "aaaaaaaa-0000-4000-8000-000000000001",
      false,
    );
    const again = await ensureConnection(
      world.connections,
      projectId,
      body("aaaaaaaa-0000-4000-8000-000000000001", "newer"),
      "aaaaaaaa-0000-4000-8000-000000000001",
      true,
    );
    expect(again).toBe(id);
    expect(world.state().devops.serviceEndpoints.filter((e) => e.name === "resource-test")).toHaveLength(1);
    expect((await readConnection(world.connections, projectId, id, "resource-test")).name).toBe("resource-test");
  });

  it("removes only a connection holding this run's app; another of the same name is left alone", async () => {
    const { world, body, projectId, link } = connectionKit();
    const id = await ensureConnection(
      world.connections,
      projectId,
      body("aaaaaaaa-0000-4000-8000-000000000001"),
      "aaaaaaaa-0000-4000-8000-000000000001",
      false,
    );
    const other = { projectId, endpointId: id, name: "resource-test", appId: "bbbbbbbb-0000-4000-8000-000000000002" };
    expect(await removeOwnConnection(world.connections, other, link)).toEqual({
      kind: "leftAlone",
      reason: "not created by this run: left alone",
    });
    expect(await removeOwnConnection(world.connections, { ...other, appId: "aaaaaaaa-0000-4000-8000-000000000001" }, link)).toEqual({
      kind: "removed",
    });
    expect(await removeOwnConnection(world.connections, { ...other, appId: "aaaaaaaa-0000-4000-8000-000000000001" }, link)).toEqual({
      kind: "absent",
    });
  });

  it("says Verify has not accepted details it refuses, after its bounded wait", async () => {
    const { world, wait, waits, body, projectId } = connectionKit();
    const verdict = await verifyDetailsWithin(
      world.connections,
      { ...wait, policy: { ...wait.policy, maxAttempts: 2 } },
      projectId,
      body("cccccccc-0000-4000-8000-000000000003"),
      () => "not yet accepted",
    );
    expect(verdict.ok).toBe(false);
    expect(waits).toEqual(["not yet accepted"]);
  });

  it("authorizes the chosen pipelines, idempotently", async () => {
    const { world, body, projectId } = connectionKit();
    const id = await ensureConnection(
      world.connections,
      projectId,
      body("aaaaaaaa-0000-4000-8000-000000000001"),
      "aaaaaaaa-0000-4000-8000-000000000001",
      false,
    );
    await ensurePipelinePermissions(world.pipelinePermissions, projectId, id, { allPipelines: false, pipelineIds: [11] });
    await ensurePipelinePermissions(world.pipelinePermissions, projectId, id, { allPipelines: false, pipelineIds: [11] });
    expect(await readPipelinePermissions(world.pipelinePermissions, projectId, id)).toEqual({ allPipelines: false, pipelineIds: [11] });
  });
});
