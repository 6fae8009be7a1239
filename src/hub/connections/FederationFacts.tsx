import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { AZURE_DEVOPS_ISSUER_RETIREMENT, ISSUER_LABELS } from "../../workflows/connections/federationIssuer";
import type { InventoryRow } from "../../workflows/connections/inventory";

/**
 * A federated connection's issuer as Azure DevOps reports it ("unknown" when it does not say), with the warning and
 * the move offered while it is on the retiring Azure DevOps issuer.
 */
export function FederationFacts({ row, onMove }: { row: InventoryRow; onMove: () => void }) {
  const federation = row.facts.federation;
  if (!federation) return null;
  const retiring = row.badges.includes("retiringIssuer");
  return (
    <div className="flex-column rhythm-vertical-8" data-testid="federation-facts">
      <dl className="result-list">
        <dt>Issuer type</dt>
        <dd data-testid="issuer-type">{ISSUER_LABELS[federation.kind]}</dd>
        <dt>Issuer</dt>
        <dd className="monospaced-text">{federation.issuer ?? "unknown"}</dd>
        <dt>Subject identifier</dt>
        <dd className="monospaced-text">{federation.subject ?? "unknown"}</dd>
      </dl>
      {retiring && (
        <MessageCard severity={MessageCardSeverity.Warning} className="issuer-warning">
          {`Azure DevOps retires this issuer for single-tenant apps in the public cloud on ${AZURE_DEVOPS_ISSUER_RETIREMENT}: ` +
            "pipelines using the connection then stop signing in. Move it to the Microsoft Entra issuer."}
        </MessageCard>
      )}
      {retiring && (
        <div>
          <Button text="Move to the Entra issuer…" onClick={onMove} />
        </div>
      )}
    </div>
  );
}
