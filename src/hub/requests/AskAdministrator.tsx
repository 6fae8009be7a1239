import { Button } from "azure-devops-ui/Button";
import { Link } from "azure-devops-ui/Link";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { TextField, TextFieldWidth } from "azure-devops-ui/TextField";
import { useState } from "react";
import { describeError } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";
import type { ProvisioningForm } from "../../workflows/provisioning/form";
import { describeScope } from "../../workflows/provisioning/scope";
import type { ConnectionRequest } from "../../workflows/requests/requestDocument";
import { validateReason } from "../../workflows/requests/requests";
import type { RequesterServices } from "../../workflows/requests/requestServices";
import { Field } from "../common/Field";
import { InlineProblem } from "../common/InlineProblem";

/**
 * "Ask an administrator": the guided form's choices become a request (no secret) an administrator reviews in
 * Organization settings > Azure connections > Requests, and runs with their own rights.
 */
export function AskAdministrator({
  requests,
  form,
  onBack,
  onDone,
}: {
  requests: RequesterServices;
  form: ProvisioningForm;
  onBack: () => void;
  onDone: () => void;
}) {
  const [reason, setReason] = useState("");
  const [shownError, setShownError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<{ sent: ConnectionRequest } | { problem: Problem }>();

  const send = async () => {
    const invalid = validateReason(reason);
    setShownError(invalid);
    if (invalid) return;
    setSending(true);
    setOutcome(undefined);
    try {
      setOutcome({ sent: await requests.ask(form, reason) });
    } catch (error) {
      setOutcome({ problem: describeError(error, { step: "Sending the request" }) });
    } finally {
      setSending(false);
    }
  };

  if (outcome && "sent" in outcome) {
    return (
      <div className="flex-column rhythm-vertical-16" data-testid="request-sent">
        <MessageCard severity={MessageCardSeverity.Info}>
          Your request was sent. An administrator will find it in Organization settings &gt; Azure connections &gt; Requests; this page
          shows what they decide the next time you open it.
        </MessageCard>
        <div>
          <Link href={requests.requestUrl(outcome.sent.id)} target="_blank" rel="noopener noreferrer">
            Open the request
          </Link>
        </div>
        <div>
          <Button primary text="Done" onClick={onDone} />
        </div>
      </div>
    );
  }

  return (
    <div className="flex-column rhythm-vertical-16" data-testid="ask-administrator">
      <p className="body-m">
        An administrator reviews what you chose — "{form.connection.name}" with the role {form.role.roleName} at the{" "}
        {describeScope(form.scope)} — and creates it with their own rights. The request holds no secret; the administrator may change the
        role, and you will see what they decide.
      </p>
      <Field label="Why you need it" required error={shownError} hint="Shown to the administrator who reviews the request.">
        <TextField
          value={reason}
          multiline
          rows={4}
          width={TextFieldWidth.auto}
          onChange={(_e, value) => setReason(value)}
          ariaLabel="Why you need it"
          maxLength={1000}
        />
      </Field>
      {outcome && "problem" in outcome && <InlineProblem problem={outcome.problem} onRetry={() => void send()} />}
      <div className="flex-row rhythm-horizontal-8">
        <Button primary text={sending ? "Sending…" : "Send the request"} disabled={sending} onClick={() => void send()} />
        <Button text="Back" onClick={onBack} />
      </div>
    </div>
  );
}
