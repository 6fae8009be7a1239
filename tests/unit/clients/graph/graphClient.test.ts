// @vitest-environment node
import { GraphClient } from "../../../../src/clients/graph/graphClient";
import { AZURE_CHINA_CLOUD, AZURE_US_GOVERNMENT, type Cloud } from "../../../../src/platform/clouds";
import { HttpClient } from "../../../../src/platform/http/httpClient";
import { graphAudience } from "../../../../src/platform/http/tokenAudience";

function graphOf(cloud: Cloud) {
  const sent: Array<{ url: string; body: unknown }> = [];
  const http = new HttpClient({
    service: "graph",
    baseUrl: cloud.graph.endpoint,
    audience: graphAudience(cloud),
    token: async () => "graph-token",
    fetch: async (input, init) => {
      sent.push({ url: String(input), body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined });
      return new Response(null, { status: 204 });
    },
  });
  return { graph: new GraphClient(http), sent };
}

describe("Graph references name the cloud's own Graph host", () => {
  it.each([AZURE_US_GOVERNMENT, AZURE_CHINA_CLOUD])(
    "adds an owner in $displayName with a directoryObjects reference on its Graph host",
    async (cloud) => {
      const { graph, sent } = graphOf(cloud);
      await graph.addOwner("app-object-id", "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d");
      expect(sent).toEqual([
        {
          url: `${cloud.graph.endpoint}/v1.0/applications/app-object-id/owners/$ref`,
          body: { "@odata.id": `${cloud.graph.endpoint}/v1.0/directoryObjects/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d` },
        },
      ]);
    },
  );

  it("encodes object ids taken from data, so none can change the route", async () => {
    const { graph, sent } = graphOf(AZURE_US_GOVERNMENT);
    await graph.deleteApplication("../servicePrincipals/x");
    expect(new URL(sent[0]!.url).pathname).toBe("/v1.0/applications/..%2FservicePrincipals%2Fx");
  });
});
