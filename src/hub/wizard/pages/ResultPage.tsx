import { Button } from "azure-devops-ui/Button";
import { Link } from "azure-devops-ui/Link";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { useState } from "react";
import { describeError } from "../../../platform/describeError";
import type { Problem } from "../../../platform/problem";
import type { CreatedObjects } from "../../../workflows/provisioning/journal";

export interface ResultSummary {
  connectionName: string;
  connectionUrl: string;
  appId: string;
  appUrl: string;
  /** Absent when no role was assigned (bring your own app registration). */
  roleName?: string;
  scopeDescription: string;
  secretEndDateTime?: string;
  created: Readonly<Pick<CreatedObjects, "verified" | "verifyMessage">>;
}

export interface ResultPageProps {
  summary: ResultSummary;
  revealSecret: () => string | undefined;
  verifyAgain: () => Promise<boolean>;
  onDone: () => void;
}

/** Step 9: what was created, with links; the secret only on explicit request, and gone when the page closes. */
export function ResultPage({ summary, revealSecret, verifyAgain, onDone }: ResultPageProps) {
  const [secret, setSecret] = useState<string>();
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState(summary.created.verified);
  const [problem, setProblem] = useState<Problem>();
  const notVerified = verified === false;

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
        {notVerified
          ? `The connection was saved but is not yet verified: ${summary.created.verifyMessage ?? "Azure did not accept it yet"}. A new secret or role can take a few minutes to work.`
          : verified
            ? "The connection is ready and verified."
            : "The connection was saved without verification."}
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
        {summary.secretEndDateTime && (
          <>
            <dt>Client secret expires</dt>
            <dd>{summary.secretEndDateTime.slice(0, 10)}</dd>
          </>
        )}
      </dl>
      {problem && <p role="alert">{`${problem.title} ${problem.detail} ${problem.action}`}</p>}
      <div className="flex-row rhythm-horizontal-8">
        {verified !== true && <Button text="Verify again" onClick={() => void verify()} disabled={verifying} />}
        {secret === undefined ? (
          <Button text="Show the client secret" onClick={() => setSecret(revealSecret() ?? "")} />
        ) : (
          <Button text="Hide the client secret" onClick={() => setSecret(undefined)} />
        )}
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
