import { RadioButton, RadioButtonGroup } from "azure-devops-ui/RadioButton";
import type { CredentialChoice } from "../../workflows/provisioning/form";

/** "How pipelines authenticate" for a brought app: federation where the cloud offers it, or the article's secret. */
export function ByoCredentialChoice({
  credential,
  federationOffered,
  onChange,
}: {
  credential: CredentialChoice;
  federationOffered: boolean;
  onChange: (credential: CredentialChoice) => void;
}) {
  return (
    <>
      <RadioButtonGroup text="How pipelines authenticate" selectedButtonId={credential} onSelect={(id) => onChange(id as CredentialChoice)}>
        <RadioButton id="federation" text="Workload identity federation (no secret, recommended)" disabled={!federationOffered} />
        <RadioButton id="secret" text="Client secret" />
      </RadioButtonGroup>
      <span className="body-s secondary-text">
        {credential === "federation"
          ? "The app trusts tokens Azure DevOps issues for this connection: no secret to paste or rotate. If you may edit the app " +
            "(sign in below), the hub adds the federated credential; otherwise you get the values and the command for an owner. " +
            "A multi-tenant app registration needs a client secret."
          : "The article's path, and the one for a multi-tenant app registration: the secret expires and must be rotated."}
      </span>
    </>
  );
}
