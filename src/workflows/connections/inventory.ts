import type { DocumentStore, ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import type { GraphClient } from "../../clients/graph/graphClient";
import type { ApplicationRead } from "../../clients/graph/graphTypes";
import { describeError } from "../../platform/describeError";
import { isServiceError } from "../../platform/http/serviceError";
import { JOURNAL_COLLECTION, type ProvisioningJournal } from "../provisioning/journal";
import { unfinishedActions, type ActionJournal } from "./actionEngine";
import { connectionFacts, type ConnectionFacts } from "./connectionFacts";
import {
  appInfo,
  badgesOf,
  secretExpiry,
  summarize,
  type AppAccess,
  type Badge,
  type InventorySummary,
  type SecretExpiry,
} from "./credentialStatus";

/**
 * The Connections tab's inventory: every Azure Resource Manager connection of the project (not only the extension's),
 * first as Azure DevOps describes it (no sign-in needed), then, once the person is signed in, with what Graph says of
 * each app: secrets and their expiry, owners, and the extension's markers. Apps are read 20 to a $batch request.
 */
export interface InventoryRow {
  facts: ConnectionFacts;
  /** Made by this extension: from the app's markers once read, else from the person's own journal; undefined when unknown. */
  createdByExtension?: boolean;
  access: AppAccess;
  expiry: SecretExpiry;
  badges: Badge[];
  /** The signed-in person is an owner of the app (undefined when the app could not be read). */
  ownedByYou?: boolean;
  /** An action of this person on the connection that did not finish (the page closed, or it failed). */
  unfinishedAction?: Pick<ActionJournal, "id" | "kind" | "status" | "updatedAt">;
}

export interface Inventory {
  rows: InventoryRow[];
  summary: InventorySummary;
  /** Whether Graph was read (the person is signed in). */
  credentialsRead: boolean;
}

export interface InventoryPorts {
  connections: Pick<ServiceConnectionsClient, "listAzureRm">;
  /** The person's own extension data: provisioning journals and action journals. */
  journal: DocumentStore;
}

/** Azure DevOps' half: the project's connections, what the person's own journal knows, no Azure sign-in. */
export async function listInventory(ports: InventoryPorts, projectId: string): Promise<Inventory> {
  const [connections, journals, actions] = await Promise.all([
    ports.connections.listAzureRm(projectId),
    ports.journal.list<ProvisioningJournal>(JOURNAL_COLLECTION).catch(() => [] as ProvisioningJournal[]),
    unfinishedActions(ports.journal).catch(() => [] as ActionJournal[]),
  ]);
  const fromJournal = new Set(journals.map((j) => j?.created?.endpointId?.toLowerCase()).filter((id): id is string => Boolean(id)));
  const rows = connections
    .filter((c) => c.id)
    .map((connection): InventoryRow => {
      const facts = connectionFacts(connection, projectId);
      const access: AppAccess =
        facts.authKind === "managedIdentity"
          ? { state: "notApplicable", reason: "A managed identity has no app registration." }
          : { state: "notSignedIn" };
      const expiry = secretExpiry(facts, access, 0);
      const action = actions.find((a) => a.endpointId.toLowerCase() === facts.id.toLowerCase());
      return {
        facts,
        ...(fromJournal.has(facts.id.toLowerCase()) ? { createdByExtension: true } : {}),
        access,
        expiry,
        badges: badgesOf(facts, access, expiry),
        ...(action ? { unfinishedAction: { id: action.id, kind: action.kind, status: action.status, updatedAt: action.updatedAt } } : {}),
      };
    })
    .sort((a, b) => a.facts.name.localeCompare(b.facts.name));
  return { rows, summary: summarize(rows, false), credentialsRead: false };
}

export interface CredentialReader {
  /** The Azure DevOps environment of the cloud the person signed in to; apps of other clouds are not read. */
  environment: string;
  /** The signed-in person's object id (to tell whether they own an app). */
  userObjectId: string;
  /** Graph of one directory (a token for it is asked for on first use). */
  graphFor(tenantId: string): Pick<GraphClient, "readApplicationsByAppId">;
  sleep(ms: number): Promise<void>;
  now(): number;
}

/** Graph's half: each app's secrets, owners and markers, per directory, 20 apps to a batch. */
export async function readCredentials(inventory: Inventory, reader: CredentialReader): Promise<Inventory> {
  const now = reader.now();
  const readable = (row: InventoryRow) =>
    row.access.state !== "notApplicable" &&
    row.facts.clientId !== undefined &&
    row.facts.tenantId !== undefined &&
    row.facts.environment.toLowerCase() === reader.environment.toLowerCase();
  const byTenant = new Map<string, string[]>();
  for (const row of inventory.rows.filter(readable)) {
    const tenant = row.facts.tenantId!.toLowerCase();
    // Appended in place: copying the list for each row would be quadratic over thousands of connections.
    const appIds = byTenant.get(tenant) ?? [];
    appIds.push(row.facts.clientId!);
    byTenant.set(tenant, appIds);
  }

  const reads = new Map<string, Map<string, ApplicationRead> | { error: string; signInTo?: string }>();
  await Promise.all(
    [...byTenant].map(async ([tenant, appIds]) => {
      try {
        reads.set(tenant, await reader.graphFor(tenant).readApplicationsByAppId(appIds, { sleep: reader.sleep }));
      } catch (error) {
        // Typically no token for a directory the person is not a member of.
        const entra = isServiceError(error) && error.service === "entra";
        reads.set(tenant, {
          ...(entra ? { signInTo: tenant } : {}),
          error: entra
            ? `Your account cannot sign in to the directory ${tenant}, where this connection's app lives (you may not be a member of it).`
            : describeError(error, { step: `Reading the apps of directory ${tenant}` }).detail,
        });
      }
    }),
  );

  const rows = inventory.rows.map((row): InventoryRow => {
    let access: AppAccess = row.access;
    if (row.access.state !== "notApplicable") {
      if (!readable(row)) {
        access = row.facts.clientId
          ? { state: "notApplicable", reason: `The connection is in ${row.facts.environment}; you signed in to ${reader.environment}.` }
          : { state: "notApplicable", reason: "The connection names no app." };
      } else {
        const tenantReads = reads.get(row.facts.tenantId!.toLowerCase());
        access = !tenantReads
          ? { state: "failed", reason: "The app was not read." }
          : "error" in tenantReads
            ? { state: "noAccess", reason: tenantReads.error, ...(tenantReads.signInTo ? { signInTo: tenantReads.signInTo } : {}) }
            : accessOf(tenantReads.get(row.facts.clientId!.toLowerCase()), row.facts.id);
      }
    }
    const expiry = secretExpiry(row.facts, access, now);
    const app = access.state === "readable" ? access.app : undefined;
    const createdByExtension = app ? app.createdForConnection || row.createdByExtension === true : row.createdByExtension;
    const { ownedByYou: _owned, createdByExtension: _created, ...rest } = row;
    return {
      ...rest,
      access,
      expiry,
      badges: badgesOf(row.facts, access, expiry),
      ...(createdByExtension !== undefined ? { createdByExtension } : {}),
      ...(app ? { ownedByYou: app.owners.some((o) => o.id.toLowerCase() === reader.userObjectId.toLowerCase()) } : {}),
    };
  });
  return { rows, summary: summarize(rows, true), credentialsRead: true };
}

function accessOf(read: ApplicationRead | undefined, connectionId: string): AppAccess {
  if (!read) return { state: "failed", reason: "Graph did not answer for this app." };
  switch (read.status) {
    case "found":
      return { state: "readable", app: appInfo(read.app, connectionId) };
    case "notFound":
      return {
        state: "noAccess",
        reason: "The app registration is not in the directory you signed in to (it may be another directory's app, or deleted).",
      };
    case "denied":
      return { state: "noAccess", reason: `You may not read the app registration (${read.message}).` };
    case "failed":
      return { state: "failed", reason: `Graph answered ${read.httpStatus}: ${read.message}` };
  }
}
