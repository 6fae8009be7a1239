import type { DocumentStore } from "../../../src/clients/devops/devopsTypes";

/**
 * Extension data in memory, as the product reads it: every document goes through JSON both ways, like the real
 * service, and a test can plant any raw document (a tampered one) where the product will read it.
 */
export class MemoryDocumentStore implements DocumentStore {
  private readonly documents = new Map<string, string>();
  /** Every document written through put, in order, as sent. */
  readonly writes: Array<{ collection: string; id: string; document: unknown }> = [];
  /** Makes the next N writes fail, as a lost connection to extension data would. */
  failWrites = 0;

  /** Puts a raw value (of any shape) where the product reads it, without counting it as a write. */
  plant(collection: string, id: string, raw: unknown): this {
    this.documents.set(`${collection}/${id}`, JSON.stringify(raw));
    return this;
  }

  async get<T>(collection: string, id: string): Promise<T | undefined> {
    const text = this.documents.get(`${collection}/${id}`);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async list<T>(collection: string): Promise<T[]> {
    return [...this.documents.entries()].filter(([key]) => key.startsWith(`${collection}/`)).map(([, text]) => JSON.parse(text) as T);
  }

  async put<T extends { id: string }>(collection: string, document: T): Promise<T> {
    if (this.failWrites > 0) {
      this.failWrites -= 1;
      throw new Error("Extension data is not reachable");
    }
    const text = JSON.stringify(document);
    this.writes.push({ collection, id: document.id, document: JSON.parse(text) });
    this.documents.set(`${collection}/${document.id}`, text);
    return JSON.parse(text) as T;
  }

  async delete(collection: string, id: string): Promise<void> {
    this.documents.delete(`${collection}/${id}`);
  }
}
