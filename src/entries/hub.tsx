import "azure-devops-ui/Core/override.css";
import "../hub/hub.css";
import { SurfaceBackground, SurfaceContext } from "azure-devops-ui/Surface";
import { createRoot } from "react-dom/client";
import { sdkHostClient } from "../clients/devops/hostClient";
import { createRealServices, startStartupReads } from "./hubComposition";
import { HubApp } from "../hub/HubApp";

const root = createRoot(document.getElementById("root")!);
root.render(
  <SurfaceContext.Provider value={{ background: SurfaceBackground.neutral }}>
    <HubApp host={sdkHostClient} createServices={createRealServices} onConnected={startStartupReads} />
  </SurfaceContext.Provider>,
);
