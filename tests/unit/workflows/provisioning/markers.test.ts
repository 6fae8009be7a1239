// @vitest-environment node
import {
  appNotes,
  appTags,
  MANAGED_TAG,
  readAppMarker,
  readSecretMarker,
  runTag,
  secretDisplayName,
  withConnectionTag,
} from "../../../../src/workflows/provisioning/markers";

/** The durable markers that tell every colleague's inventory what this extension created, and for which connection. */
const RUN = "6a1f1f52-3c1b-4a53-9f55-1d2f3e4a5b6c";
const CONNECTION = "462eae73-93d1-54a2-a9d8-16e45c3c13ed";

describe("app registration markers", () => {
  it("tags the app as managed, with its run, organization and project", () => {
    expect(appTags(RUN, "contoso", "p-1")).toEqual([MANAGED_TAG, `azconn:run:${RUN}`, "azconn:org:contoso", "azconn:project:p-1"]);
    expect(runTag(RUN)).toBe(`azconn:run:${RUN}`);
  });

  it("adds the connection's tag once", () => {
    const tags = withConnectionTag(appTags(RUN, "contoso", "p-1"), CONNECTION);
    expect(tags.at(-1)).toBe(`azconn:connection:${CONNECTION}`);
    expect(withConnectionTag(tags, CONNECTION)).toBe(tags);
  });

  it("reads the markers back", () => {
    expect(readAppMarker(withConnectionTag(appTags(RUN, "contoso", "p-1"), CONNECTION))).toEqual({
      managed: true,
      runId: RUN,
      organization: "contoso",
      projectId: "p-1",
      connectionIds: [CONNECTION],
    });
  });

  it("reads an app it did not create as unmanaged", () => {
    expect(readAppMarker(undefined)).toEqual({ managed: false, connectionIds: [] });
    expect(readAppMarker(["WindowsAzureActiveDirectoryIntegratedApp"])).toEqual({ managed: false, connectionIds: [] });
  });

  it("writes notes for people reading the app in the portal, within Graph's 1024 characters", () => {
    expect(appNotes("contoso", "Fabrikam Web", "prod")).toMatch(
      /^Created by the Azure Connection Builder extension for the Azure Resource Manager service connection "prod" of project "Fabrikam Web" in the Azure DevOps organization "contoso"\./,
    );
    expect(appNotes("contoso", "Fabrikam Web", "x".repeat(2000))).toHaveLength(1024);
  });
});

describe("secret markers", () => {
  it("marks the secret's display name with the run or connection it belongs to, and reads it back", () => {
    const name = secretDisplayName("  Azure Pipelines ", RUN);
    expect(name).toBe(`Azure Pipelines [azconn:${RUN}]`);
    expect(readSecretMarker(name)).toBe(RUN);
  });

  it("cuts a long description so the display name stays within 100 characters and keeps its marker", () => {
    const name = secretDisplayName("d".repeat(200), RUN);
    expect(name).toHaveLength(100);
    expect(readSecretMarker(name)).toBe(RUN);
  });

  it("finds no marker on a secret made elsewhere", () => {
    expect(readSecretMarker("Created in the portal")).toBeUndefined();
    expect(readSecretMarker(null)).toBeUndefined();
    expect(readSecretMarker(undefined)).toBeUndefined();
  });
});
