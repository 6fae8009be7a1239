import { FormItem } from "azure-devops-ui/FormItem";
import type { ReactNode } from "react";

/**
 * A labelled form field: the label is always visible, the hint or the error sits under the control and is tied to
 * it for screen readers through the FormItem's ids.
 */
export function Field({ label, hint, error, required, children, className }: { label: string; hint?: ReactNode; error?: string; required?: boolean; children: ReactNode; className?: string }) {
  return (
    <FormItem label={label} message={error ?? hint} error={Boolean(error)} required={required} className={`hub-field ${className ?? ""}`}>
      {children}
    </FormItem>
  );
}
