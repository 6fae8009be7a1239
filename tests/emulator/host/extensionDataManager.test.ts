import { createExtensionDataManager } from "../../../emulator/host/extensionData";
import type { HostConfig } from "../../../emulator/host/hostConfig";
import { AzureInABox } from "../../../emulator/model/azureInABox";
import { SEED } from "../../../emulator/model/seed";

const ROOT = "http://127.0.0.1:7000/devops/";

function config(): HostConfig {
  return {
    hubUrl: "http://localhost:7001/hub.html",
    devopsRoot: "https://dev.azure.com/",
    hostDevopsRoot: ROOT,
    hostEntraRoot: "http://127.0.0.1:7000/entra",
    organization: { id: "o", name: SEED.devopsOrganization },
    project: { ...SEED.project },
    user: { id: "u", name: "ada", displayName: "Ada Admin", descriptor: "aad.u" },
    extension: { publisherId: "emulated-publisher", extensionId: "arm-connection-hub", version: "1.0.0" },
    contributionId: "c",
    theme: "light",
    nestedAppAuth: true,
  };
}

/** The host page's fetch, answered by the model as the emulator server would answer it. */
function routeFetch(model: AzureInABox): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
    const answer = await model.handleService({
      method: init?.method ?? "GET",
      service: "devops",
      baseUrl: `${url.origin}/devops`,
      path: url.pathname.replace(/^\/devops/, ""),
      query: url.searchParams,
      headers,
      ...(typeof init?.body === "string" ? { bodyText: init.body } : {}),
    });
    return new Response(answer.status === 204 || answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
  };
}

describe("the emulated host's extension data manager", () => {
  const original = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = original;
  });

  it("answers getDocuments with an array of the collection's documents, as the real manager does", async () => {
    const model = new AzureInABox();
    globalThis.fetch = routeFetch(model);
    const manager = createExtensionDataManager(config(), "emulated-devops-token.u");
    expect(await manager.getDocuments("runs", { scopeType: "User" })).toEqual([]);
    await manager.setDocument("runs", { id: "a", __etag: -1, value: 1 }, { scopeType: "User" });
    await manager.setDocument("runs", { id: "b", __etag: -1, value: 2 }, { scopeType: "User" });
    const documents = await manager.getDocuments("runs", { scopeType: "User" });
    expect(Array.isArray(documents)).toBe(true);
    expect((documents as Array<{ id: string }>).map((d) => d.id).sort()).toEqual(["a", "b"]);
  });
});
