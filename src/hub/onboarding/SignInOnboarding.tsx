import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { lazy, Suspense, useState } from "react";
import { CLOUDS } from "../../platform/clouds";
import { isSignInConfigured, type HubSettings } from "../../workflows/settings/settings";

// The guide (with its pickers and fields) loads only when it is shown: most visits to a configured hub never need it.
const SignInSetupGuide = lazy(() =>
  import(/* webpackChunkName: "onboarding" */ "./SignInSetupGuide").then((m) => ({ default: m.SignInSetupGuide })),
);

/**
 * The project hub's first card while the organization has no sign-in app: what is missing and how to register it.
 * It renders nothing once a client id is configured for any cloud.
 */
export function SignInOnboardingCard({ settings, pageUrl = location.href }: { settings: HubSettings; pageUrl?: string }) {
  if (isSignInConfigured(settings, CLOUDS)) return null;
  return (
    <Card className="sign-in-onboarding" titleProps={{ text: "Set up sign-in first", ariaLevel: 2 }}>
      <div className="flex-column rhythm-vertical-16">
        <p className="body-m">
          To create app registrations and assign roles, the hub signs you in to Microsoft Entra ID with an app registration your
          organization owns, from your browser. An administrator registers it once per cloud (about five minutes) and enters its client ID
          in Organization settings; no one has done so for this organization yet. Until then, "Bring your own app registration" below works
          without signing in.
        </p>
        <Suspense fallback={null}>
          <SignInSetupGuide
            clouds={CLOUDS}
            pageUrl={pageUrl}
            intro={false}
            {...(settings.defaultTenantId ? { tenant: settings.defaultTenantId } : {})}
          />
        </Suspense>
      </div>
    </Card>
  );
}

/**
 * Next to a sign-in problem whose cause is the organization's sign-in app (unknown client id, unregistered redirect URI,
 * missing consent): opens the same guide in place.
 */
export function SignInSetupHelp({
  tenant,
  clientIds,
  pageUrl = location.href,
}: {
  tenant?: string;
  clientIds?: Readonly<Record<string, string>>;
  pageUrl?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="flex-column rhythm-vertical-16">
      <div>
        <Button
          text={open ? "Hide the sign-in setup guide" : "Open the sign-in setup guide"}
          ariaExpanded={open}
          onClick={() => setOpen(!open)}
        />
      </div>
      {open && (
        <Suspense fallback={null}>
          <SignInSetupGuide clouds={CLOUDS} pageUrl={pageUrl} {...(tenant ? { tenant } : {})} {...(clientIds ? { clientIds } : {})} />
        </Suspense>
      )}
    </div>
  );
}
