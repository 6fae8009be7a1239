import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import type { ByoFederationJournal } from "../../workflows/byo/byoFederationJournal";
import type { HubServices } from "../../workflows/hub/hubServices";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync } from "../common/useAsync";

/**
 * Connections saved with workload identity federation whose app does not trust them yet (an owner of the app has to
 * add the federated credential): offered again after the tab was closed, to verify or roll back.
 */
export function AwaitingTrustCard({
  services,
  generation,
  onOpen,
}: {
  services: HubServices;
  generation: number;
  onOpen: (journal: ByoFederationJournal) => void;
}) {
  const [waiting, reload] = useAsync(
    () => services.byoAwaitingTrust(),
    `trust|${generation}`,
    "Reading your connections waiting for trust",
  );
  if (waiting.status === "failed") return <InlineProblem problem={waiting.problem} onRetry={reload} />;
  if (waiting.status !== "ready" || waiting.value.length === 0) return null;
  return (
    <Card titleProps={{ text: "Federated connections not verified yet", ariaLevel: 2 }}>
      <ul className="awaiting-trust flex-column rhythm-vertical-8">
        {waiting.value.map((journal) => (
          <li key={journal.id} className="flex-row flex-center rhythm-horizontal-8" data-trust-run={journal.id}>
            <span>
              "{journal.form.connection.name}" (app {journal.form.appId}) is saved with workload identity federation but not verified:{" "}
              {journal.created.waitingForTrust ? "it waits for an owner of the app to add the federated credential." : "a step had failed."}
            </span>
            <Button text="Verify or roll back" onClick={() => onOpen(journal)} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
