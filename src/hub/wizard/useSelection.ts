import type { IListBoxItem } from "azure-devops-ui/ListBox";
import { DropdownSelection } from "azure-devops-ui/Utilities/DropdownSelection";
import { useEffect, useMemo } from "react";

/** A Dropdown selection that follows a value held in the draft. */
export function useSelection(items: readonly IListBoxItem[], selectedId: string | undefined): DropdownSelection {
  const selection = useMemo(() => new DropdownSelection(), []);
  useEffect(() => {
    const index = selectedId === undefined ? -1 : items.findIndex((i) => i.id === selectedId);
    if (index >= 0) selection.select(index);
    else selection.clear();
  }, [items, selectedId, selection]);
  return selection;
}
