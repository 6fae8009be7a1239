import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import type { LeftObject } from "../../workflows/engine/workflowTypes";

/** After an incomplete rollback or clean-up: each object that was left, why, and where to remove it by hand. */
export function LeftBehindList({ left }: { left: readonly LeftObject[] | undefined }) {
  if (!left || left.length === 0) return null;
  return (
    <MessageCard severity={MessageCardSeverity.Warning}>
      <div className="flex-column rhythm-vertical-8" data-testid="left-behind">
        <span>These could not be removed and were left; everything else was done:</span>
        <ul aria-label="Left behind">
          {left.map((item) => (
            <li key={`${item.object}|${item.reason}`}>
              <strong>{item.object}</strong>: {item.reason}
              {item.link && (
                <>
                  {" "}
                  <a href={item.link} target="_blank" rel="noopener noreferrer">
                    Open it
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      </div>
    </MessageCard>
  );
}
