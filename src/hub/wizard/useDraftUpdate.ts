import { useCallback, type Dispatch, type SetStateAction } from "react";
import { withDerivedFields, type ProvisioningDraft } from "../../workflows/provisioning/draft";

/**
 * Changes the draft, filling the app and connection names from the template until the person edits them, and taking
 * the client secret where federation cannot be chosen (a multi-tenant app, a cloud without it).
 */
export function useDraftUpdate(
  setDraft: Dispatch<SetStateAction<ProvisioningDraft>>,
  session: { organization: string; project: { name: string } },
  template: string | undefined,
): (change: Partial<ProvisioningDraft>) => void {
  return useCallback(
    (change: Partial<ProvisioningDraft>) => {
      setDraft((current) =>
        withDerivedFields(
          { ...current, ...change },
          { organization: session.organization, project: session.project.name, ...(template ? { template } : {}) },
        ),
      );
    },
    [setDraft, session, template],
  );
}
