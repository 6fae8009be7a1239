import { mintJwt } from "../../../emulator/model/core/tokens";
import { escapeMsJsonDates } from "../../../emulator/model/devops/conventions";
import { clientAccept, createEndpoint, devops, newModel, NOW, ORG, PROJECT } from "./helpers";

const ENDPOINTS = `/${ORG}/_apis/serviceendpoint/endpoints`;
const PERMISSIONS = `/${ORG}/${PROJECT.name}/_apis/pipelines/pipelinePermissions/endpoint`;

describe("Azure DevOps REST conventions", () => {
  describe("authentication", () => {
    it("refuses a request without a bearer token with 401", async () => {
      const res = await devops(newModel(), "GET", `/${ORG}/_apis/projects`, { token: null });
      expect(res.status).toBe(401);
      expect(res.body.typeKey).toBe("UnauthorizedRequestException");
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
    });

    it("accepts any opaque token the emulated host hands out", async () => {
      expect((await devops(newModel(), "GET", `/${ORG}/_apis/projects`, { token: "emulated-devops-token.user" })).status).toBe(200);
    });

    it("refuses a JWT that expired by the world's clock", async () => {
      const model = newModel();
      const exp = Math.floor(NOW.getTime() / 1000) + 60;
      const token = mintJwt({
        aud: "499b84ac-1321-427f-aa17-267ca6975798",
        iss: "x",
        tid: "t",
        oid: "o",
        sub: "s",
        iat: exp - 3600,
        nbf: exp - 3600,
        exp,
      });
      expect((await devops(model, "GET", `/${ORG}/_apis/projects`, { token })).status).toBe(200);
      model.clock.advance(61_000);
      expect((await devops(model, "GET", `/${ORG}/_apis/projects`, { token })).status).toBe(401);
    });
  });

  describe("api-version", () => {
    it("refuses a write without api-version with Azure DevOps' own message", async () => {
      const res = await devops(newModel(), "POST", ENDPOINTS, { accept: "application/json", body: {} });
      expect(res.status).toBe(400);
      expect(res.body.typeKey).toBe("VssVersionNotSpecifiedException");
      expect(res.body.message).toBe(
        'No api-version was supplied for the "POST" request. The version must be supplied either as part of the Accept header (e.g. "application/json; api-version=1.0") or as a query parameter (e.g. "?api-version=1.0").',
      );
    });

    it("answers a GET without api-version with the latest version", async () => {
      expect((await devops(newModel(), "GET", `/${ORG}/_apis/projects`, { accept: null })).status).toBe(200);
    });

    it("reads the api-version from the query string as well as from the Accept header", async () => {
      const res = await devops(newModel(), "POST", ENDPOINTS, {
        accept: "application/json",
        query: { "api-version": "7.2-preview.4" },
        body: {},
      });
      expect(res.body.typeKey).not.toBe("VssVersionNotSpecifiedException");
    });

    it("refuses a version newer than 7.2", async () => {
      const res = await devops(newModel(), "GET", `/${ORG}/_apis/projects`, { accept: clientAccept("8.0") });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(
        "The requested REST API version of 8.0 is out of range for this server. The latest REST API version for this server is 7.2.",
      );
    });

    it("asks for -preview where the resource is in preview at that version", async () => {
      const model = newModel();
      expect((await devops(model, "GET", `/${ORG}/_apis/projects`, { accept: clientAccept("7.2") })).body.typeKey).toBe(
        "VssInvalidPreviewVersionException",
      );
      expect((await devops(model, "GET", `/${ORG}/_apis/projects`, { accept: clientAccept("7.1") })).status).toBe(200);
      const endpoint = (await createEndpoint(model)).body;
      const permissions = await devops(model, "GET", `${PERMISSIONS}/${endpoint.id}`, { accept: clientAccept("7.1") });
      expect(permissions.status).toBe(400);
      expect(permissions.body.typeKey).toBe("VssInvalidPreviewVersionException");
    });

    it("refuses an api-version that is not a version", async () => {
      expect((await devops(newModel(), "GET", `/${ORG}/_apis/projects`, { accept: clientAccept("latest") })).status).toBe(400);
    });
  });

  describe("lists", () => {
    it("answers a bare array with noArrayWrap", async () => {
      const res = await devops(newModel(), "GET", `/${ORG}/_apis/projects`);
      expect(Array.isArray(res.body)).toBe(true);
    });

    it("wraps a list in {count, value} without noArrayWrap", async () => {
      const res = await devops(newModel(), "GET", `/${ORG}/_apis/projects`, { accept: "application/json;api-version=7.1" });
      expect(res.body.count).toBe(2);
      expect(res.body.value).toHaveLength(2);
    });
  });

  describe("enums, dates and urls", () => {
    it("writes enums as numbers with enumsAsNumbers and as camelCase names without", async () => {
      const model = newModel();
      expect((await devops(model, "GET", `/${ORG}/_apis/projects`)).body[0].visibility).toBe(0);
      expect(
        (await devops(model, "GET", `/${ORG}/_apis/projects`, { accept: "application/json;api-version=7.1;noArrayWrap=true" })).body[0]
          .visibility,
      ).toBe("private");
    });

    it("writes dates as /Date(ms)/ with msDateFormat and as ISO text without", async () => {
      const model = newModel();
      const ms = (await devops(model, "GET", `/${ORG}/_apis/projects`)).body[0].lastUpdateTime;
      expect(ms).toMatch(/^\/Date\(\d+\)\/$/);
      const iso = (await devops(model, "GET", `/${ORG}/_apis/projects`, { accept: "application/json;api-version=7.1;noArrayWrap=true" }))
        .body[0].lastUpdateTime;
      expect(iso).toBe("2026-01-01T00:00:00.000Z");
    });

    it("offers doors the escaped form the REST client turns back into Dates", () => {
      expect(escapeMsJsonDates('{"a":"/Date(1700000000000)/"}')).toBe('{"a":"\\/Date(1700000000000)\\/"}');
    });

    it("leaves self links out with excludeUrls, but never the endpoint's own url", async () => {
      const model = newModel();
      const endpoint = (await createEndpoint(model)).body;
      expect(endpoint.createdBy.url).toBeUndefined();
      expect(endpoint.url).toBe("https://management.azure.com/");
      const full = await devops(model, "GET", `/${ORG}/${PROJECT.id}/_apis/serviceendpoint/endpoints/${endpoint.id}`, {
        accept: "application/json;api-version=7.2-preview.4",
      });
      expect(full.body.createdBy.url).toMatch(/^https:\/\/vssps\.dev\.azure\.com\//);
    });
  });

  describe("addressing", () => {
    it("answers 404 for another organization", async () => {
      expect((await devops(newModel(), "GET", "/fabrikam/_apis/projects")).status).toBe(404);
    });

    it("finds a project by name or by id, case-insensitively", async () => {
      const model = newModel();
      expect((await devops(model, "GET", `/${ORG}/${PROJECT.name.toUpperCase()}/_apis/serviceendpoint/endpoints`)).status).toBe(200);
      expect((await devops(model, "GET", `/${ORG}/${PROJECT.id}/_apis/serviceendpoint/endpoints`)).status).toBe(200);
    });

    it("answers TF200016 for a project that does not exist", async () => {
      const res = await devops(newModel(), "GET", `/${ORG}/Nope/_apis/serviceendpoint/endpoints`);
      expect(res.status).toBe(404);
      expect(res.body.message).toMatch(/^TF200016: The following project does not exist: Nope\./);
    });

    it("matches route segments case-insensitively, as Azure DevOps does", async () => {
      expect((await devops(newModel(), "GET", `/${ORG}/${PROJECT.name}/_apis/serviceEndpoint/Endpoints`)).status).toBe(200);
    });

    it("answers 404 for a route it does not serve and 405 for a method a route does not take", async () => {
      const model = newModel();
      expect((await devops(model, "GET", `/${ORG}/_apis/nothing/here`)).status).toBe(404);
      expect((await devops(model, "DELETE", `/${ORG}/_apis/serviceendpoint/types`)).status).toBe(405);
    });

    it("answers errors in Azure DevOps' shape", async () => {
      const res = await devops(newModel(), "GET", `/${ORG}/Nope/_apis/serviceendpoint/endpoints`);
      expect(res.body).toMatchObject({
        $id: "1",
        innerException: null,
        typeKey: expect.any(String),
        typeName: expect.any(String),
        errorCode: 0,
      });
    });
  });
});
