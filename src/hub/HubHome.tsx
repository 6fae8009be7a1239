import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { Tab, TabBar, TabSize } from "azure-devops-ui/Tabs";
import { lazy, Suspense, useEffect, useState } from "react";
import type { HubServices } from "../workflows/hub/hubServices";
import type { ByoFederationJournal } from "../workflows/byo/byoFederationJournal";
import type { ProvisioningJournal } from "../workflows/provisioning/journal";
import type { SharedAppJournal } from "../workflows/bulk/sharedAppRun";
import type { HubSettings } from "../workflows/settings/settings";
import { AwaitingTrustCard } from "./byo/AwaitingTrustCard";
import { InlineProblem } from "./common/InlineProblem";
import { useAsync } from "./common/useAsync";
import { SignInOnboardingCard } from "./onboarding/SignInOnboarding";
import { OrganizationSettingsCard } from "./settings/SettingsSummary";
import { MyRequestsCard } from "./requests/MyRequests";
import { UnfinishedSharedRuns } from "./bulk/UnfinishedSharedRuns";

// The forms load after the first render (and are fetched as soon as the page is idle), so the hub opens as fast as a
// bare page; the wizard's code is rarely needed in the first second.
const loadWizard = () => import(/* webpackChunkName: "wizard" */ "./wizard/ProvisioningWizard");
const loadByo = () => import(/* webpackChunkName: "wizard" */ "./byo/BringYourOwnApp");
const ProvisioningWizard = lazy(() => loadWizard().then((m) => ({ default: m.ProvisioningWizard })));
const BringYourOwnApp = lazy(() => loadByo().then((m) => ({ default: m.BringYourOwnApp })));
const SharedRunResume = lazy(() =>
  import(/* webpackChunkName: "wizard" */ "./bulk/SharedRunResume").then((m) => ({ default: m.SharedRunResume })),
);
const ConnectionsTab = lazy(() =>
  import(/* webpackChunkName: "connections" */ "./connections/ConnectionsTab").then((m) => ({ default: m.ConnectionsTab })),
);

function Loading() {
  return <Spinner size={SpinnerSize.large} label="Loading the form…" />;
}

type View =
  | { kind: "home" }
  | { kind: "wizard"; resume?: ProvisioningJournal }
  | { kind: "byo"; resume?: ByoFederationJournal }
  | { kind: "shared"; journal: SharedAppJournal; action: "resume" | "rollBack" };

/** The hub's start: create a connection, or pick up a run that was interrupted. */
export function HubHome({ services, settings }: { services: HubServices; settings: HubSettings }) {
  const [view, setView] = useState<View>({ kind: "home" });
  // A link to a connection (`?connection=`) opens the Connections tab on it.
  const [tab, setTab] = useState<"new" | "connections">(services.session.linkedConnection ? "connections" : "new");
  // Followed once: coming back to the tab later shows the list, not the linked connection again.
  const [linked, setLinked] = useState(services.session.linkedConnection);
  // User Timing mark for the first-render benchmark: the moment a person can start a task.
  useEffect(() => {
    requestAnimationFrame(() => performance.mark("hub-interactive"));
    const prefetch = setTimeout(() => void Promise.all([loadWizard(), loadByo()]).catch(() => undefined), 300);
    return () => clearTimeout(prefetch);
  }, []);
  const [generation, setGeneration] = useState(0);
  const [unfinished, reload] = useAsync(
    view.kind === "home" ? () => services.unfinishedRuns() : undefined,
    `runs|${view.kind}|${generation}`,
    "Reading your unfinished runs",
  );
  const backHome = () => {
    setView({ kind: "home" });
    setGeneration((g) => g + 1);
  };

  if (view.kind === "byo") {
    return (
      <div className="page-content page-content-top">
        <Suspense fallback={<Loading />}>
          <BringYourOwnApp
            services={services}
            allowAllPipelines={settings.allowAllPipelines}
            {...(view.resume ? { resume: view.resume } : {})}
            onClose={backHome}
          />
        </Suspense>
      </div>
    );
  }

  if (view.kind === "shared") {
    return (
      <div className="page-content page-content-top">
        <Suspense fallback={<Loading />}>
          <SharedRunResume services={services} journal={view.journal} action={view.action} onClose={backHome} />
        </Suspense>
      </div>
    );
  }

  if (view.kind === "wizard") {
    return (
      <div className="page-content page-content-top">
        <Suspense fallback={<Loading />}>
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
        </Suspense>
      </div>
    );
  }

  const tabs = (
    <TabBar
      selectedTabId={tab}
      onSelectedTabChanged={(id) => {
        setTab(id === "connections" ? "connections" : "new");
        setLinked(undefined);
      }}
      tabSize={TabSize.Tall}
      ariaLabel="Azure connections"
    >
      <Tab id="new" name="New connection" />
      <Tab id="connections" name="Connections" />
    </TabBar>
  );
  if (tab === "connections") {
    return (
      <>
        {tabs}
        <div className="page-content page-content-top">
          <Suspense fallback={<Spinner size={SpinnerSize.large} label="Loading the connections…" />}>
            <ConnectionsTab services={services} defaultSecretDays={settings.defaultSecretDays} {...(linked ? { linked } : {})} />
          </Suspense>
        </div>
      </>
    );
  }

  return (
    <>
      {tabs}
      <div className="page-content page-content-top flex-column rhythm-vertical-16">
        <SignInOnboardingCard settings={settings} />
        {services.requests && <MyRequestsCard requests={services.requests} />}
        {unfinished.status === "failed" && <InlineProblem problem={unfinished.problem} onRetry={reload} />}
        {unfinished.status === "ready" && unfinished.value.length > 0 && (
          <Card titleProps={{ text: "Unfinished runs", ariaLevel: 2 }}>
            <ul className="unfinished-runs flex-column rhythm-vertical-8">
              {unfinished.value.map((journal) => (
                <li key={journal.id} className="flex-row flex-center rhythm-horizontal-8" data-run={journal.id}>
                  <span>
                    "{journal.form.connection.name}", started {journal.createdAt.slice(0, 16).replace("T", " ")} UTC, stopped while{" "}
                    {journal.status === "failed" ? "a step had failed" : "it was running"}.
                  </span>
                  <Button text="Resume or roll back" onClick={() => setView({ kind: "wizard", resume: journal })} />
                </li>
              ))}
            </ul>
          </Card>
        )}
        <UnfinishedSharedRuns
          services={services}
          generation={generation}
          onOpen={(journal, action) => setView({ kind: "shared", journal, action })}
        />
        <AwaitingTrustCard services={services} generation={generation} onOpen={(journal) => setView({ kind: "byo", resume: journal })} />
        <Card titleProps={{ text: "New Azure Resource Manager service connection", ariaLevel: 2 }}>
          <div className="flex-column rhythm-vertical-16">
            <p className="body-m">
              Creates an app registration that pipelines sign in to with workload identity federation (no secret) or a client secret, gives
              it a role at a subscription, management group or Machine Learning workspace, and saves a verified service connection in{" "}
              {services.session.project.name} — the steps of "Manually set an Azure Resource Manager service connection with a secret", done
              for you.
            </p>
            <div>
              <Button primary text="New service connection" onClick={() => setView({ kind: "wizard" })} />
            </div>
          </div>
        </Card>
        <Card titleProps={{ text: "Bring your own app registration", ariaLevel: 2 }}>
          <div className="flex-column rhythm-vertical-16">
            <p className="body-m">
              If you may not create app registrations, use one that already exists: enter its client ID, directory and secret, and the hub
              verifies and saves the connection and authorizes your pipelines. No sign-in needed.
            </p>
            <div>
              <Button text="Use an existing app registration" onClick={() => setView({ kind: "byo" })} />
            </div>
          </div>
        </Card>
        <OrganizationSettingsCard settings={settings} />
      </div>
    </>
  );
}
