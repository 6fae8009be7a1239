import type { ArmClient } from "../../clients/arm/armClient";
import type { ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import type { GraphClient } from "../../clients/graph/graphClient";
import type { ProvisioningContext, ProvisioningForm } from "./form";
import { armScope, describeScope } from "./scope";

/** One check shown on the Review page. Some checks cannot see everything, so "unknown" is an honest answer. */
export interface ReviewHint {
  id: "connectionName" | "registerApps" | "assignRoles";
  status: "ok" | "warning" | "unknown";
  text: string;
  /** A known failure: the run would stop at this point, so nothing should be created while it stands. */
  blocks?: boolean;
}

/** Each check gives up after this long, and says so, so Review never waits on a silent service. */
export const CHECK_TIMEOUT_MS = 10_000;

export interface ReviewPorts {
  connections: Pick<ServiceConnectionsClient, "findByName">;
  arm: Pick<ArmClient, "canAssignRoles">;
  graph: Pick<GraphClient, "canRegisterApplications">;
}

async function settle<T>(promise: Promise<T>, timeoutMs: number): Promise<{ ok: true; value: T } | { ok: false; timedOut?: true }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<{ ok: false; timedOut: true }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, timedOut: true }), timeoutMs);
  });
  try {
    return await Promise.race([promise.then((value) => ({ ok: true as const, value })), gaveUp]);
  } catch {
    return { ok: false };
  } finally {
    clearTimeout(timer);
  }
}

/** Checks what can be checked before anything is created; all three run in parallel. */
export async function reviewChecks(
  form: ProvisioningForm,
  context: ProvisioningContext,
  ports: ReviewPorts,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<ReviewHint[]> {
  const scope = armScope(form.scope);
  const [existing, permissions, canRegister] = await Promise.all([
    settle(ports.connections.findByName(context.project.id, form.connection.name.trim()), timeoutMs),
    settle(ports.arm.canAssignRoles(scope, context.userObjectId), timeoutMs),
    settle(ports.graph.canRegisterApplications(), timeoutMs),
  ]);
  const why = (result: { ok: false; timedOut?: true }) =>
    result.timedOut ? ` (no answer within ${timeoutMs / 1000} seconds; gave up)` : "";

  const nameHint: ReviewHint = !existing.ok
    ? { id: "connectionName", status: "unknown", text: `Could not check whether the connection name is taken${why(existing)}.` }
    : existing.value
      ? {
          id: "connectionName",
          status: "warning",
          blocks: true,
          text: `A service connection named "${existing.value.name}" already exists in this project. Choose another name.`,
        }
      : {
          id: "connectionName",
          status: "ok",
          text: "No service connection you can see has this name (one you cannot see may still have it).",
        };

  const assignHint: ReviewHint =
    !permissions.ok || permissions.value === "unknown"
      ? {
          id: "assignRoles",
          status: "unknown",
          text:
            `Azure did not tell whether you may assign roles at the ` +
            `${describeScope(form.scope)}${permissions.ok ? "" : why(permissions)}.`,
        }
      : permissions.value === "allowed"
        ? { id: "assignRoles", status: "ok", text: `You may assign roles at the ${describeScope(form.scope)}.` }
        : {
            id: "assignRoles",
            status: "warning",
            text:
              `You may not assign roles at the ${describeScope(form.scope)}: that needs Owner, User Access ` +
              `Administrator or Role Based Access Control Administrator there.`,
          };

  const registerHint: ReviewHint =
    !canRegister.ok && canRegister.timedOut
      ? {
          id: "registerApps",
          status: "unknown",
          text: `Could not check whether you may register applications in this directory${why(canRegister)}.`,
        }
      : !canRegister.ok || canRegister.value === undefined
        ? {
            id: "registerApps",
            status: "unknown",
            text: "Could not check whether you may register applications in this directory (reading that needs rights most users lack).",
          }
        : canRegister.value
          ? { id: "registerApps", status: "ok", text: "You may register applications in this directory." }
          : {
              id: "registerApps",
              status: "warning",
              text:
                "Your directory does not let you register applications. Ask for the Application Developer role, or use Bring " +
                "your own app registration.",
            };

  return [nameHint, registerHint, assignHint];
}
