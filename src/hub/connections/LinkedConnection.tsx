import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { useEffect, useState } from "react";
import type { Inventory } from "../../workflows/connections/inventory";
import type { LinkedConnection } from "../../workflows/hub/hubLink";

/**
 * A link's `?connection=` (the widget's, the organization view's): once the project's list is read, the connection's
 * details open when the id is in it; otherwise the person is told and sees the list. The id itself is never shown.
 */
export function useLinkedConnection(linked: LinkedConnection | undefined, listed: Inventory | undefined, open: (id: string) => void) {
  const [state, setState] = useState<"pending" | "done" | "notFound">(linked ? "pending" : "done");
  useEffect(() => {
    if (state !== "pending" || !listed) return;
    const found = linked?.kind === "id" ? listed.rows.find((r) => r.facts.id.toLowerCase() === linked.id) : undefined;
    if (found) open(found.facts.id);
    setState(found ? "done" : "notFound");
  }, [state, listed, linked, open]);
  return { notFound: state === "notFound", dismiss: () => setState("done") };
}

export function LinkedConnectionNotFound({ projectName, onDismiss }: { projectName: string; onDismiss: () => void }) {
  return (
    <MessageCard severity={MessageCardSeverity.Info} onDismiss={onDismiss} className="linked-not-found">
      {`This connection was not found in this project. The link named a connection that is not in ${projectName}'s list ` +
        "(it may have been deleted, or belong to another project); the project's connections are listed below."}
    </MessageCard>
  );
}
