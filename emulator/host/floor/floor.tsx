import "azure-devops-ui/Core/override.css";
import * as SDK from "azure-devops-extension-sdk";
import { Header, TitleSize } from "azure-devops-ui/Header";
import { Page } from "azure-devops-ui/Page";
import { createRoot } from "react-dom/client";

/**
 * The floor for the first-render benchmark: the least an azure-devops-ui hub can do — SDK handshake with the theme,
 * one page with a header, load reported. Built into dist-emulator/ only.
 */
async function start(): Promise<void> {
  await SDK.init({ loaded: false, applyTheme: true });
  createRoot(document.getElementById("root")!).render(
    <Page className="flex-grow">
      <Header title="Floor" titleSize={TitleSize.Large} />
    </Page>,
  );
  requestAnimationFrame(() => performance.mark("hub-interactive"));
  await SDK.notifyLoadSucceeded();
}

void start();
