import { openHub } from "../../../../src/workflows/hub/openHub";
import { hubConnectionUrl, linkedConnection } from "../../../../src/workflows/hub/hubLink";
import { FakeHostClient } from "../../fakes/fakeHostClient";

const ID = "0a1b2c3d-0000-4000-8000-00000000abcd";

describe("the link to a connection in the project hub", () => {
  it("builds the hub's address in the project's settings with ?connection=", () => {
    expect(hubConnectionUrl("https://dev.azure.com/contoso", "Fabrikam Web", "pub.ext", ID.toUpperCase())).toBe(
      `https://dev.azure.com/contoso/Fabrikam%20Web/_settings/pub.ext.azure-connections-hub?connection=${ID}`,
    );
    expect(hubConnectionUrl("https://dev.azure.com/contoso/", "Web", "pub.ext")).toBe(
      "https://dev.azure.com/contoso/Web/_settings/pub.ext.azure-connections-hub",
    );
  });

  it("builds no link for an id that is not a GUID, or an organization that is not a web address", () => {
    expect(hubConnectionUrl("https://dev.azure.com/contoso/", "Web", "pub.ext", `${ID}&x=1`)).toBeUndefined();
    expect(hubConnectionUrl("javascript:alert(1)//", "Web", "pub.ext", ID)).toBeUndefined();
  });

  it("reads back exactly what it builds", () => {
    const url = new URL(hubConnectionUrl("https://dev.azure.com/contoso/", "Web", "pub.ext", ID)!);
    expect(linkedConnection(Object.fromEntries(url.searchParams))).toEqual({ kind: "id", id: ID });
  });

  it.each([
    ["no parameter", {}, undefined],
    ["no query at all", undefined, undefined],
    ["an empty id", { connection: "" }, { kind: "invalid" }],
    ["a script", { connection: "<script>alert(1)</script>" }, { kind: "invalid" }],
    ["a GUID with more after it", { connection: `${ID}/../x` }, { kind: "invalid" }],
    ["an array (not a string)", { connection: [ID] }, { kind: "invalid" }],
    ["the key in another case, the GUID in upper case", { Connection: ID.toUpperCase() }, { kind: "id", id: ID }],
  ])("reads %s", (_why, query, expected) => {
    expect(linkedConnection(query)).toEqual(expected);
  });
});

describe("opening the hub from a link", () => {
  it("carries the host page's ?connection= into the session", async () => {
    const host = new FakeHostClient();
    host.query = { connection: ID };
    expect((await openHub(host)).linkedConnection).toEqual({ kind: "id", id: ID });
  });

  it("opens without a link when the host cannot say its query", async () => {
    const host = new FakeHostClient();
    host.query = new Error("no navigation service");
    const session = await openHub(host);
    expect(session.linkedConnection).toBeUndefined();
    expect(session.project.name).toBe("Fabrikam Web");
  });
});
