import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { useState } from "react";
import type { ProvisioningForm } from "../../workflows/provisioning/form";
import { problemLacksRights } from "../../workflows/requests/lacksRights";
import type { RequesterServices } from "../../workflows/requests/requestServices";
import { RunPage, type RunPageProps } from "../wizard/pages/RunPage";
import { AskAdministrator } from "./AskAdministrator";

/**
 * The Run page, with "Roll back and ask an administrator" when the run stopped for lack of a right: what the run made
 * is removed first (the administrator's run makes its own), then the same choices go to an administrator.
 */
export function RunOrAsk({
  requests,
  form,
  onDone,
  ...run
}: RunPageProps & { requests: RequesterServices | undefined; form: ProvisioningForm; onDone: () => void }) {
  const [wantsToAsk, setWantsToAsk] = useState(false);
  const failedForRights = run.snapshot.status === "failed" && problemLacksRights(run.snapshot.problem);
  if (requests && wantsToAsk && run.snapshot.status === "rolledBack")
    return <AskAdministrator requests={requests} form={form} onBack={() => setWantsToAsk(false)} onDone={onDone} />;
  return (
    <>
      {requests && failedForRights && (
        <MessageCard severity={MessageCardSeverity.Warning} className="ask-administrator-offer">
          <div className="flex-column rhythm-vertical-8">
            <span>You lack a right this step needs. An administrator can create the connection for you from these same choices.</span>
            <div>
              <Button
                text="Roll back and ask an administrator"
                onClick={() => {
                  setWantsToAsk(true);
                  run.onRollback();
                }}
              />
            </div>
          </div>
        </MessageCard>
      )}
      <RunPage {...run} />
    </>
  );
}
