import { actAs, DEVOPS_PEOPLE } from "../../../emulator/model/hubSetup";
import { SEED } from "../../../emulator/model/seed";
import { clientAccept, devops, newModel, ORG } from "./helpers";

const documents = (scope: string) =>
  `/${ORG}/_apis/ExtensionManagement/InstalledExtensions/contoso-tools/arm-secret-connection-hub/Data/Scopes/${scope}/Collections/requests/Documents`;

describe("switching who uses the browser (actAs)", () => {
  it("changes the Azure DevOps user, their own User scope, their collection membership, and the Entra account together", async () => {
    const model = newModel();
    const accept = clientAccept("7.2-preview.1");
    actAs(model.state, model.knobs, "member");
    expect(model.state.devops.user).toEqual(DEVOPS_PEOPLE.member);
    expect(model.knobs.signedInUserId).toBe(SEED.users.member);
    expect(model.state.devops.projectCollectionAdministrators).toEqual([DEVOPS_PEOPLE.admin.id]);
    await devops(model, "PUT", documents("User/Me"), { accept, body: { id: "mine", __etag: -1 } });
    await devops(model, "PUT", documents("Default/Current"), { accept, body: { id: "shared", __etag: -1 } });
    expect(model.state.devops.extensionData[`User/${DEVOPS_PEOPLE.member.id}/requests`]?.["mine"]).toBeDefined();

    actAs(model.state, model.knobs, "admin");
    expect(model.state.devops.user).toEqual(DEVOPS_PEOPLE.admin);
    expect(model.knobs.signedInUserId).toBe(SEED.users.admin);
    // Default-scope data is the organization's: the administrator reads what the member wrote; User scope is per person.
    expect((await devops(model, "GET", `${documents("Default/Current")}/shared`, { accept })).status).toBe(200);
    expect((await devops(model, "GET", `${documents("User/Me")}/mine`, { accept })).status).toBe(404);
  });
});
