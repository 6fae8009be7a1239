import { FormItem } from "azure-devops-ui/FormItem";
import { TextField } from "azure-devops-ui/TextField";
import { useState } from "react";
import { MAX_THRESHOLD_DAYS, MIN_THRESHOLD_DAYS } from "../workflows/expiry/expiringConnections";

/** Why a typed threshold is not usable, or undefined when it is a whole number of days in range. */
export function thresholdError(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return `Enter a whole number of days from ${MIN_THRESHOLD_DAYS} to ${MAX_THRESHOLD_DAYS}.`;
  const days = Number(trimmed);
  if (days < MIN_THRESHOLD_DAYS || days > MAX_THRESHOLD_DAYS)
    return `Enter a whole number of days from ${MIN_THRESHOLD_DAYS} to ${MAX_THRESHOLD_DAYS}.`;
  return undefined;
}

/**
 * The widget's configuration: one field, the number of days ahead to warn about. Each valid change is reported at
 * once so the dashboard updates its preview; an invalid one shows why under the field.
 */
export function WidgetConfigurationView({ initialDays, onChange }: { initialDays: number; onChange: (days: number | undefined) => void }) {
  const [text, setText] = useState(String(initialDays));
  const error = thresholdError(text);
  return (
    <div className="expiry-configuration">
      <FormItem
        label="Warn about secrets expiring within (days)"
        message={error ?? "Expired secrets are always listed."}
        error={Boolean(error)}
      >
        <TextField
          inputId="expiry-threshold-days"
          inputType="number"
          value={text}
          onChange={(_, value) => {
            setText(value);
            onChange(thresholdError(value) ? undefined : Number(value.trim()));
          }}
        />
      </FormItem>
    </div>
  );
}
