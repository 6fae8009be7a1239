import type { HostConfig } from "./hostConfig";

/**
 * The host side of the extension data service. The real host hands the extension a manager whose methods call
 * Azure DevOps' ExtensionManagement REST API; this one calls the emulator's copy of that API, so data lives in the
 * model (and, under `npm start`, in a file that survives restarts).
 */
type ScopeOptions = { scopeType?: string; defaultValue?: unknown };
type Doc = Record<string, unknown> & { id?: string; __etag?: number };

function scopePath(config: HostConfig, collection: string, options: ScopeOptions | undefined): string {
  const scopeType = options?.scopeType === "User" ? "User" : "Default";
  const scopeValue = scopeType === "User" ? "Me" : "Current";
  const { publisherId, extensionId } = config.extension;
  return `${config.hostDevopsRoot}${config.organization.name}/_apis/ExtensionManagement/InstalledExtensions/${publisherId}/${extensionId}/Data/Scopes/${scopeType}/${scopeValue}/Collections/${encodeURIComponent(collection)}/Documents`;
}

async function call(url: string, method: string, token: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: { Accept: "application/json;api-version=7.2-preview.1", "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (response.status === 404) return undefined;
  const text = await response.text();
  if (!response.ok) {
    let message = `Extension data request failed with ${response.status}`;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? message;
    } catch {
      // keep the status message
    }
    throw new Error(message);
  }
  return text ? JSON.parse(text) : undefined;
}

const SETTINGS_COLLECTION = "$settings";

export function createExtensionDataManager(config: HostConfig, token: string) {
  const documents = (collection: string, options?: ScopeOptions) => scopePath(config, collection, options);
  return {
    async getValue(key: string, options?: ScopeOptions): Promise<unknown> {
      const doc = (await call(`${documents(SETTINGS_COLLECTION, options)}/${encodeURIComponent(key)}`, "GET", token)) as Doc | undefined;
      return doc ? doc["value"] : options?.defaultValue;
    },
    async setValue(key: string, value: unknown, options?: ScopeOptions): Promise<unknown> {
      await call(documents(SETTINGS_COLLECTION, options), "PUT", token, { id: key, __etag: -1, value });
      return value;
    },
    getDocument(collection: string, id: string, options?: ScopeOptions): Promise<unknown> {
      return call(`${documents(collection, options)}/${encodeURIComponent(id)}`, "GET", token).then((doc) => doc ?? options?.defaultValue);
    },
    async getDocuments(collection: string, options?: ScopeOptions): Promise<unknown> {
      // The REST answer wraps the list ({count, value}: no noArrayWrap here); the real manager hands out the array.
      const answer = (await call(documents(collection, options), "GET", token)) as unknown[] | { value?: unknown[] } | undefined;
      return (Array.isArray(answer) ? answer : answer?.value) ?? [];
    },
    createDocument(collection: string, doc: Doc, options?: ScopeOptions): Promise<unknown> {
      return call(documents(collection, options), "POST", token, doc);
    },
    setDocument(collection: string, doc: Doc, options?: ScopeOptions): Promise<unknown> {
      return call(documents(collection, options), "PUT", token, doc);
    },
    updateDocument(collection: string, doc: Doc, options?: ScopeOptions): Promise<unknown> {
      return call(documents(collection, options), "PATCH", token, doc);
    },
    async deleteDocument(collection: string, id: string, options?: ScopeOptions): Promise<void> {
      await call(`${documents(collection, options)}/${encodeURIComponent(id)}`, "DELETE", token);
    },
  };
}
