import { useCallback, useEffect, useMemo, useState } from "react";
import { bulkLimitProblem, draftCredential, type BulkAppMode } from "../../workflows/bulk/bulkLimits";
import type { BulkRunner, BulkSnapshot } from "../../workflows/bulk/bulkRun";
import type { ProvisioningDraft } from "../../workflows/provisioning/draft";
import type { ScopeChoice } from "../../workflows/provisioning/form";
import type { MlVerificationChoice } from "../wizard/pages/ReviewPage";

/** What the Scope step needs to offer several scopes. */
export interface BulkScopeChoice {
  enabled: boolean;
  setEnabled(enabled: boolean): void;
  /** The chosen scopes of the current level (and, for workspaces, of the chosen resource group). */
  scopes: ScopeChoice[];
  choose(scopes: ScopeChoice[]): void;
  /** One app registration per scope (the default), or one shared by every scope. */
  mode: BulkAppMode;
  setMode(mode: BulkAppMode): void;
  /** Why the choice cannot run (too many scopes for the mode and credential), in the words shown under the list. */
  limitProblem: string | undefined;
}

export interface BulkState extends BulkScopeChoice {
  /** Two or more scopes: Review, Create and Result are the bulk run's. One scope is the single flow, unchanged. */
  active: boolean;
  run: BulkRunner | undefined;
  snapshot: BulkSnapshot | undefined;
  /** Makes the run (per scope, or shared) with this hook's change listener, and keeps it. */
  begin(create: (onChange: (snapshot: BulkSnapshot) => void) => BulkRunner): BulkRunner;
  /** Workspaces: how to verify (Verify reads the subscription), chosen on Review as for one workspace. */
  mlChoice: MlVerificationChoice | undefined;
}

/**
 * The guided form's bulk choice and run as React state. The draft keeps holding one scope (the first chosen), so every
 * page before Review works as for a single run; the bulk plan replaces the scope and names per part.
 */
export function useBulk(draft: ProvisioningDraft, update: (change: Partial<ProvisioningDraft>) => void): BulkState {
  const [enabled, setEnabledState] = useState(false);
  const [chosen, setChosen] = useState<ScopeChoice[]>([]);
  const [mode, setMode] = useState<BulkAppMode>("appPerScope");
  const [run, setRun] = useState<BulkRunner>();
  const [snapshot, setSnapshot] = useState<BulkSnapshot>();
  const scopes = useMemo(() => (enabled ? chosen.filter((scope) => belongsToDraft(scope, draft)) : []), [enabled, chosen, draft]);

  const choose = useCallback(
    (next: ScopeChoice[]) => {
      setChosen(next);
      update(draftFields(draft.scopeLevel, next[0]));
    },
    [draft.scopeLevel, update],
  );
  const setEnabled = useCallback(
    (value: boolean) => {
      setEnabledState(value);
      if (!value) choose([]);
    },
    [choose],
  );
  const begin = useCallback((create: (onChange: (snapshot: BulkSnapshot) => void) => BulkRunner) => {
    const started = create(setSnapshot);
    setRun(started);
    setSnapshot(started.snapshot());
    return started;
  }, []);
  // Secrets never outlive the form.
  useEffect(() => () => run?.dropSecrets(), [run]);
  const mlChoice: MlVerificationChoice | undefined =
    draft.scopeLevel === "AzureMLWorkspace" && draft.subscription
      ? {
          subscriptionName: draft.subscription.name,
          value: !draft.verify ? "saveWithout" : draft.mlVerification,
          onChange: (choice) => update({ mlVerification: choice, verify: choice === "subscriptionReader" }),
        }
      : undefined;
  // The 50-scope limit; a shared app with federation also holds at most 20 (bulkLimits).
  const limitProblem = bulkLimitProblem(scopes.length, mode, draftCredential(draft));
  return { enabled, setEnabled, scopes, choose, mode, setMode, limitProblem, active: scopes.length >= 2, run, snapshot, begin, mlChoice };
}

/** A scope chosen for the draft's level (and a workspace of the draft's resource group). */
function belongsToDraft(scope: ScopeChoice, draft: ProvisioningDraft): boolean {
  if (scope.level !== draft.scopeLevel) return false;
  if (scope.level !== "AzureMLWorkspace") return true;
  return scope.subscriptionId === draft.subscription?.id && scope.resourceGroupName === draft.resourceGroup;
}

/** The draft's scope fields for the first chosen scope, or cleared. */
function draftFields(level: ProvisioningDraft["scopeLevel"], first: ScopeChoice | undefined): Partial<ProvisioningDraft> {
  switch (level) {
    case "Subscription":
      return {
        subscription: first?.level === "Subscription" ? { id: first.subscriptionId, name: first.subscriptionName } : undefined,
        resourceGroup: undefined,
        workspace: undefined,
      };
    case "ManagementGroup":
      return {
        managementGroup: first?.level === "ManagementGroup" ? { id: first.managementGroupId, name: first.managementGroupName } : undefined,
      };
    case "AzureMLWorkspace":
      return {
        workspace: first?.level === "AzureMLWorkspace" ? { name: first.workspaceName, location: first.workspaceLocation } : undefined,
      };
  }
}
