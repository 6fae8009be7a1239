import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { useState } from "react";
import type { HubServices } from "../workflows/hubServices";
import type { ProvisioningJournal } from "../workflows/provisioning/journal";
import type { HubSettings } from "../workflows/settings";
import { InlineProblem } from "./common/InlineProblem";
import { useAsync } from "./common/useAsync";
import { ProvisioningWizard } from "./wizard/ProvisioningWizard";
import { BringYourOwnApp } from "./byo/BringYourOwnApp";

type View = { kind: "home" } | { kind: "wizard"; resume?: ProvisioningJournal } | { kind: "byo" };

/** The hub's start: create a connection, or pick up a run that was interrupted. */
export function HubHome({ services, settings }: { services: HubServices; settings: HubSettings }) {
  const [view, setView] = useState<View>({ kind: "home" });
  const [generation, setGeneration] = useState(0);
  const [unfinished, reload] = useAsync(view.kind === "home" ? () => services.unfinishedRuns() : undefined, `runs|${view.kind}|${generation}`, "Reading your unfinished runs");
  const backHome = () => {
    setView({ kind: "home" });
    setGeneration((g) => g + 1);
  };

  if (view.kind === "byo") {
    return (
      <div className="page-content page-content-top">
        <BringYourOwnApp services={services} allowAllPipelines={settings.allowAllPipelines} onClose={backHome} />
      </div>
    );
  }

  if (view.kind === "wizard") {
    return (
      <div className="page-content page-content-top">
        <ProvisioningWizard
          services={services}
          defaults={{
            ...(settings.defaultTenantId ? { tenantId: settings.defaultTenantId } : {}),
            ...(settings.nameTemplate ? { nameTemplate: settings.nameTemplate } : {}),
            role: settings.defaultRole,
            secretDays: settings.defaultSecretDays,
            allowAllPipelines: settings.allowAllPipelines,
          }}
          {...(view.resume ? { resume: view.resume } : {})}
          onClose={backHome}
        />
      </div>
    );
  }

  return (
    <div className="page-content page-content-top flex-column rhythm-vertical-16">
      {unfinished.status === "failed" && <InlineProblem problem={unfinished.problem} onRetry={reload} />}
      {unfinished.status === "ready" && unfinished.value.length > 0 && (
        <Card titleProps={{ text: "Unfinished runs", ariaLevel: 2 }}>
          <ul className="unfinished-runs flex-column rhythm-vertical-8">
            {unfinished.value.map((journal) => (
              <li key={journal.id} className="flex-row flex-center rhythm-horizontal-8" data-run={journal.id}>
                <span>
                  "{journal.form.connection.name}", started {journal.createdAt.slice(0, 16).replace("T", " ")} UTC, stopped while {journal.status === "failed" ? "a step had failed" : "it was running"}.
                </span>
                <Button text="Resume or roll back" onClick={() => setView({ kind: "wizard", resume: journal })} />
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card titleProps={{ text: "New Azure Resource Manager service connection", ariaLevel: 2 }}>
        <div className="flex-column rhythm-vertical-16">
          <p className="body-m">
            Creates an app registration with a client secret, gives it a role at a subscription, management group or Machine Learning workspace, and saves a verified
            service connection in {services.session.project.name} — the steps of "Manually set an Azure Resource Manager service connection with a secret", done for you.
          </p>
          <div>
            <Button primary text="New service connection" onClick={() => setView({ kind: "wizard" })} />
          </div>
        </div>
      </Card>
      <Card titleProps={{ text: "Bring your own app registration", ariaLevel: 2 }}>
        <div className="flex-column rhythm-vertical-16">
          <p className="body-m">
            If you may not create app registrations, use one that already exists: enter its client ID, directory and secret, and the hub verifies and saves the
            connection and authorizes your pipelines. No sign-in needed.
          </p>
          <div>
            <Button text="Use an existing app registration" onClick={() => setView({ kind: "byo" })} />
          </div>
        </div>
      </Card>
    </div>
  );
}
