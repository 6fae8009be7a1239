import { Button } from "azure-devops-ui/Button";
import { RadioButton, RadioButtonGroup } from "azure-devops-ui/RadioButton";
import { TextField } from "azure-devops-ui/TextField";
import { useState } from "react";
import { describeError } from "../../../platform/describeError";
import type { AzureDirectory } from "../../../workflows/directory/azureDirectory";
import type { ProvisioningDraft } from "../../../workflows/provisioning/draft";
import type { SignInAudience } from "../../../workflows/provisioning/form";
import { Field } from "../../common/Field";
import { problemText } from "../../common/problemText";

export interface AppRegistrationPageProps {
  directory: AzureDirectory;
  draft: ProvisioningDraft;
  update: (change: Partial<ProvisioningDraft>) => void;
  error?: string;
}

/** Step 3: the app registration's name, who can use it, and co-owners who may rotate its secret later. */
export function AppRegistrationPage({ directory, draft, update, error }: AppRegistrationPageProps) {
  const [coOwner, setCoOwner] = useState("");
  const [coOwnerError, setCoOwnerError] = useState<string>();
  const [looking, setLooking] = useState(false);

  const addCoOwner = async () => {
    const query = coOwner.trim();
    if (!query) return setCoOwnerError("Enter the user's sign-in name, such as someone@contoso.com.");
    setLooking(true);
    setCoOwnerError(undefined);
    try {
      const user = await directory.findUser(query);
      if (!user) return setCoOwnerError(`No user "${query}" in this directory. Check the sign-in name.`);
      if (draft.coOwners.some((o) => o.id === user.id)) return setCoOwnerError(`${user.displayName} is already a co-owner.`);
      update({ coOwners: [...draft.coOwners, { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName }] });
      setCoOwner("");
    } catch (e) {
      // A field's message is a sentence: the service's own words (a JSON body) never show under the field.
      const problem = problemText(describeError(e, { step: "Looking up the user" }));
      setCoOwnerError(`${problem.detail} ${problem.action}`);
    } finally {
      setLooking(false);
    }
  };

  return (
    <div className="flex-column rhythm-vertical-16">
      <Field
        label="Name"
        error={error}
        hint={
          "The app registration's display name in Microsoft Entra ID. It is filled in from the organization, project and scope " +
          "until you change it."
        }
        required
      >
        <TextField value={draft.appName} onChange={(_, value) => update({ appName: value, appNameEdited: true })} ariaLabel="Name" />
      </Field>
      <RadioButtonGroup
        text="Who can use this application or access this API?"
        selectedButtonId={draft.signInAudience}
        onSelect={(id) => update({ signInAudience: id as SignInAudience })}
      >
        <RadioButton id="AzureADMyOrg" text="Accounts in this organizational directory only (single tenant)" />
        <RadioButton id="AzureADMultipleOrgs" text="Accounts in any organizational directory (multitenant)" />
      </RadioButtonGroup>
      <Field
        label="Co-owners (optional)"
        error={coOwnerError}
        hint="People who may also manage the app, for example to rotate its secret when you are away."
      >
        <div className="flex-row rhythm-horizontal-8">
          <TextField
            value={coOwner}
            onChange={(_, value) => setCoOwner(value)}
            placeholder="someone@contoso.com"
            ariaLabel="Co-owner sign-in name"
            onKeyDown={(e) => {
              if (e.key === "Enter") void addCoOwner();
            }}
          />
          <Button text="Add co-owner" onClick={() => void addCoOwner()} disabled={looking} />
        </div>
      </Field>
      {draft.coOwners.length > 0 && (
        <ul className="co-owner-list" aria-label="Co-owners">
          {draft.coOwners.map((owner) => (
            <li key={owner.id} className="flex-row flex-center rhythm-horizontal-8">
              <span>
                {owner.displayName} ({owner.userPrincipalName})
              </span>
              <Button
                subtle
                text="Remove"
                ariaLabel={`Remove ${owner.displayName}`}
                onClick={() => update({ coOwners: draft.coOwners.filter((o) => o.id !== owner.id) })}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
