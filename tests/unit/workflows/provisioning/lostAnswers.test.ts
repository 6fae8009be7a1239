// @vitest-environment jsdom
import type { ServiceConnectionsClient } from "../../../../src/clients/devops/devopsTypes";
import { ServiceError } from "../../../../src/platform/http/serviceError";
import type { GraphPort, ProvisioningPorts } from "../../../../src/workflows/provisioning/ports";
import { createWorld, formFor, type World } from "../../../support/inProcessAzure";
import { expectNothingLeftBehind, expectProvisioned, stepsWithStatus } from "../../../support/provisioningState";

/**
 * A request that reached Azure and did its work, but whose answer never came back (the connection dropped on the way
 * back). The model cannot drop an answer after acting, so a port wrapper calls through and then throws the network
 * error the HTTP helper would have thrown.
 */
const networkError = (service: "graph" | "devops") =>
  new ServiceError(service, 0, "NetworkError", "The request could not reach the service.");

function losingAnswers(
  world: World,
  lose: { createApplication?: number; addPassword?: number; createConnection?: number },
): ProvisioningPorts {
  let apps = lose.createApplication ?? 0;
  let passwords = lose.addPassword ?? 0;
  let connections = lose.createConnection ?? 0;
  const graph: GraphPort = Object.create(world.clients.graph) as GraphPort;
  graph.createApplication = async (app) => {
    const created = await world.clients.graph.createApplication(app);
    if (apps-- > 0) throw networkError("graph");
    return created;
  };
  graph.addPassword = async (...args) => {
    const created = await world.clients.graph.addPassword(...args);
    if (passwords-- > 0) throw networkError("graph");
    return created;
  };
  const connectionsClient: ServiceConnectionsClient = Object.create(world.connections) as ServiceConnectionsClient;
  connectionsClient.create = async (connection) => {
    const created = await world.connections.create(connection);
    if (connections-- > 0) throw networkError("devops");
    return created;
  };
  return { ...world.ports, graph, connections: connectionsClient };
}

const postsTo = (world: World, path: RegExp) =>
  world.requests.filter((r) => r.method === "POST" && path.test(new URL(r.url).pathname) && r.status < 400);

describe("when the answer to creating the app registration is lost", () => {
  it("fails the step with a network problem, having created the app", async () => {
    const world = createWorld();
    const run = world.provisioningRun(formFor("Subscription"), { ports: losingAnswers(world, { createApplication: 1 }) });

    const snapshot = await run.start();

    expect(stepsWithStatus(run, "failed")).toEqual(["createApp"]);
    expect(snapshot.problem?.detail).toMatch(/network request failed/);
    expect(world.appsOfRun(run.runId)).toHaveLength(1);
  });

  it("finds the app by its run tag on Retry instead of creating a second one", async () => {
    const world = createWorld();
    const before = world.state();
    const form = formFor("Subscription");
    const run = world.provisioningRun(form, { ports: losingAnswers(world, { createApplication: 1 }) });
    await run.start();

    expect((await run.retry()).status).toBe("succeeded");

    expect(postsTo(world, /^\/v1\.0\/applications$/)).toHaveLength(1);
    expect(world.appsOfRun(run.runId)).toHaveLength(1);
    await expectProvisioned(world, run, form, before);
  });

  it("finds the app by its run tag on Roll back and deletes it", async () => {
    const world = createWorld();
    const before = world.state();
    const run = world.provisioningRun(formFor("Subscription"), { ports: losingAnswers(world, { createApplication: 1 }) });
    await run.start();

    expect((await run.rollback()).status).toBe("rolledBack");
    expectNothingLeftBehind(world, before);
  });
});

describe("when the request to create the app registration never arrives", () => {
  it("creates the app on Retry, once", async () => {
    const world = createWorld();
    const before = world.state();
    const form = formFor("Subscription");
    world.fail({ service: "graph", method: "POST", path: "^/v1\\.0/applications$", networkDrop: true, count: 1 });
    const run = world.provisioningRun(form);

    expect((await run.start()).status).toBe("failed");
    expect(world.appsOfRun(run.runId)).toEqual([]);
    expect((await run.retry()).status).toBe("succeeded");
    await expectProvisioned(world, run, form, before);
  });
});

describe("when the answer to adding the secret is lost", () => {
  it("adds a new secret on Retry and removes the one whose text nobody will ever see", async () => {
    const world = createWorld();
    const before = world.state();
    const form = formFor("Subscription");
    const run = world.provisioningRun(form, { ports: losingAnswers(world, { addPassword: 1 }) });
    await run.start();
    expect(stepsWithStatus(run, "failed")).toEqual(["addSecret"]);
    expect(world.appsOfRun(run.runId)[0]?.passwordCredentials).toHaveLength(1);

    expect((await run.retry()).status).toBe("succeeded");

    expect(world.secretsIssued).toHaveLength(2);
    await expectProvisioned(world, run, form, before);
  });

  it("leaves a secret it did not add alone", async () => {
    const world = createWorld();
    const form = formFor("Subscription");
    const run = world.provisioningRun(form, { ports: losingAnswers(world, { addPassword: 1 }) });
    await run.start();
    const app = world.appsOfRun(run.runId)[0]!;
    const theirs = await world.clients.graph.addPassword(
      app.id,
      "Added in the portal",
      new Date(Date.parse(form.secret.endDateTime)).toISOString(),
    );

    await run.retry();

    expect(world.appsOfRun(run.runId)[0]?.passwordCredentials.map((p) => p.keyId)).toEqual([theirs.keyId, run.created.secretKeyId]);
  });
});

describe("when the answer to creating the service connection is lost", () => {
  it("adopts the connection it finds under its name with its app on Retry", async () => {
    const world = createWorld();
    const before = world.state();
    const form = formFor("Subscription");
    const run = world.provisioningRun(form, { ports: losingAnswers(world, { createConnection: 1 }) });

    await run.start();
    expect(stepsWithStatus(run, "failed")).toEqual(["createConnection"]);
    expect((await run.retry()).status).toBe("succeeded");

    expect(postsTo(world, /\/_apis\/serviceendpoint\/endpoints$/)).toHaveLength(1);
    await expectProvisioned(world, run, form, before);
  });

  it("deletes the connection it finds under its name on Roll back", async () => {
    const world = createWorld();
    const before = world.state();
    const run = world.provisioningRun(formFor("Subscription"), { ports: losingAnswers(world, { createConnection: 1 }) });
    await run.start();
    expect(world.state().devops.serviceEndpoints).toHaveLength(1);

    expect((await run.rollback()).status).toBe("rolledBack");
    expectNothingLeftBehind(world, before);
  });

  it("does not adopt another app's connection of the same name", async () => {
    const world = createWorld();
    const form = formFor("Subscription");
    const first = world.provisioningRun(form);
    await first.start();
    const second = world.provisioningRun(
      { ...form, app: { ...form.app, displayName: "another app" } },
      { ports: losingAnswers(world, { createConnection: 0 }) },
    );

    await second.start();

    expect(stepsWithStatus(second, "failed")).toEqual(["createConnection"]);
    await second.retry();
    expect(second.created.endpointId).toBeUndefined();
    expect(second.snapshot().problem?.remedy).toBe("renameConnection");
  });
});
