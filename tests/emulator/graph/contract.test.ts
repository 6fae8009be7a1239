import type { AzureInABox } from "../../../emulator/model/azureInABox";
import { REAL_ROOTS } from "../../../emulator/model/routing";
import { graphReferenceExamples, shapeMismatches, type HttpExample } from "./graphExamples";
import { GraphClient, graphToken, newBox } from "./graphKit";

/**
 * Replays every request example of the vendored Graph reference pages against the model, through the same door the
 * end-to-end tests use (absolute URLs on graph.microsoft.com), and checks the answer has the example's status and
 * every property the example shows, with the same JSON types.
 */

interface Scenario {
  /** Creates what the example's ids stand for; answers example text → our ids. */
  prepare?: (box: AzureInABox, client: GraphClient) => Promise<Record<string, string>>;
  /** Properties null for a new app in a real tenant, though the example shows a value. */
  nullable?: string[];
  /** Properties checked by JSON type only. */
  opaque?: string[];
  extraCheck?: (example: HttpExample, body: unknown) => void;
}

/** A new app has no publisher verification, certification or SAML metadata; Graph answers null for those. */
const NEW_APP_NULLS = [
  "samlMetadataUrl",
  "certification",
  "verifiedPublisher.displayName",
  "verifiedPublisher.verifiedPublisherId",
  "verifiedPublisher.addedDateTime",
];

const withApp =
  (replace: (app: { id: string; appId: string }) => Record<string, string>) => async (_box: AzureInABox, client: GraphClient) =>
    replace(await client.createApp("Contract app", { signInAudience: "AzureADandPersonalMicrosoftAccount" }));

const SCENARIOS: Record<string, Scenario> = {
  create_application_from_applications: { nullable: NEW_APP_NULLS },
  get_application: { prepare: withApp((app) => ({ "acc848e9-e8ec-4feb-a521-8d58b5482e09": app.id })), nullable: NEW_APP_NULLS },
  get_application_by_appId_select: { prepare: withApp((app) => ({ "46e6adf4-a9cf-4b60-9390-0ba6fb00bf6b": app.appId })) },
  application_addpassword: { prepare: withApp((app) => ({ "{id}": app.id })) },
  application_removepassword: {
    prepare: async (_box, client) => {
      const app = await client.createApp("Contract app");
      const secret = await client.addSecret(app.id);
      return { "{id}": app.id, "f0b0b335-1d71-4883-8f98-567911bfdca6": secret.keyId };
    },
  },
  delete_application: { prepare: withApp((app) => ({ "{id}": app.id })) },
  create_federatedidentitycredential_from_: { prepare: withApp((app) => ({ "bcd7c908-1c4d-4d48-93ee-ff38349a75c8": app.id })) },
  create_serviceprincipal_from_serviceprincipals: { prepare: withApp((app) => ({ "65415bb1-9267-4313-bbf5-ae259732ee12": app.appId })) },
  "json-batching-example-request": {
    // The example batches resources outside this model (memberOf, planner, groups, users): the envelope is the contract.
    opaque: ["responses[].body", "responses[].headers"],
    extraCheck: (example, body) => {
      const sent = (JSON.parse(example.request.bodyText!) as { requests: Array<{ id: string }> }).requests.map((r) => r.id);
      expect((body as { responses: Array<{ id: string }> }).responses.map((r) => r.id).sort()).toEqual(sent.sort());
    },
  },
};

function replaceAll(text: string, replacements: Record<string, string>): string {
  return Object.entries(replacements).reduce((t, [from, to]) => t.split(from).join(to), text);
}

const examples = graphReferenceExamples();

describe("Graph reference examples", () => {
  it("finds the examples of every vendored page, each with a scenario", () => {
    expect(examples.map((e) => e.name).sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  it.each(examples.map((e) => [e.name, e] as const))("%s: answers the documented status and shape", async (name, example) => {
    const scenario = SCENARIOS[name]!;
    const box = newBox();
    const client = GraphClient.as(box, "admin");
    const replacements = scenario.prepare ? await scenario.prepare(box, client) : {};
    const { request } = example;
    const res = await box.handle(
      {
        method: request.method,
        url: replaceAll(request.url, replacements),
        headers: { ...request.headers, authorization: `Bearer ${graphToken(box, "admin")}` },
        ...(request.bodyText !== undefined ? { bodyText: replaceAll(request.bodyText, replacements) } : {}),
      },
      REAL_ROOTS,
    );
    expect(res, `no emulated service for ${request.url}`).toBeDefined();
    expect({ status: res!.status, body: res!.body }).toMatchObject({ status: example.response.status });
    if (example.response.body === undefined) {
      expect(res!.body).toBeUndefined();
    } else {
      expect(shapeMismatches(example.response.body, res!.body, scenario)).toEqual([]);
      scenario.extraCheck?.(example, res!.body);
    }
  });
});

describe("the shape check itself", () => {
  it("reports a missing property, a wrong type and a null outside the allowed list", () => {
    expect(shapeMismatches({ a: 1, b: "x", c: { d: [{ e: true }] } }, { a: "1", c: { d: [{}] } })).toEqual([
      "a: example has number, model has string",
      "b: missing",
      "c.d[].e: missing",
    ]);
    expect(shapeMismatches({ a: "x" }, { a: null })).toHaveLength(1);
    expect(shapeMismatches({ a: "x" }, { a: null }, { nullable: ["a"] })).toEqual([]);
  });
});
