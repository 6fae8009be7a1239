import * as SDK from "azure-devops-extension-sdk";
import type { IExtensionDataManager, IExtensionDataService } from "azure-devops-extension-api";
import type { DocumentStore } from "./devopsTypes";

const EXTENSION_DATA_SERVICE = "ms.vss-features.extension-data-service";

async function manager(): Promise<IExtensionDataManager> {
  const [service, token] = await Promise.all([SDK.getService<IExtensionDataService>(EXTENSION_DATA_SERVICE), SDK.getAccessToken()]);
  return service.getExtensionDataManager(SDK.getExtensionContext().id, token);
}

/**
 * Documents in the extension's data: "User" scope for a person's own journal, "Default" for organization settings.
 * Any user of the extension can write Default-scope data, so readers validate what they read.
 */
export function extensionDataStore(scopeType: "User" | "Default"): DocumentStore {
  const options = { scopeType };
  let pending: Promise<IExtensionDataManager> | undefined;
  const data = () => (pending ??= manager());
  return {
    async get<T>(collection: string, id: string) {
      try {
        return ((await (await data()).getDocument(collection, id, options)) as T | null) ?? undefined;
      } catch (error) {
        if ((error as { status?: number }).status === 404) return undefined;
        throw error;
      }
    },
    async list<T>(collection: string) {
      try {
        return ((await (await data()).getDocuments(collection, options)) as T[] | null) ?? [];
      } catch (error) {
        if ((error as { status?: number }).status === 404) return [];
        throw error;
      }
    },
    async put<T extends { id: string }>(collection: string, document: T) {
      // __etag -1 overwrites whatever is there: a journal entry has one writer, the run that owns it.
      return (await (await data()).setDocument(collection, { ...document, __etag: -1 }, options)) as T;
    },
    async delete(collection: string, id: string) {
      await (await data()).deleteDocument(collection, id, options);
    },
  };
}
