import type { AzureInABox } from "../model/azureInABox";
import { json, type ServiceResponse } from "../model/core/http";
import type { Knobs } from "../model/core/knobs";
import { seedExpiryIndex } from "../model/expiryIndexSeed";
import { addCredentialAsOwner } from "../model/graph/federatedCredentials";
import { controlPage } from "./controlPage";

/**
 * The emulator's own API under /_emulator: read the whole state (to prove nothing was left behind), read and change
 * the scenario knobs, move the fake clock, seed the expiry index the dashboard widget reads, and start over. The `npm start` control page and tests use it.
 */
export async function handleControl(model: AzureInABox, method: string, url: URL, bodyText: string | undefined): Promise<ServiceResponse> {
  const body = bodyText ? (JSON.parse(bodyText) as Record<string, unknown>) : {};
  const route = `${method} ${url.pathname}`;
  switch (route) {
    case "GET /_emulator/":
      return { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: controlPage(model) };
    case "GET /_emulator/state":
      return json(200, model.inspect());
    case "GET /_emulator/knobs":
      return json(200, model.knobs);
    case "PATCH /_emulator/knobs": {
      const patch = body as Partial<Knobs>;
      // One level deep: a patch of latencyMs or consistency keeps the values it does not name.
      model.knobs = {
        ...model.knobs,
        ...patch,
        latencyMs: { ...model.knobs.latencyMs, ...patch.latencyMs },
        consistency: { ...model.knobs.consistency, ...patch.consistency },
      };
      return json(200, model.knobs);
    }
    case "POST /_emulator/clock":
      if (typeof body["advanceMs"] === "number") model.clock.advance(body["advanceMs"]);
      if (typeof body["set"] === "string") model.clock.set(new Date(body["set"]));
      return json(200, { now: model.clock.now().toISOString() });
    case "POST /_emulator/expiry-index": {
      // As if the hub had read the project's connections `readDaysAgo` days ago: the dashboard widget's data.
      const projects = model.state.devops.projects;
      const project = projects.find((p) => p.name === body["project"]) ?? projects[0]!;
      const readDaysAgo = typeof body["readDaysAgo"] === "number" ? body["readDaysAgo"] : 0;
      return json(200, { written: seedExpiryIndex(model.state, { projectId: project.id, readDaysAgo, now: model.clock.now().getTime() }) });
    }
    case "POST /_emulator/federated-credentials": {
      // As an owner of the app running the command the hub shows: {appId, parameters} (graph/ROUTES.md).
      const parameters = body["parameters"];
      if (typeof body["appId"] !== "string" || typeof parameters !== "object" || parameters === null || Array.isArray(parameters))
        return json(400, { message: "Send {appId, parameters}: the app's client id and the credential's JSON." });
      return addCredentialAsOwner(model, body["appId"], parameters as Record<string, unknown>);
    }
    case "POST /_emulator/reset":
      model.reset(
        typeof body["subscriptionCount"] === "number" || typeof body["projectCount"] === "number"
          ? {
              ...(typeof body["subscriptionCount"] === "number" ? { subscriptionCount: body["subscriptionCount"] } : {}),
              ...(typeof body["projectCount"] === "number" ? { projectCount: body["projectCount"] } : {}),
            }
          : undefined,
      );
      return json(200, { reset: true });
    default:
      return json(404, { message: `No emulator control route ${route}` });
  }
}
