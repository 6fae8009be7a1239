import type { ServiceConnection } from "../../../../src/clients/devops/devopsTypes";
import { REQUESTS_COLLECTION } from "../../../../src/workflows/requests/requestDocument";
import {
  approveRequest,
  clearRequest,
  createRequest,
  formOfRequest,
  readRequests,
  rejectRequest,
  withdrawRequest,
} from "../../../../src/workflows/requests/requests";
import { createRequesterServices, createRequestReviewServices, requestLink } from "../../../../src/workflows/requests/requestServices";
import { MemoryDocumentStore } from "../../fakes/memoryDocumentStore";
import { ADMIN, CONTRIBUTOR, DAY_MS, form, NOW, PROJECT, READER_ROLE, REQUEST_ID, REQUESTER } from "./requestFixtures";

const ask = (store: MemoryDocumentStore, reason = "We deploy the web app.") =>
  createRequest(store, { id: REQUEST_ID, form: form(), project: PROJECT, requester: REQUESTER, reason }, NOW);

describe("the request's life", () => {
  it("saves what was asked, who asked, why and when, with no secret and a lifetime instead of a date", async () => {
    const store = new MemoryDocumentStore();
    const request = await ask(store);
    expect(request).toMatchObject({ status: "open", requestedBy: REQUESTER, requestedAt: new Date(NOW).toISOString() });
    expect(request.asked.secret).toEqual({ description: "Azure DevOps service connection", lifetimeDays: 90 });
    expect(store.writes).toHaveLength(1);
    expect(store.writes[0]!.collection).toBe(REQUESTS_COLLECTION);
    expect(JSON.stringify(store.writes[0]!.document)).not.toMatch(/endDateTime|password|secretText/i);
    // The administrator's run starts from the request, with the secret dated from the approval.
    const later = NOW + 3 * DAY_MS;
    const rebuilt = formOfRequest(request.asked, READER_ROLE, later);
    expect(rebuilt.role).toEqual(READER_ROLE);
    expect(rebuilt.secret.endDateTime).toBe(new Date(later + 90 * DAY_MS).toISOString());
    expect(rebuilt.connection.pipelineIds).toEqual([11, 12]);
  });

  it("records a display name with direction marks as readable text rather than failing", async () => {
    const store = new MemoryDocumentStore();
    const sneaky = { id: REQUESTER.id.toUpperCase(), displayName: "Mo\u202E Member\n" };
    const request = await createRequest(store, { id: REQUEST_ID, form: form(), project: PROJECT, requester: sneaky, reason: "why" }, NOW);
    expect(request.requestedBy).toEqual({ id: REQUESTER.id, displayName: "Mo Member" });
  });

  it("refuses to send a request without a reason, or with hidden characters in it", async () => {
    const store = new MemoryDocumentStore();
    await expect(ask(store, "  ")).rejects.toThrow("The request was not sent.");
    await expect(ask(store, "ok\u202Eevil")).rejects.toThrow("The request was not sent.");
    expect(store.writes).toHaveLength(0);
  });

  it("refuses to write a request no reader could read (a name the form would not accept)", async () => {
    const store = new MemoryDocumentStore();
    const bad = form({ connection: { ...form().connection, name: "a,b" } });
    await expect(
      createRequest(store, { id: REQUEST_ID, form: bad, project: PROJECT, requester: REQUESTER, reason: "why" }, NOW),
    ).rejects.toThrow("The request could not be saved.");
    expect(store.writes).toHaveLength(0);
  });

  it("is approved with a changed role: the original, the assigned role and who changed it are recorded", async () => {
    const store = new MemoryDocumentStore();
    await ask(store);
    const connectionId = "9a9a9a9a-0000-4000-8000-000000000009";
    const approved = await approveRequest(store, REQUEST_ID, { connectionId, assignedRole: READER_ROLE, admin: ADMIN }, NOW + DAY_MS);
    expect(approved.status).toBe("approved");
    expect(approved.decision).toEqual({
      by: ADMIN,
      at: new Date(NOW + DAY_MS).toISOString(),
      connectionId,
      roleChange: { original: CONTRIBUTOR, assigned: READER_ROLE, changedBy: ADMIN },
    });
    // Decided once: a second decision is refused.
    await expect(rejectRequest(store, REQUEST_ID, "no", ADMIN, NOW + DAY_MS)).rejects.toThrow("This request is no longer open.");
  });

  it("records no role change when the role asked for is assigned", async () => {
    const store = new MemoryDocumentStore();
    await ask(store);
    const approved = await approveRequest(
      store,
      REQUEST_ID,
      { connectionId: REQUEST_ID, assignedRole: { ...CONTRIBUTOR, id: CONTRIBUTOR.id.toUpperCase() }, admin: ADMIN },
      NOW,
    );
    expect(approved.decision?.roleChange).toBeUndefined();
  });

  it("is rejected only with a reason", async () => {
    const store = new MemoryDocumentStore();
    await ask(store);
    await expect(rejectRequest(store, REQUEST_ID, "", ADMIN, NOW)).rejects.toThrow("The request was not rejected.");
    const rejected = await rejectRequest(store, REQUEST_ID, "Use the shared connection instead.", ADMIN, NOW);
    expect(rejected).toMatchObject({ status: "rejected", decision: { by: ADMIN, reason: "Use the shared connection instead." } });
  });

  it("is withdrawn by the person who asked, not by anyone else, and only while open", async () => {
    const store = new MemoryDocumentStore();
    await ask(store);
    await expect(withdrawRequest(store, REQUEST_ID, ADMIN, NOW)).rejects.toThrow("Only the person who asked can withdraw a request.");
    expect((await withdrawRequest(store, REQUEST_ID, REQUESTER, NOW)).status).toBe("withdrawn");
    await expect(withdrawRequest(store, REQUEST_ID, REQUESTER, NOW)).rejects.toThrow("This request is no longer open.");
  });

  it("is cleared, and a request already gone clears quietly", async () => {
    const store = new MemoryDocumentStore();
    await ask(store);
    await clearRequest(store, REQUEST_ID);
    expect((await readRequests(store, NOW)).requests).toEqual([]);
    await clearRequest(store, REQUEST_ID);
  });

  it("cannot be approved once it is unreadable (tampered after it was listed)", async () => {
    const store = new MemoryDocumentStore();
    await ask(store);
    store.plant(REQUESTS_COLLECTION, REQUEST_ID, { id: REQUEST_ID, status: "open" });
    await expect(
      approveRequest(store, REQUEST_ID, { connectionId: REQUEST_ID, assignedRole: READER_ROLE, admin: ADMIN }, NOW),
    ).rejects.toThrow("The request is gone or unreadable.");
  });
});

describe("the requester's view", () => {
  const connection = (id: string, name: string) => ({ id, name }) as ServiceConnection;
  const requester = (store: MemoryDocumentStore, existing: Map<string, ServiceConnection>, failing = false) =>
    createRequesterServices({
      store,
      connections: {
        get: async (_project, id) => {
          if (failing) throw Object.assign(new Error("boom"), { status: 500 });
          return existing.get(id);
        },
        findByName: async (_project, name) => [...existing.values()].find((c) => c.name === name),
      },
      project: PROJECT,
      requester: REQUESTER,
      clock: { now: () => NOW, sleep: async () => undefined } as never,
      newId: () => REQUEST_ID,
      organizationUrl: "https://dev.azure.com/contoso/",
      extensionId: "arm-connection-tools.arm-connection-hub",
    });

  it("shows the connection's real state: an approved request whose connection was deleted reads as absent", async () => {
    const store = new MemoryDocumentStore();
    const existing = new Map<string, ServiceConnection>();
    const services = requester(store, existing);
    await services.ask(form(), "why");
    const connectionId = "9a9a9a9a-0000-4000-8000-000000000009";
    await approveRequest(store, REQUEST_ID, { connectionId, assignedRole: READER_ROLE, admin: ADMIN }, NOW);
    expect((await services.mine()).requests[0]!.connection).toEqual({ kind: "absent" });
    existing.set(connectionId, connection(connectionId, "contoso-fabrikam-web"));
    expect((await services.mine()).requests[0]!.connection).toEqual({ kind: "exists", id: connectionId, name: "contoso-fabrikam-web" });
  });

  it("says when the connection could not be read, and lists only the person's own requests in this project", async () => {
    const store = new MemoryDocumentStore();
    const services = requester(store, new Map(), true);
    await services.ask(form(), "why");
    await approveRequest(store, REQUEST_ID, { connectionId: REQUEST_ID, assignedRole: READER_ROLE, admin: ADMIN }, NOW);
    const other = {
      ...(store.writes[1]!.document as Record<string, unknown>),
      id: "aaaaaaaa-0000-4000-8000-000000000001",
      requestedBy: ADMIN,
    };
    store.plant(REQUESTS_COLLECTION, "aaaaaaaa-0000-4000-8000-000000000001", other);
    const mine = await services.mine();
    expect(mine.requests).toHaveLength(1);
    expect(mine.requests[0]!.connection).toMatchObject({ kind: "unknown", problem: { title: "Reading the connection failed." } });
  });

  it("links to the request on the organization settings page, and clears only its own decided requests", async () => {
    const store = new MemoryDocumentStore();
    const services = requester(store, new Map());
    expect(services.requestUrl(REQUEST_ID)).toBe(
      `https://dev.azure.com/contoso/_settings/arm-connection-tools.arm-connection-hub.azure-connections-settings?request=${REQUEST_ID}`,
    );
    expect(requestLink("https://dev.azure.com/contoso", "p.e", "x")).toBe(
      "https://dev.azure.com/contoso/_settings/p.e.azure-connections-settings?request=x",
    );
    await services.ask(form(), "why");
    await services.clear(REQUEST_ID);
    expect((await services.mine()).requests).toHaveLength(1);
    await services.withdraw(REQUEST_ID);
    await services.clear(REQUEST_ID);
    expect((await services.mine()).requests).toHaveLength(0);
  });
});

describe("the administrator's services", () => {
  it("find the request's project among those Azure DevOps lists, by id, with Azure DevOps' name", async () => {
    const review = createRequestReviewServices({
      store: new MemoryDocumentStore(),
      projects: { listProjects: async () => [{ id: PROJECT.id.toUpperCase(), name: "Fabrikam Web (renamed)" }] },
      admin: ADMIN,
      clock: { now: () => NOW } as never,
      linkedRequestId: async () => undefined,
      provisioningFor: async () => {
        throw new Error("not here");
      },
    });
    expect(await review.findProject(PROJECT.id)).toEqual({ id: PROJECT.id.toUpperCase(), name: "Fabrikam Web (renamed)" });
    expect(await review.findProject("aaaaaaaa-0000-4000-8000-000000000001")).toBeUndefined();
  });
});
