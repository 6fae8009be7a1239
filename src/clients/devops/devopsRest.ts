import * as SDK from "azure-devops-extension-sdk";
import type { ILocationService } from "azure-devops-extension-api";
import { ServiceError } from "../../platform/http/serviceError";

const LOCATION_SERVICE = "ms.vss-features.location-service";

/** Azure DevOps REST calls the api package has no client for, following the same conventions as its clients. */
export interface DevOpsRest {
  send(areaId: string, method: string, path: string, apiVersion: string, body?: unknown): Promise<unknown>;
}

export const sdkDevOpsRest: DevOpsRest = {
  async send(areaId, method, path, apiVersion, body) {
    const location = await SDK.getService<ILocationService>(LOCATION_SERVICE);
    const [root, token] = await Promise.all([location.getResourceAreaLocation(areaId), SDK.getAccessToken()]);
    const response = await fetch(`${root}${path}`, {
      method,
      headers: {
        // As the api package's clients do: version and formatting options travel in the Accept header.
        Accept: `application/json;api-version=${apiVersion};excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true`,
        Authorization: `Bearer ${token}`,
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const message = (parsed as { message?: string } | undefined)?.message ?? `${method} ${path} answered ${response.status}.`;
      const code = (parsed as { typeKey?: string } | undefined)?.typeKey ?? `Http${response.status}`;
      throw new ServiceError("devops", response.status, code, message, { body: parsed, request: `${method} ${path}` });
    }
    return parsed;
  },
};

/** The api package throws Errors carrying `status` and `serverError`; the workflows branch on ServiceError. */
export function asServiceError(error: unknown): unknown {
  if (error instanceof ServiceError || !(error instanceof Error)) return error;
  const { status, serverError } = error as Error & { status?: number; serverError?: { typeKey?: string; message?: string } };
  if (status === undefined) return new ServiceError("devops", 0, "NetworkError", error.message);
  return new ServiceError("devops", status, serverError?.typeKey ?? `Http${status}`, serverError?.message ?? error.message, { body: serverError });
}

/** Runs a call of the api package and rethrows its failure as a ServiceError. */
export async function devopsCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asServiceError(error);
  }
}
