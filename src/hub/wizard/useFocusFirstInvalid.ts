import { useEffect, type RefObject } from "react";

/**
 * A blocked Next moves focus to the first field with a problem, so keyboard and screen-reader users land on it.
 * `attempt` counts the blocked Nexts (0: none yet); `page` is the page the form moved to.
 */
export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>, attempt: number, page: number): void {
  useEffect(() => {
    if (attempt === 0) return;
    const field = container.current?.querySelector<HTMLElement>(
      '[aria-invalid="true"], .bolt-formitem.error input, .bolt-formitem.error [role="button"]',
    );
    field?.focus();
  }, [container, attempt, page]);
}
