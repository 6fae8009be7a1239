import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AzureInABox } from "../../../emulator/model/azureInABox";
import { REAL_ROOTS } from "../../../emulator/model/routing";
import { azureRmBody, createEndpoint, devops, givePrincipal, newModel, ORG, OTHER_PROJECT, PROJECT } from "./helpers";

/**
 * Contract test: every official httpExample of service endpoints and pipeline permissions (7.2 folders) is replayed
 * against the model. Ids, project names and pipeline ids of the examples are mapped to objects the test creates;
 * the answer must have the example's status, and every property the example's answer has, with the same JSON type.
 * `data` and `authorization.parameters` are free-form dictionaries whose keys depend on the caller, so only their
 * type is compared.
 */
const repoRoot = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const SPECS = path.resolve(repoRoot, "../shared/specs/MicrosoftDocs/vsts-rest-api-specs/specification");

interface HttpExample {
  "x-ms-vss-request-method": string;
  "x-ms-vss-request-url": string;
  parameters: Record<string, unknown> & { body?: unknown; accept?: string; "api-version"?: string };
  responses: Record<string, { body?: unknown }>;
}

function examplesUnder(folder: string): Array<{ name: string; example: HttpExample }> {
  const root = path.join(SPECS, folder);
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({
      name: file,
      example: JSON.parse(readFileSync(path.join(root, file), "utf8").replace(/^\uFEFF/, "")) as HttpExample,
    }));
}

/** The model's objects standing in for the examples' ones. */
interface Stand {
  strings: Map<string, string>;
  pipelines: Map<number, number>;
}

const SEED_NAMES: Array<[string, string]> = [
  ["fabrikam", ORG],
  ["DefaultAgileGitProject", PROJECT.name],
  ["RM", PROJECT.name],
  ["TestProject", PROJECT.name],
  ["c7e5f0b3-71fa-4429-9fb3-3321963a7c06", PROJECT.id],
  ["TestProject2", OTHER_PROJECT.name],
  ["184fda7e-3559-4b3c-afa0-1b6998330f84", OTHER_PROJECT.id],
];

const classic = (name: string, scheme: "Certificate" | "UsernamePassword") => ({
  name,
  type: "Azure",
  data: { SubscriptionId: "12345678-1234-1234-1234-123456789012", SubscriptionName: "TestSubscriptionName", environment: "AzureCloud" },
  authorization:
    scheme === "Certificate"
      ? { scheme, parameters: { Certificate: "cert" } }
      : { scheme, parameters: { Username: "username", Password: "password" } },
  serviceEndpointProjectReferences: [{ projectReference: { id: PROJECT.id }, name }],
});

const generic = (name: string) => ({
  name,
  type: "Generic",
  url: "https://myserver",
  authorization: { scheme: "UsernamePassword", parameters: { username: "myusername", password: "mysecretpassword" } },
  serviceEndpointProjectReferences: [{ projectReference: { id: PROJECT.id }, name }],
});

/** The endpoints the read, update, share, delete and proxy examples refer to, by their example ids. */
const FLEET: Array<[string, Record<string, unknown>]> = [
  ["5e47a0d8-c745-44f8-8f93-784f18ff31c4", generic("MyNewServiceEndpoint")],
  ["ffc7206f-1dc1-4008-8a80-ceb77cc98d70", generic("TestEndpoint2")],
  ["106a0c71-70fe-4d96-ba5c-5b6548708d15", classic("Updated TestEndpoint", "UsernamePassword")],
  ["06608515-e864-45ca-89cb-0a2a3cb6ebd0", classic("TestEndpoint3", "UsernamePassword")],
  ["4b16dc87-22a0-45f9-82d8-2e295c4597c6", classic("TestEndpoint", "Certificate")],
  ["96e0fef2-3aaf-456f-bba0-920731ecab83", azureRmBody({ name: "ARM" })],
];

async function standIn(model: AzureInABox, example: HttpExample): Promise<Stand> {
  const stand: Stand = {
    strings: new Map(SEED_NAMES),
    pipelines: new Map([
      [6, 11],
      [15, 12],
      [16, 13],
      [11, 11],
    ]),
  };
  if (example["x-ms-vss-request-method"] === "POST" && example["x-ms-vss-request-url"].toLowerCase().includes("/endpoints")) return stand;
  givePrincipal(model);
  for (const [exampleId, body] of FLEET) stand.strings.set(exampleId, (await createEndpoint(model, body)).body.id);
  if (example["x-ms-vss-request-url"].includes("pipelinePermissions/queue/1") && example["x-ms-vss-request-method"] === "GET") {
    await devops(model, "PATCH", `/${ORG}/${PROJECT.name}/_apis/pipelines/pipelinePermissions/queue/1`, {
      body: { pipelines: [11, 12, 13].map((id) => ({ id, authorized: true })) },
    });
  }
  return stand;
}

function mapBody(value: unknown, stand: Stand, inPipelines = false): unknown {
  if (typeof value === "string") return stand.strings.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => mapBody(item, stand, inPipelines));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        if (inPipelines && key === "id" && typeof item === "number") return [key, stand.pipelines.get(item) ?? item];
        // The model serves azurerm's TestConnection only; the proxy example asks a Jenkins endpoint for its jobs.
        if (key === "dataSourceName") return [key, "TestConnection"];
        return [key, mapBody(item, stand, key === "pipelines")];
      }),
    );
  }
  return value;
}

function mapUrl(raw: string, stand: Stand, apiVersion: string | undefined): string {
  const url = new URL(raw);
  url.pathname = url.pathname
    .split("/")
    .map((segment) => encodeURIComponent(stand.strings.get(decodeURIComponent(segment)) ?? decodeURIComponent(segment)))
    .join("/");
  for (const [key, value] of [...url.searchParams.entries()]) {
    url.searchParams.set(
      key,
      value
        .split(",")
        .map((v) => stand.strings.get(v) ?? v)
        .join(","),
    );
  }
  if (apiVersion) url.searchParams.set("api-version", apiVersion);
  return url.href;
}

/** Free-form dictionaries: their keys are the caller's. */
const FREE_FORM = new Set(["data", "authorization.parameters", "value[].data", "value[].authorization.parameters"]);
/** The model's TestConnection answers an empty result list where Jenkins' job list had entries. */
const MAY_BE_EMPTY = new Set(["result"]);

function typeOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

function conformance(actual: unknown, expected: unknown, at = ""): string[] {
  const where = at || "(body)";
  if (typeOf(actual) !== typeOf(expected)) return [`${where}: expected ${typeOf(expected)}, got ${typeOf(actual)}`];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length === 0) return [];
    if (actual.length === 0) return MAY_BE_EMPTY.has(at) ? [] : [`${where}: expected items, got none`];
    return actual.flatMap((item) => conformance(item, expected[0], `${at}[]`));
  }
  if (typeOf(expected) === "object" && !FREE_FORM.has(at)) {
    const got = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).flatMap(([key, item]) => {
      const child = at ? `${at}.${key}` : key;
      return key in got ? conformance(got[key], item, child) : [`${child}: missing`];
    });
  }
  return [];
}

const EXAMPLES = [...examplesUnder("serviceEndpoint/7.2/httpExamples"), ...examplesUnder("approvalsAndChecks/7.2/httpExamples")];

describe("official Azure DevOps REST examples replayed against the model", () => {
  it("finds the examples", () => {
    expect(EXAMPLES.length).toBe(20);
  });

  it.each(EXAMPLES)("$name", async ({ example }) => {
    const model = newModel();
    const stand = await standIn(model, example);
    const { accept, body } = example.parameters;
    const apiVersion = accept ? undefined : example.parameters["api-version"];
    const url = mapUrl(example["x-ms-vss-request-url"], stand, apiVersion);
    const bodyText = body === undefined || body === null ? undefined : JSON.stringify(mapBody(body, stand));
    const answer = await model.handle(
      {
        method: example["x-ms-vss-request-method"],
        url,
        headers: { accept: accept ?? "application/json", authorization: "Bearer example", "content-type": "application/json" },
        ...(bodyText ? { bodyText } : {}),
      },
      REAL_ROOTS,
    );
    const [status, expected] = Object.entries(example.responses)[0]!;
    expect({ status: answer?.status, body: answer?.body }).toMatchObject({ status: Number(status) });
    if (expected.body !== undefined) expect(conformance(answer?.body, expected.body)).toEqual([]);
  });
});
