// @vitest-environment node
import { AzureInABox } from "../../../emulator/model/azureInABox";
import { seedExpiryIndex } from "../../../emulator/model/expiryIndexSeed";
import { SEED } from "../../../emulator/model/seed";
import { readExpiryIndex } from "../../../src/workflows/expiry/expiryIndex";
import { addExistingConnection } from "../workflows/connections/connectionScenarios";

const DAY_MS = 86_400_000;

describe("the emulator's expiry index (what the hub leaves behind)", () => {
  it("writes documents the widget's validation accepts, for the project's secret connections only", async () => {
    const model = new AzureInABox();
    const secret = addExistingConnection(model, { name: "with-secret", secretDays: 20 });
    addExistingConnection(model, { name: "federated", federated: true });
    const now = model.clock.now().getTime();
    expect(seedExpiryIndex(model.state, { projectId: SEED.project.id, readDaysAgo: 90, now })).toBe(1);
    const documents = Object.values(
      model.state.devops.extensionData[`Default/Current/expiry-index-${SEED.project.id.toLowerCase()}`] ?? {},
    );
    const index = await readExpiryIndex({ list: async <T>() => documents as T[] }, SEED.project.id, now);
    expect(index.ignored).toBe(0);
    const entry = index.entries.get(secret.endpoint.id.toLowerCase());
    expect(entry).toMatchObject({ appId: secret.app.appId.toLowerCase(), readBy: { displayName: model.state.devops.user.displayName } });
    expect(Date.parse(entry!.readAt)).toBe(now - 90 * DAY_MS);
    expect(entry!.endDateTime).toBe(new Date(Date.parse(secret.app.passwordCredentials[0]!.endDateTime)).toISOString());
  });
});
