import type { HostClient, HostIdentity } from "../../../src/clients/devops/hostClient";

/** A host that answers like Azure DevOps, with switches for each way it can fail. */
export class FakeHostClient implements HostClient {
  framed = true;
  /** Never answer the handshake (a page framed by something that is not Azure DevOps). */
  silent = false;
  project: { id: string; name: string } | undefined = { id: "p-1", name: "Fabrikam Web" };
  loadSucceeded = 0;
  loadFailed: string[] = [];
  /** The host page's query parameters (a link's `?connection=`); a rejection when set to an Error. */
  query: Record<string, string> | Error = {};

  isFramed(): boolean {
    return this.framed;
  }
  connect(): Promise<HostIdentity> {
    if (this.silent) return new Promise(() => undefined);
    return Promise.resolve({ organization: "contoso", userDisplayName: "Ada Admin", extensionId: "publisher.hub" });
  }
  async getProject() {
    return this.project;
  }
  async getQueryParams() {
    if (this.query instanceof Error) throw this.query;
    return this.query;
  }
  async notifyLoadSucceeded() {
    this.loadSucceeded += 1;
  }
  async notifyLoadFailed(message: string) {
    this.loadFailed.push(message);
  }
}
