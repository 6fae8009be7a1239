// The organization settings page (Organization settings > Azure connections): its own entry and HTML page, so the
// project hub's bundle stays as it is. It shares the hub's components, styles and host client.
import "azure-devops-ui/Core/override.css";
import "../hub/hub.css";
import { SurfaceBackground, SurfaceContext } from "azure-devops-ui/Surface";
import { createRoot } from "react-dom/client";
import { sdkHostClient } from "../clients/devops/hostClient";
import { SettingsApp } from "../hub/settings/SettingsApp";
import { createRealSettingsServices } from "./settingsComposition";

const root = createRoot(document.getElementById("root")!);
root.render(
  <SurfaceContext.Provider value={{ background: SurfaceBackground.neutral }}>
    <SettingsApp host={sdkHostClient} createServices={createRealSettingsServices} />
  </SurfaceContext.Provider>,
);
