import { Button } from "azure-devops-ui/Button";
import { useId, useRef, useState } from "react";

/**
 * A value to paste somewhere else (a redirect URI, a link), with a Copy button. The hub runs in a cross-site frame,
 * where the asynchronous clipboard may be refused; then the text is selected and copied the older way, and if that
 * fails too, left selected with a hint to press Ctrl+C.
 */
export function CopyableValue({ label, value }: { label: string; value: string }) {
  const [status, setStatus] = useState<"" | "copied" | "select">("");
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("copied");
      return;
    } catch {
      // Clipboard API missing or not allowed in this frame: fall back below.
    }
    input.current?.focus();
    input.current?.select();
    let copied: boolean;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    setStatus(copied ? "copied" : "select");
  };

  return (
    <div className="copyable-value flex-column rhythm-vertical-4">
      <label htmlFor={id} className="body-s secondary-text">
        {label}
      </label>
      <div className="flex-row flex-center rhythm-horizontal-8">
        <input
          id={id}
          ref={input}
          className="copyable-value-text"
          value={value}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
        />
        <Button text="Copy" iconProps={{ iconName: "Copy" }} ariaLabel={`Copy ${label}`} onClick={() => void copy()} />
        <span className="body-s" role="status" aria-live="polite">
          {status === "copied" ? "Copied" : status === "select" ? "Selected: press Ctrl+C to copy" : ""}
        </span>
      </div>
    </div>
  );
}
