import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { sharedRunSummary } from "../../workflows/bulk/sharedAppJournal";
import type { SharedAppJournal } from "../../workflows/bulk/sharedAppRun";
import type { HubServices } from "../../workflows/hub/hubServices";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync } from "../common/useAsync";

/**
 * Shared app runs a closed tab interrupted, on the start page: each with Resume (the bulk run page on the resumed run)
 * and Roll back (everything it made). Journals that failed validation are only counted: nothing is done with them.
 */
export function UnfinishedSharedRuns({
  services,
  generation,
  onOpen,
}: {
  services: HubServices;
  generation: number;
  onOpen: (journal: SharedAppJournal, action: "resume" | "rollBack") => void;
}) {
  const [unfinished, reload] = useAsync(
    services.unfinishedSharedAppRuns ? () => services.unfinishedSharedAppRuns!() : undefined,
    `shared|${generation}`,
    "Reading your unfinished shared app runs",
  );
  if (unfinished.status === "failed") return <InlineProblem problem={unfinished.problem} onRetry={reload} />;
  if (unfinished.status !== "ready") return null;
  const { runs, unreadable } = unfinished.value;
  if (runs.length === 0 && unreadable === 0) return null;
  return (
    <Card titleProps={{ text: "Unfinished shared app runs", ariaLevel: 2 }}>
      <div className="flex-column rhythm-vertical-8">
        {runs.length > 0 && (
          <ul className="unfinished-runs flex-column rhythm-vertical-8">
            {runs.map((journal) => (
              <li key={journal.id} className="flex-row flex-center rhythm-horizontal-8" data-shared-run={journal.id}>
                <span>
                  {sharedRunSummary(journal)}, started {journal.createdAt.slice(0, 16).replace("T", " ")} UTC.
                </span>
                <Button text="Resume" ariaLabel={`Resume ${sharedRunSummary(journal)}`} onClick={() => onOpen(journal, "resume")} />
                <Button text="Roll back" ariaLabel={`Roll back ${sharedRunSummary(journal)}`} onClick={() => onOpen(journal, "rollBack")} />
              </li>
            ))}
          </ul>
        )}
        {unreadable > 0 && (
          <p className="body-m" data-testid="shared-unreadable">
            {unreadable === 1 ? "1 saved shared app run could not be read" : `${unreadable} saved shared app runs could not be read`}: it is
            not in the form this hub writes, so nothing is done with it. Remove what it made in the Azure portal if you know of it.
          </p>
        )}
      </div>
    </Card>
  );
}
