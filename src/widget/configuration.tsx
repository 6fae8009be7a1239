import "azure-devops-ui/Core/override.css";
import "./widget.css";
import {
  ConfigurationEvent,
  WidgetConfigurationSave,
  WidgetStatusHelper,
  type IWidgetConfigurationContext,
  type SaveStatus,
  type WidgetSettings,
  type WidgetStatus,
} from "azure-devops-extension-api/Dashboard";
import { createRoot } from "react-dom/client";
import { parseWidgetOptions, serializeWidgetOptions } from "../workflows/expiry/expiringConnections";
import { WidgetConfigurationView } from "./WidgetConfigurationView";
import { startWidgetPage, WIDGET_CONFIGURATION_CONTRIBUTION } from "./widgetHost";

/**
 * The widget's configuration page. The dashboard calls `load` with the current settings and a context to notify;
 * each valid change is sent as ConfigurationChange (the dashboard then calls the widget's `reload` for its preview),
 * and `onSave` hands back the settings to store.
 */
const root = createRoot(document.getElementById("root")!);
let days: number | undefined;

function notify(context: IWidgetConfigurationContext, value: number): void {
  void context.notify(
    ConfigurationEvent.ConfigurationChange,
    ConfigurationEvent.Args({ data: serializeWidgetOptions({ thresholdDays: value }) }),
  );
}

void startWidgetPage(WIDGET_CONFIGURATION_CONTRIBUTION, {
  load(settings: WidgetSettings, context: IWidgetConfigurationContext): Promise<WidgetStatus> {
    days = parseWidgetOptions(settings?.customSettings?.data).thresholdDays;
    root.render(
      <WidgetConfigurationView
        initialDays={days}
        onChange={(value) => {
          days = value;
          if (value !== undefined) notify(context, value);
        }}
      />,
    );
    return WidgetStatusHelper.Success();
  },
  onSave(): Promise<SaveStatus> {
    return days === undefined
      ? WidgetConfigurationSave.Invalid()
      : WidgetConfigurationSave.Valid({ data: serializeWidgetOptions({ thresholdDays: days }) });
  },
});
