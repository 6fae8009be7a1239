import { SEED } from "../../../emulator/model/seed";
import { errorOf, GraphClient, newBox } from "./graphKit";

/** Graph v1.0 "Permanently delete an item (directory object)": DELETE /directory/deletedItems/{id}. */
describe("DELETE /directory/deletedItems/{id}", () => {
  it("keeps a deleted app in deleted items, still counted in its creator's quota, until it is removed for good", async () => {
    const box = newBox();
    const developer = GraphClient.as(box, "developer");
    const creator = () => box.state.users.find((u) => u.id === SEED.users.developer)!.createdObjectCount;
    const app = await developer.createApp("sc-to-purge");
    const counted = creator();
    expect((await developer.request("DELETE", `/applications/${app.id}`)).status).toBe(204);
    expect(box.state.deletedApplications?.map((a) => a.id)).toEqual([app.id]);
    expect(creator()).toBe(counted);

    expect((await developer.request("DELETE", `/directory/deletedItems/${app.id}`)).status).toBe(204);

    expect(box.state.deletedApplications).toEqual([]);
    expect(creator()).toBe(counted - 1);
  });

  it("answers Request_ResourceNotFound for an item that is not in deleted items", async () => {
    const res = await GraphClient.as(newBox(), "admin").request("DELETE", "/directory/deletedItems/00000000-0000-0000-0000-000000000001");
    expect(errorOf(res)).toMatchObject({ status: 404, code: "Request_ResourceNotFound" });
  });
});
