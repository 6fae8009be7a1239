import type { IXDMChannel } from "sdk-xdm";
import type { HostWidgetConfig } from "./hostConfig";

/**
 * The dashboard's side of a widget contribution, as far as the widget can tell: once the page has registered its
 * object and said it loaded, the dashboard calls `load(settings)` on it (the configuration page also gets a context
 * whose `notify` reports changes), `reload(settings)` when the configuration changes, and `onSave()` on Save.
 * The frame is sized as the dashboard grid sizes a tile (WidgetSizeConverter: 160 px cells, 10 px gutters).
 */
export interface WidgetRecord {
  mode: HostWidgetConfig["mode"];
  /** The settings the host last passed (configuration changes update them, as the dashboard's preview does). */
  settings: { name: string; size: { rowSpan: number; columnSpan: number }; customSettings: { data: string } };
  /** What `load` (or the last `reload`) answered, or the error it threw. */
  status?: unknown;
  error?: string;
  /** Events the configuration page notified, in order ({event, args}). */
  notifications: Array<{ event: string; data: unknown }>;
  reload(data?: string): Promise<unknown>;
  save(): Promise<unknown>;
}

export const tilePixels = (cells: number) => 160 * cells + 10 * (cells - 1);

export function sizeWidgetFrame(frame: HTMLIFrameElement, widget: HostWidgetConfig): void {
  // A configuration panel is a fixed-width side panel; a widget is its tile.
  const width = widget.mode === "configuration" ? 360 : tilePixels(widget.size.columnSpan);
  const height = widget.mode === "configuration" ? 480 : tilePixels(widget.size.rowSpan);
  frame.style.flex = "0 0 auto";
  frame.style.width = `${width}px`;
  frame.style.height = `${height}px`;
  frame.title = widget.mode === "configuration" ? "Widget configuration" : "Dashboard widget";
  frame.classList.add("widget-frame");
}

/** Starts the dashboard's calls once the widget page said it loaded; returns the test hook. */
export function hostWidget(channel: IXDMChannel, widget: HostWidgetConfig): { record: WidgetRecord; start(): void } {
  const record: WidgetRecord = {
    mode: widget.mode,
    settings: { name: widget.name, size: { ...widget.size }, customSettings: { data: widget.data } },
    notifications: [],
    reload: (data) => {
      if (data !== undefined) record.settings = { ...record.settings, customSettings: { data } };
      return call(widget.mode === "widget" ? "reload" : "load");
    },
    save: () => channel.invokeRemoteMethod("onSave", widget.contributionId, []),
  };
  const context = {
    notify: async (event: string, args: { data?: unknown }) => {
      record.notifications.push({ event, data: args?.data });
      // ConfigurationChange carries the new CustomSettings ({data: string}) as its argument's data: the dashboard's
      // preview would reload the widget with them.
      const custom = args?.data as { data?: unknown } | undefined;
      if (event === "ms.vss-dashboards-web.configurationChange" && typeof custom?.data === "string")
        record.settings = { ...record.settings, customSettings: { data: custom.data } };
      return { getResponse: async () => "" };
    },
  };
  async function call(method: "load" | "reload"): Promise<unknown> {
    const params = widget.mode === "configuration" ? [record.settings, context] : [record.settings];
    try {
      record.status = await channel.invokeRemoteMethod(method, widget.contributionId, params);
      delete record.error;
    } catch (error) {
      record.error = String((error as { message?: string })?.message ?? JSON.stringify(error));
    }
    return record.status;
  }
  let started = false;
  return {
    record,
    start: () => {
      if (started) return;
      started = true;
      void call("load");
    },
  };
}
