import "azure-devops-ui/Core/override.css";
import "./widget.css";
import { WidgetStatusHelper, type WidgetSettings, type WidgetStatus } from "azure-devops-extension-api/Dashboard";
import { createRoot } from "react-dom/client";
import { describeError } from "../platform/describeError";
import { parseWidgetOptions } from "../workflows/expiry/expiringConnections";
import { readExpiringConnections } from "../workflows/expiry/widgetData";
import { ExpiringSecretsView, type WidgetViewState } from "./ExpiringSecretsView";
import { startWidgetPage, WIDGET_CONTRIBUTION, widgetContext, type WidgetContext } from "./widgetHost";

/**
 * The "Azure secrets expiring" dashboard widget. The dashboard calls `load` with the widget's settings (name, size,
 * the configuration's JSON), and `reload` when the configuration changes while it is being edited.
 */
const root = createRoot(document.getElementById("root")!);
let context: Promise<WidgetContext> | undefined;
// A reload may start before an earlier load finished; only the latest one may paint.
let generation = 0;

const DEFAULT_TITLE = "Azure secrets expiring";

async function show(settings: WidgetSettings): Promise<WidgetStatus> {
  const current = ++generation;
  const options = parseWidgetOptions(settings?.customSettings?.data);
  // The widget's name is typed by whoever edits the dashboard: text only, and bounded.
  const title = typeof settings?.name === "string" && settings.name.trim() ? settings.name.trim().slice(0, 200) : DEFAULT_TITLE;
  const columnSpan = typeof settings?.size?.columnSpan === "number" ? settings.size.columnSpan : 2;
  const paint = (state: WidgetViewState, ctx?: WidgetContext) =>
    current === generation &&
    root.render(
      <ExpiringSecretsView
        title={title}
        columnSpan={columnSpan}
        state={state}
        hubUrl={ctx?.hubUrl ?? (() => undefined)}
        open={ctx?.open ?? (() => undefined)}
      />,
    );
  paint({ kind: "loading" });
  try {
    context ??= widgetContext();
    const ctx = await context;
    const now = Date.now();
    const summary = await readExpiringConnections(ctx.ports, ctx.project.id, options.thresholdDays, now);
    paint({ kind: "ready", summary, thresholdDays: options.thresholdDays, now }, ctx);
    return WidgetStatusHelper.Success();
  } catch (error) {
    context = undefined;
    // Shown inside the tile, with what to do: the dashboard's own error box would only say that the widget failed.
    paint({ kind: "failed", problem: describeError(error, { step: "Reading the project's Azure connections" }) });
    return WidgetStatusHelper.Success("failed");
  }
}

// The SDK waits for a host forever: opened on its own, or when no dashboard calls `load`, say so instead of a blank tile.
const NOT_ON_A_DASHBOARD = {
  title: "This widget only works on an Azure DevOps dashboard.",
  detail: "No dashboard asked it to load.",
  action: "Add Azure secrets expiring to a project dashboard, or reload the dashboard.",
};
const HOST_WAIT_MS = 10_000;
setTimeout(
  () => {
    if (generation === 0)
      root.render(
        <ExpiringSecretsView
          title={DEFAULT_TITLE}
          columnSpan={2}
          state={{ kind: "failed", problem: NOT_ON_A_DASHBOARD }}
          hubUrl={() => undefined}
          open={() => undefined}
        />,
      );
  },
  window.parent === window ? 0 : HOST_WAIT_MS,
);

void startWidgetPage(WIDGET_CONTRIBUTION, {
  load: (settings: WidgetSettings) => show(settings),
  reload: (settings: WidgetSettings) => show(settings),
});
