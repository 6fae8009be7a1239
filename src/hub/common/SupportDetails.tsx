/**
 * The service's code, ids and own words (Problem.supportDetails), closed by default: for support, not for reading.
 * Native details is keyboard and screen-reader friendly.
 */
export function SupportDetails({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <details className="support-details">
      <summary>Details for support</summary>
      <pre className="support-details-text">{text}</pre>
    </details>
  );
}
