import type { ExpiryObservation } from "./expiryIndex";

/**
 * What the hub's Connections tab knows once it has read Graph, reduced to the expiry index's observations. Typed by
 * shape rather than by importing the inventory's types, so it keeps working while those files move; it accepts the
 * inventory rows as `readCredentials` returns them (facts.id, facts.clientId, facts.authKind, expiry.endDateTime).
 */
export interface InventoryRowLike {
  facts: { id: string; clientId?: string | undefined; authKind: string };
  expiry: { kind: string; endDateTime?: string | undefined };
}

/** Rows whose secret end date was read (secret connections whose app Graph returned); others give nothing to record. */
export function observationsFromInventory(rows: readonly InventoryRowLike[]): ExpiryObservation[] {
  return rows.flatMap((row) =>
    row.facts.authKind === "secret" && row.facts.clientId && row.expiry.endDateTime && ["expired", "soon", "ok"].includes(row.expiry.kind)
      ? [{ connectionId: row.facts.id, appId: row.facts.clientId, endDateTime: row.expiry.endDateTime }]
      : [],
  );
}
