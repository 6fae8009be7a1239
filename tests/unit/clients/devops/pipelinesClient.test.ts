// @vitest-environment jsdom
import type { Clock } from "../../../../src/platform/clock";

vi.mock("azure-devops-extension-sdk", () => ({
  getHost: () => ({ name: "contoso" }),
  getAccessToken: async () => "devops-token",
  getService: async () => ({ getResourceAreaLocation: async () => "https://dev.azure.com/contoso/" }),
}));

const { HttpHelperBuildClient, RestPipelinesClient } = await import("../../../../src/clients/devops/pipelinesClient");

/**
 * The Build client's definitions list reads the raw answer (its continuation token is a header): through the hub's HTTP
 * helper it must still get a response it can read, page after page.
 */
describe("listing the project's pipelines through the HTTP helper", () => {
  it("reads every page, following the continuation token header", async () => {
    const urls: string[] = [];
    const pages = [
      new Response(JSON.stringify([{ id: 11, name: "web-ci", path: "\\\\" }]), {
        status: 200,
        headers: { "x-ms-continuationtoken": "next" },
      }),
      new Response(JSON.stringify([{ id: 12, name: "infra-plan", path: "\\\\infra" }]), { status: 200 }),
    ];
    const clock: Clock = { now: () => 0, sleep: async () => undefined };
    const client = new HttpHelperBuildClient(
      { rootPath: "https://dev.azure.com/contoso/" },
      {
        clock,
        fetch: async (input) => {
          urls.push(String(input));
          return pages.shift() ?? new Response(null, { status: 599 });
        },
      },
    );

    const pipelines = await new RestPipelinesClient(client).list("17cd051e-65a2-5d9f-a433-a1cfd753eaa1");

    expect(pipelines.map((p) => [p.id, p.name])).toEqual([
      [11, "web-ci"],
      [12, "infra-plan"],
    ]);
    expect(urls).toHaveLength(2);
    expect(urls[1]).toContain("continuationToken=next");
  });
});
