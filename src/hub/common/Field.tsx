import { FormItem } from "azure-devops-ui/FormItem";
import { useLayoutEffect, useRef, type ReactNode } from "react";

/**
 * A labelled form field: the label is always visible, the hint or the error sits under the control and is tied to
 * it for screen readers through the FormItem's ids. azure-devops-ui's controls do not read the FormItem's error, so the
 * field marks its control aria-invalid itself (the controls never set that attribute, so React leaves it alone).
 */
export function Field({
  label,
  hint,
  error,
  required,
  children,
  className,
}: {
  label: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const invalid = Boolean(error);
  useLayoutEffect(() => {
    const control = ref.current?.querySelector<HTMLElement>("input, textarea, select, [role='button'], [role='combobox']");
    if (!control) return;
    if (invalid) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  });
  return (
    <div ref={ref} className="hub-field-wrapper">
      <FormItem label={label} message={error ?? hint} error={invalid} required={required} className={`hub-field ${className ?? ""}`}>
        {children}
      </FormItem>
    </div>
  );
}
