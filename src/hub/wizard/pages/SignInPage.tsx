import { Button } from "azure-devops-ui/Button";
import { Dropdown } from "azure-devops-ui/Dropdown";
import type { IListBoxItem } from "azure-devops-ui/ListBox";
import type { DropdownSelection } from "azure-devops-ui/Utilities/DropdownSelection";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { useMemo } from "react";
import type { SignedInAccount } from "../../../workflows/hub/hubTypes";
import type { ProvisioningDraft } from "../../../workflows/provisioning/draft";
import type { HubServices } from "../../../workflows/hub/hubServices";
import { Field } from "../../common/Field";
import { InlineProblem } from "../../common/InlineProblem";
import { AnotherAccountButton, PopupRemedyButton, useSignIn } from "../../common/SignInActions";
import { SignInSetupHelp } from "../../onboarding/SignInOnboarding";
import { useAsync } from "../../common/useAsync";
import { useSelection } from "../useSelection";

export interface SignInPageProps {
  services: HubServices;
  draft: ProvisioningDraft;
  update: (change: Partial<ProvisioningDraft>) => void;
  account: SignedInAccount | undefined;
  onAccountChange: (account: SignedInAccount | undefined) => void;
  error?: string;
  /** The tenant the organization's settings suggest, if any. */
  defaultTenantId?: string;
}

const NOTHING_CHOSEN = { subscription: undefined, managementGroup: undefined, resourceGroup: undefined, workspace: undefined } as const;

/** Step 1: sign in to Microsoft Entra ID and choose the directory (tenant) to work in. */
export function SignInPage({ services, draft, update, account, onAccountChange, error, defaultTenantId }: SignInPageProps) {
  const multipleClouds = services.clouds.length > 1;
  const signInState = useSignIn(services, draft.cloudId, (signedIn) => {
    const another = account !== undefined && account.objectId !== signedIn.objectId;
    onAccountChange(signedIn);
    // Another account may see other directories and subscriptions: nothing chosen for the one before is kept.
    if (another) update({ tenantId: defaultTenantId || signedIn.tenantId, ...NOTHING_CHOSEN });
    else update({ tenantId: draft.tenantId || defaultTenantId || signedIn.tenantId });
  });
  const { busy, problem, signIn } = signInState;
  const signOut = async () => {
    await services.signOut();
    onAccountChange(undefined);
    update({ tenantId: "", ...NOTHING_CHOSEN });
  };

  const [tenants, reloadTenants] = useAsync(
    account ? () => services.directory(draft.cloudId, account.tenantId).tenants() : undefined,
    `${draft.cloudId}|${account?.objectId ?? ""}`,
    "Listing your directories",
  );
  const tenantItems: IListBoxItem[] = useMemo(() => {
    if (tenants.status !== "ready") return draft.tenantId ? [{ id: draft.tenantId, text: draft.tenantId }] : [];
    const items = tenants.value.map((t) => ({
      id: t.tenantId,
      text: t.displayName ? `${t.displayName} (${t.defaultDomain ?? t.tenantId})` : t.tenantId,
    }));
    return items.some((i) => i.id === draft.tenantId) || !draft.tenantId ? items : [{ id: draft.tenantId, text: draft.tenantId }, ...items];
  }, [tenants, draft.tenantId]);
  const tenantSelection = useSelection(tenantItems, draft.tenantId);
  const cloudItems = useMemo(() => services.clouds.map((c) => ({ id: c.id, text: c.displayName })), [services.clouds]);
  const cloudSelection = useSelection(cloudItems, draft.cloudId);

  return (
    <div className="flex-column rhythm-vertical-16">
      <p className="body-m">
        Sign in with the Azure account that will own the new app registration and assign its role. The hub acts as you, from this browser
        only.
      </p>
      {multipleClouds && !account && (
        <Field label="Cloud">
          <Dropdown
            items={cloudItems}
            selection={cloudSelection as DropdownSelection}
            onSelect={(_, item) => update({ cloudId: item.id })}
            ariaLabel="Cloud"
          />
        </Field>
      )}
      {account ? (
        <div className="flex-row flex-center rhythm-horizontal-16" data-testid="signed-in">
          <span>
            Signed in as <strong>{account.name}</strong> ({account.username})
            {services.signInMethod() === "nested" ? " through Azure DevOps" : ""}
          </span>
          <AnotherAccountButton state={signInState} />
          <Button text="Sign out" onClick={() => void signOut()} />
          {busy && <Spinner size={SpinnerSize.small} label="Signing in…" />}
        </div>
      ) : (
        <div className="flex-row flex-center rhythm-horizontal-16">
          <Button primary text="Sign in to Microsoft Entra ID" onClick={signIn} disabled={busy} />
          <AnotherAccountButton state={signInState} />
          {busy && <Spinner size={SpinnerSize.small} label="Signing in…" />}
        </div>
      )}
      {problem && (
        <InlineProblem problem={problem} onRetry={signIn}>
          <PopupRemedyButton state={signInState} />
        </InlineProblem>
      )}
      {problem?.help === "signInSetup" && <SignInSetupHelp {...(defaultTenantId ? { tenant: defaultTenantId } : {})} />}
      {account && (
        <Field
          label="Directory (tenant)"
          error={error}
          hint="The directory where the app registration is created and the role assigned."
          required
        >
          {tenants.status === "failed" ? (
            <InlineProblem problem={tenants.problem} onRetry={reloadTenants} />
          ) : (
            <Dropdown
              items={tenantItems}
              selection={tenantSelection as DropdownSelection}
              placeholder={tenants.status === "loading" ? "Loading directories…" : "Choose a directory"}
              onSelect={(_, item) =>
                update({
                  tenantId: item.id,
                  subscription: undefined,
                  managementGroup: undefined,
                  resourceGroup: undefined,
                  workspace: undefined,
                })
              }
              ariaLabel="Directory (tenant)"
            />
          )}
        </Field>
      )}
    </div>
  );
}
