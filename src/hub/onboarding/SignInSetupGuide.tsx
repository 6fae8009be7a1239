import "./onboarding.css";
import { Dropdown } from "azure-devops-ui/Dropdown";
import { Link } from "azure-devops-ui/Link";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { TextField } from "azure-devops-ui/TextField";
import { Button } from "azure-devops-ui/Button";
import { useEffect, useMemo, useState } from "react";
import type { Cloud } from "../../platform/clouds";
import {
  adminConsentUrl,
  consentAppSentence,
  identifyConsentApp,
  type ConsentAppIdentity,
  type ConsentAppLookup,
  isVersionedContentUrl,
  NESTED_APP_AUTH_REDIRECT_URI,
  newAppRegistrationUrl,
  popupRedirectUri,
  SIGN_IN_API_PERMISSIONS,
} from "../../workflows/settings/settingsSignInSetup";
import { Field } from "../common/Field";
import { useSelection } from "../wizard/useSelection";
import { CopyableValue } from "./CopyableValue";

export interface SignInSetupGuideProps {
  /** The clouds a sign-in app can be registered for (the build's cloud table). */
  clouds: readonly Cloud[];
  /** Where this page is served from (location.href): the popup redirect URI is computed from it. */
  pageUrl: string;
  /** The organization's default directory, when set: the admin-consent link asks that directory. */
  tenant?: string;
  /**
   * Client ids saved in the organization settings, per cloud. Offered for the admin-consent link only after the person
   * confirms one on the page: the settings are writable by any user of the extension, and a link built from them
   * unseen could ask an administrator to consent tenant-wide for someone else's app.
   */
  clientIds?: Readonly<Record<string, string>>;
  /** Reads the app's display name and publisher domain in the signed-in directory (Graph); absent when not signed in. */
  lookUpApp?: ConsentAppLookup;
  /** Where the client id goes in the last step: this page's form, or the organization settings page. */
  enterClientIdHere?: boolean;
  /** Whether to open with the paragraph on why the app is needed (off where the page around it already says so). */
  intro?: boolean;
}

/** How to register the Entra application the hub signs in with, step by step, with every value ready to copy. */
export function SignInSetupGuide({
  clouds,
  pageUrl,
  tenant,
  clientIds = {},
  enterClientIdHere = false,
  intro = true,
  lookUpApp,
}: SignInSetupGuideProps) {
  const [cloudId, setCloudId] = useState(clouds[0]?.id ?? "");
  const cloud = clouds.find((c) => c.id === cloudId) ?? clouds[0];
  const [clientId, setClientId] = useState("");
  const [directory, setDirectory] = useState(tenant ?? "");
  const cloudItems = useMemo(() => clouds.map((c) => ({ id: c.id, text: c.displayName })), [clouds]);
  const cloudSelection = useSelection(cloudItems, cloudId);
  // Only what the person typed or confirmed on this page builds the link, never a stored value unseen.
  const typedClientId = clientId.trim();
  const consentUrl = cloud ? adminConsentUrl(cloud, typedClientId, directory.trim() || undefined) : undefined;
  const [identity, setIdentity] = useState<{ clientId: string; value: ConsentAppIdentity }>();
  useEffect(() => {
    if (!consentUrl) return;
    let current = true;
    void identifyConsentApp(lookUpApp, typedClientId).then((value) => current && setIdentity({ clientId: typedClientId, value }));
    return () => {
      current = false;
    };
  }, [consentUrl, lookUpApp, typedClientId]);
  if (!cloud) return null;
  const savedClientId = clientIds[cloud.id];
  const appIdentity = identity?.clientId === typedClientId ? identity.value : undefined;
  const redirectUri = popupRedirectUri(pageUrl);

  return (
    <section className="sign-in-setup flex-column rhythm-vertical-16" aria-label="Sign-in setup guide" data-testid="sign-in-setup-guide">
      {intro && (
        <p className="body-m">
          The hub signs you in to Microsoft Entra ID with an app registration your organization owns, so that it can create app
          registrations and assign roles as you, from your browser. An administrator registers it once per cloud; it takes about five
          minutes.
        </p>
      )}
      {clouds.length > 1 && (
        <Field label="Cloud" hint="Register the app in each cloud your Azure resources live in; each cloud has its own client ID.">
          <Dropdown items={cloudItems} selection={cloudSelection} onSelect={(_, item) => setCloudId(item.id)} ariaLabel="Cloud" />
        </Field>
      )}
      <ol className="sign-in-setup-steps">
        <li>
          <h3 className="title-xs">Register an application</h3>
          <p>
            In the{" "}
            <Link href={newAppRegistrationUrl(cloud)} target="_blank" rel="noopener noreferrer">
              Microsoft Entra admin center ({cloud.displayName})
            </Link>
            , choose <strong>App registrations &gt; New registration</strong>. Name it, for example, "Azure connections hub". Under{" "}
            <strong>Supported account types</strong>, choose one, and choose the same under "Who can sign in with this app" in Organization
            settings &gt; Azure connections:
          </p>
          <ul className="sign-in-setup-audiences">
            <li>
              <strong>Accounts in this organizational directory only</strong> (single tenant): the settings need this directory as the
              default directory, and everyone signs in at that directory.
            </li>
            <li>
              <strong>Accounts in any organizational directory</strong> (multitenant): people sign in at /organizations, from their own
              directory; choose this if your Azure resources live in several directories.
            </li>
          </ul>
        </li>
        <li>
          <h3 className="title-xs">Add the single-page application platform and its redirect URIs</h3>
          <p>
            Under <strong>Authentication &gt; Add a platform</strong>, choose <strong>Single-page application</strong> and add both redirect
            URIs below.
          </p>
          <div className="flex-column rhythm-vertical-8">
            <CopyableValue
              label="Redirect URI for signing in through Azure DevOps (nested app authentication)"
              value={NESTED_APP_AUTH_REDIRECT_URI}
            />
            <p className="body-s secondary-text">
              This address belongs to Azure DevOps and does not change. It is taken from the Azure DevOps extension SDK's documentation;
              Microsoft has not confirmed it elsewhere, so keep the next one too.
            </p>
            <CopyableValue label="Redirect URI for signing in with a pop-up window (fallback)" value={redirectUri} />
            <MessageCard severity={MessageCardSeverity.Warning} className="sign-in-setup-warning">
              {isVersionedContentUrl(pageUrl)
                ? "This address contains the extension's version, so it changes with each published version: add the new one after " +
                  "every update, or self-host the extension's content with baseUri so the address stays the same."
                : "This address is where this page is served from right now. On the Marketplace it contains the extension's version " +
                  "and changes with each published version, unless the content is self-hosted with baseUri."}
            </MessageCard>
          </div>
        </li>
        <li>
          <h3 className="title-xs">Add the API permissions</h3>
          <p>
            Under <strong>API permissions &gt; Add a permission</strong>, add these <strong>delegated</strong> permissions:
          </p>
          <table className="sign-in-setup-permissions">
            <thead>
              <tr>
                <th scope="col">API</th>
                <th scope="col">Permission</th>
                <th scope="col">Admin consent</th>
                <th scope="col">Why the hub needs it</th>
              </tr>
            </thead>
            <tbody>
              {SIGN_IN_API_PERMISSIONS.map((p) => (
                <tr key={`${p.api}/${p.permission}`}>
                  <td>{p.api}</td>
                  <td>
                    <code>{p.permission}</code>
                  </td>
                  <td>{p.adminConsentRequired ? "Required" : "Not required"}</td>
                  <td>{p.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </li>
        <li>
          <h3 className="title-xs">Grant admin consent</h3>
          <p>
            Application.ReadWrite.All needs an administrator's consent in every directory where people create connections. A Global
            Administrator (or a Privileged Role or Cloud Application Administrator) opens this link once, or chooses{" "}
            <strong>Grant admin consent</strong> under API permissions.
          </p>
          <div className="flex-row flex-wrap rhythm-horizontal-16">
            <Field label="Application (client) ID" hint="From the app registration's Overview page." className="sign-in-setup-input">
              <TextField
                value={clientId}
                onChange={(_, value) => setClientId(value)}
                placeholder="00000000-0000-0000-0000-000000000000"
                ariaLabel="Application (client) ID for the consent link"
              />
            </Field>
            <Field
              label="Directory (tenant) ID or domain"
              hint="Leave empty to let the administrator's own directory answer."
              className="sign-in-setup-input"
            >
              <TextField
                value={directory}
                onChange={(_, value) => setDirectory(value)}
                placeholder="organizations"
                ariaLabel="Directory for the consent link"
              />
            </Field>
          </div>
          {savedClientId && typedClientId.toLowerCase() !== savedClientId && (
            <div>
              <Button
                text={`Use the saved client ID ${savedClientId}`}
                onClick={() => setClientId(savedClientId)}
                ariaLabel={`Use the client ID saved in the organization settings, ${savedClientId}, for the consent link`}
              />
            </div>
          )}
          {consentUrl ? (
            <div className="flex-column rhythm-vertical-8">
              <p className="body-s" role="status" data-testid="consent-app-identity">
                {appIdentity ? consentAppSentence(appIdentity) : "Checking whose app this is…"}
              </p>
              <CopyableValue label="Admin consent link" value={consentUrl} />
              <Link href={consentUrl} target="_blank" rel="noopener noreferrer">
                Open the admin consent page
              </Link>
            </div>
          ) : (
            <p className="body-s secondary-text">
              Enter the application (client) ID{savedClientId ? ", or use the saved one," : ""} to get the link.
            </p>
          )}
        </li>
        <li>
          <h3 className="title-xs">Enter the client ID</h3>
          <p>
            {enterClientIdHere
              ? "Enter the Application (client) ID under Sign-in app on this page, for the cloud you registered it in, and save."
              : "A Project Collection Administrator enters the Application (client) ID in Organization settings > Azure connections, " +
                "for the cloud it was registered in. This page then offers Sign in."}
          </p>
        </li>
      </ol>
    </section>
  );
}
