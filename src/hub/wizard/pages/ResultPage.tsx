import { Button } from "azure-devops-ui/Button";
import { Link } from "azure-devops-ui/Link";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { useState } from "react";
import { describeError } from "../../../platform/describeError";
import type { Problem } from "../../../platform/problem";
import type { CreatedObjects } from "../../../workflows/provisioning/journal";
import { InlineProblem } from "../../common/InlineProblem";
import { splitRaw } from "../../common/problemText";
import { SupportDetails } from "../../common/SupportDetails";

export interface ResultSummary {
  connectionName: string;
  connectionUrl: string;
  appId: string;
  appUrl: string;
  /** Absent when no role was assigned (bring your own app registration). */
  roleName?: string;
  scopeDescription: string;
  secretEndDateTime?: string;
  /** The connection signs in with workload identity federation: there is no secret to show. */
  federation?: boolean;
  created: Readonly<Pick<CreatedObjects, "verified" | "verifyMessage">>;
  /**
   * False when Verify cannot pass whatever one waits: a Machine Learning workspace connection whose principal has no
   * role at the subscription, which is where Verify reads. Then "Verify again" is not offered.
   */
  verifiable?: boolean;
}

/** Why Verify keeps failing after its bounded wait, most likely first; replication is the last, not the only, cause. */
export const VERIFY_CAUSES = [
  "The role is not where Verify reads: Verify reads the subscription (or the management group), so " +
    "a role only on a resource group or workspace does not count.",
  "The client secret is wrong or has expired.",
  "A policy blocks the service principal (a Conditional Access or Azure Policy assignment).",
  "Azure has not finished replicating the new secret or role; that can take several minutes.",
] as const;

export interface ResultPageProps {
  summary: ResultSummary;
  /** Absent when there is no secret (workload identity federation). */
  revealSecret?: () => string | undefined;
  verifyAgain: () => Promise<boolean>;
  onDone: () => void;
  /** Removes everything the run created; offered when the connection is saved but not verified. */
  onRollback?: () => void;
}

/** Step 9: what was created, with links; the secret only on explicit request, and gone when the page closes. */
export function ResultPage({ summary, revealSecret, verifyAgain, onDone, onRollback }: ResultPageProps) {
  const [secret, setSecret] = useState<string>();
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState(summary.created.verified);
  const [problem, setProblem] = useState<Problem>();
  const notVerified = verified === false;
  const unverifiable = summary.verifiable === false && verified !== true;
  // The service's answer can be a JSON body (AuthorizationFailed …): only a sentence stays in view.
  const split = summary.created.verifyMessage ? splitRaw(summary.created.verifyMessage) : undefined;
  const verifyReason = split && !split.raw && split.sentence.length < 200 ? split.sentence.replace(/\.$/, "") : undefined;
  const verifyRaw = split && (split.raw || !verifyReason) ? summary.created.verifyMessage : undefined;

  const verify = async () => {
    setVerifying(true);
    setProblem(undefined);
    try {
      setVerified(await verifyAgain());
    } catch (e) {
      setProblem(describeError(e, { step: "Verifying the connection" }));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <div className="flex-column rhythm-vertical-16">
      <MessageCard severity={notVerified ? MessageCardSeverity.Warning : MessageCardSeverity.Info}>
        <div className="flex-column rhythm-vertical-8" data-testid="result-outcome">
          {verified === true && <span>The connection is ready and verified.</span>}
          {verified === undefined && !unverifiable && <span>The connection was saved without verification.</span>}
          {unverifiable && (
            <span>
              The connection was saved without verification. Verify reads the subscription, and this connection's principal has a role only
              on the {summary.scopeDescription}, so Verify cannot pass; the connection still works for tasks that use the workspace.
            </span>
          )}
          {notVerified && !unverifiable && (
            <>
              <span>
                The connection was saved, but Azure did not accept it within the wait{verifyReason ? `: ${verifyReason}` : ""}. The likely
                causes, most likely first:
              </span>
              <ol className="verify-causes">
                {VERIFY_CAUSES.map((cause) => (
                  <li key={cause}>{cause}</li>
                ))}
              </ol>
              <span>Choose Verify again once the cause is fixed, or Roll back to remove everything this run created.</span>
            </>
          )}
          <SupportDetails text={verifyRaw} />
        </div>
      </MessageCard>
      <dl className="result-list">
        <dt>Service connection</dt>
        <dd>
          <Link href={summary.connectionUrl} target="_blank" rel="noopener noreferrer">
            {summary.connectionName}
          </Link>
        </dd>
        <dt>Application (client) ID</dt>
        <dd>
          <Link href={summary.appUrl} target="_blank" rel="noopener noreferrer">
            {summary.appId}
          </Link>
        </dd>
        {summary.roleName ? (
          <>
            <dt>Role</dt>
            <dd>
              {summary.roleName} at the {summary.scopeDescription}
            </dd>
          </>
        ) : (
          <>
            <dt>Scope</dt>
            <dd>{summary.scopeDescription}</dd>
          </>
        )}
        {summary.federation && (
          <>
            <dt>Authentication</dt>
            <dd>Workload identity federation: nothing to rotate, nothing that expires</dd>
          </>
        )}
        {summary.secretEndDateTime && (
          <>
            <dt>Client secret expires</dt>
            <dd>{summary.secretEndDateTime.slice(0, 10)}</dd>
          </>
        )}
      </dl>
      {problem && <InlineProblem problem={problem} />}
      <div className="flex-row rhythm-horizontal-8">
        {verified !== true && !unverifiable && <Button text="Verify again" onClick={() => void verify()} disabled={verifying} />}
        {notVerified && !unverifiable && onRollback && <Button text="Roll back" onClick={onRollback} />}
        {revealSecret &&
          (secret === undefined ? (
            <Button text="Show the client secret" onClick={() => setSecret(revealSecret() ?? "")} />
          ) : (
            <Button text="Hide the client secret" onClick={() => setSecret(undefined)} />
          ))}
        <Button primary text="Done" onClick={onDone} />
      </div>
      {secret !== undefined && (
        <MessageCard severity={MessageCardSeverity.Warning}>
          <div className="flex-column rhythm-vertical-8">
            <span>The connection already holds this secret; you do not need to copy it. Anyone who sees it can act as the app.</span>
            {secret ? <code data-testid="secret-value">{secret}</code> : <span>The secret is no longer in memory.</span>}
          </div>
        </MessageCard>
      )}
    </div>
  );
}
