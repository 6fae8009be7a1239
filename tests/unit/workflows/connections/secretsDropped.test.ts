// @vitest-environment jsdom
import type { FaultRule } from "../../../../emulator/model/core/knobs";
import { defaultSecretsToRemove } from "../../../../src/workflows/connections/secretRotation";
import { DAY_MS, NOW } from "../../../support/inProcessAzure";
import { connectionWorld } from "./connectionWorld";

/** #13.9: every secret the hub holds is dropped when its flow ends, whichever way it ends. */
const ROTATION = (removeKeyIds: string[]) => ({
  description: "Azure Pipelines",
  endDateTime: new Date(NOW.getTime() + 90 * DAY_MS).toISOString(),
  removeKeyIds,
});
const CONVERSION = { fallbackSecretEndDateTime: new Date(NOW.getTime() + 90 * DAY_MS).toISOString() };

async function ours() {
  const c = connectionWorld();
  const endpointId = await c.provision("contoso-prod-reader");
  await c.signIn();
  const row = await c.row(endpointId);
  const removeKeyIds = row.access.state === "readable" ? defaultSecretsToRemove(row.access.app) : [];
  return { c, row, removeKeyIds };
}

const VERIFY_SAVED_FAILS: FaultRule = {
  service: "devops",
  method: "POST",
  path: "/serviceendpoint/endpointproxy$",
  status: 500,
  count: Infinity,
};

describe("the secrets a connection action holds", () => {
  it("a rotation drops its new secret once it succeeds", async () => {
    const { c, row, removeKeyIds } = await ours();
    const rotation = c.services.startRotation(row, ROTATION(removeKeyIds), c.onChange);
    let heldWhileRunning: string | undefined;
    const watching = c.services.startRotation(row, ROTATION([]), (s) => {
      if (s.steps.find((x) => x.id === "updateConnection")?.status === "running") heldWhileRunning ??= watching.heldSecret();
    });

    expect((await rotation.start()).status).toBe("succeeded");
    expect(rotation.heldSecret()).toBeUndefined();
    expect((await watching.start()).status).toBe("succeeded");
    expect(heldWhileRunning).toBeDefined();
    expect(watching.heldSecret()).toBeUndefined();
  });

  it("a rotation drops its new secret when it is rolled back", async () => {
    const { c, row, removeKeyIds } = await ours();
    c.world.fail({ service: "devops", method: "PUT", path: "/serviceendpoint/endpoints/", status: 400, count: Infinity });
    const rotation = c.services.startRotation(row, ROTATION(removeKeyIds), c.onChange);

    expect((await rotation.start()).status).toBe("rolledBack");
    expect(rotation.heldSecret()).toBeUndefined();
  });

  it("a rotation stopped after saving keeps the secret for Retry, and drops it when Retry finishes", async () => {
    const { c, row, removeKeyIds } = await ours();
    let armed = false;
    const rotation = c.services.startRotation(row, ROTATION(removeKeyIds), (s) => {
      if (!armed && s.steps.find((x) => x.id === "verifySaved")?.status === "running") {
        armed = true;
        c.world.fail({ ...VERIFY_SAVED_FAILS });
      }
    });

    expect((await rotation.start()).status).toBe("failed");
    expect(rotation.heldSecret()).toBeDefined();
    c.world.clearFaults();
    expect((await rotation.retry()).status).toBe("succeeded");
    expect(rotation.heldSecret()).toBeUndefined();
  });

  it("a rotation drops its secret when asked (its panel closed)", async () => {
    const { c, row } = await ours();
    c.world.fail({ ...VERIFY_SAVED_FAILS, count: Infinity });
    const rotation = c.services.startRotation(row, ROTATION([]), c.onChange);
    await rotation.start();
    rotation.dropSecret();
    expect(rotation.heldSecret()).toBeUndefined();
  });

  it("a conversion holds no secret after it succeeds, nor after it went back on a fallback secret", async () => {
    const { c, row } = await ours();
    const conversion = c.services.startConversion(row, CONVERSION, c.onChange);
    await conversion.start();
    expect(conversion.heldSecret()).toBeUndefined();

    const again = await ours();
    again.c.world.fail({ service: "graph", method: "POST", path: "/federatedIdentityCredentials$", status: 500, count: Infinity });
    const failing = again.c.services.startConversion(again.row, CONVERSION, again.c.onChange);
    await failing.start();
    expect(failing.heldSecret()).toBeUndefined();
    failing.dropSecret();
    expect(failing.heldSecret()).toBeUndefined();
  });
});
