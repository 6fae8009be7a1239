import { useEffect, useState } from "react";
import type { HubServices } from "../../workflows/hub/hubServices";
import type { ProvisioningForm } from "../../workflows/provisioning/form";
import type { ReviewHint } from "../../workflows/provisioning/reviewChecks";
import { useAsync, type AsyncState } from "../common/useAsync";
import { useDebounced } from "../common/useDebounced";

/** How long typing must pause before the name is checked. */
export const NAME_CHECK_DELAY_MS = 600;

export interface ConnectionNameCheck {
  /** The sentence shown as the field's error while the typed name is known to be taken. */
  taken?: string;
  /** What the check found otherwise ("Checking…", "one you cannot see may still have it"), shown as a note. */
  note?: string;
}

/**
 * Checks the connection name as it is typed (once typing pauses) on the Service connection page, with Review's own
 * name check, and remembers a taken name from either, so the form stops where the name is typed. A name no visible
 * connection has stays a note: one the person cannot see may still have it.
 */
export function useConnectionNameCheck(
  services: HubServices,
  form: ProvisioningForm | undefined,
  typed: string,
  active: boolean,
  reviewHints: AsyncState<ReviewHint[]>,
  fieldError: string | undefined,
): ConnectionNameCheck {
  const name = typed.trim();
  const settled = useDebounced(name, NAME_CHECK_DELAY_MS);
  const checkForm = active && form && form.connection.name === settled ? form : undefined;
  const [check] = useAsync(
    // The answer carries the name it was given, so a late answer is never taken for the name typed since.
    checkForm
      ? () =>
          services
            .reviewChecks(checkForm)
            .then((found) => ({ name: checkForm.connection.name, hint: found.find((h) => h.id === "connectionName") }))
      : undefined,
    checkForm ? `name|${settled}` : "",
    "Checking the connection name",
  );
  const reviewHint = reviewHints.status === "ready" ? reviewHints.value.find((h) => h.id === "connectionName") : undefined;
  const reviewedName = form?.connection.name;
  const [takenName, setTakenName] = useState<{ name: string; text: string }>();
  useEffect(() => {
    const hint = check.status === "ready" ? check.value.hint : reviewHint;
    const checked = check.status === "ready" ? check.value.name : reviewedName;
    if (!hint || checked === undefined) return;
    setTakenName((known) => (hint.blocks ? { name: checked, text: hint.text } : known?.name === checked ? undefined : known));
  }, [check, reviewHint, reviewedName]);

  const taken = takenName && takenName.name === name ? takenName.text : undefined;
  if (taken) return { taken };
  if (!active || fieldError) return {};
  if (name !== settled || check.status === "loading") return { note: "Checking whether the name is taken…" };
  return check.status === "ready" && check.value.name === name && check.value.hint ? { note: check.value.hint.text } : {};
}
