import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { useState } from "react";
import { configuredClouds, type HubSettings } from "../../workflows/settings/settings";
import { NO_PERMISSION, PERMISSION_ADVISORY, PERMISSION_UNKNOWN, type SettingsServices } from "../../workflows/settings/settingsService";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync } from "../common/useAsync";
import { SignInSetupGuide } from "../onboarding/SignInSetupGuide";
import { SettingsEditor } from "./SettingsEditor";
import { SettingsSummary } from "./SettingsSummary";

/**
 * Organization settings > Azure connections: the settings, editable unless Azure DevOps clearly says the person lacks
 * "Edit instance-level information" (then read-only, with why), with the sign-in setup guide next to them. The check
 * is advice, not protection: when it cannot answer, the page says so and still lets the person save.
 */
export function SettingsPage({ services, pageUrl = location.href }: { services: SettingsServices; pageUrl?: string }) {
  const [generation, setGeneration] = useState(0);
  const [loaded, reload] = useAsync(
    () => Promise.all([services.read(), services.access()]),
    `settings|${generation}`,
    "Reading the settings",
  );
  const [saved, setSaved] = useState<HubSettings>();
  const [guideOpen, setGuideOpen] = useState<boolean>();

  if (loaded.status === "idle" || loaded.status === "loading") {
    return (
      <main className="page-content page-content-top">
        <Spinner size={SpinnerSize.large} label="Reading the settings…" />
      </main>
    );
  }
  if (loaded.status === "failed") {
    return (
      <main className="page-content page-content-top">
        <InlineProblem problem={loaded.problem} onRetry={reload} />
      </main>
    );
  }
  const [read, access] = loaded.value;
  const canEdit = access !== "denied";
  const settings = saved ?? read;
  const configured = configuredClouds(settings, services.clouds).length > 0;
  const showGuide = guideOpen ?? !configured;

  // The page's one main landmark (the frame around it, SettingsApp, holds only the header).
  return (
    <main className="page-content page-content-top flex-column rhythm-vertical-16">
      <MessageCard severity={MessageCardSeverity.Info} className="settings-scope-note">
        These settings apply to every project of {services.session.organization}. The permission check on this page only gates the page:
        Azure DevOps lets any user of the extension write its data, so the hub validates every value again whenever it reads them, they
        never hold a secret, and they never decide where sign-in or tokens go (only the clouds built into the extension do).
      </MessageCard>
      <Card titleProps={{ text: canEdit ? "Settings" : "Settings (read-only)", ariaLevel: 2 }}>
        {canEdit ? (
          <div className="flex-column rhythm-vertical-16">
            {access === "unknown" && (
              <MessageCard severity={MessageCardSeverity.Info} className="settings-permission-unknown">
                {PERMISSION_UNKNOWN}
              </MessageCard>
            )}
            <SettingsEditor key={generation} services={services} settings={settings} onSaved={setSaved} />
          </div>
        ) : (
          <div className="flex-column rhythm-vertical-16 settings-section" data-testid="settings-read-only">
            <MessageCard severity={MessageCardSeverity.Warning} className="settings-no-permission">
              {`${NO_PERMISSION.title} ${NO_PERMISSION.detail} ${NO_PERMISSION.action} ${PERMISSION_ADVISORY}`}
            </MessageCard>
            <SettingsSummary settings={settings} clouds={services.clouds} />
            <div>
              <Button
                text="Check again"
                onClick={() => {
                  setSaved(undefined);
                  setGeneration((g) => g + 1);
                }}
              />
            </div>
          </div>
        )}
      </Card>
      <Card titleProps={{ text: "How to register the sign-in app", ariaLevel: 2 }}>
        <div className="flex-column rhythm-vertical-16">
          {configured && (
            <div>
              <Button
                text={showGuide ? "Hide the guide" : "Show the guide"}
                ariaExpanded={showGuide}
                onClick={() => setGuideOpen(!showGuide)}
              />
            </div>
          )}
          {showGuide && (
            <SignInSetupGuide
              clouds={services.clouds}
              pageUrl={pageUrl}
              clientIds={settings.signInClientIds}
              enterClientIdHere={canEdit}
              {...(settings.defaultTenantId ? { tenant: settings.defaultTenantId } : {})}
            />
          )}
        </div>
      </Card>
    </main>
  );
}
