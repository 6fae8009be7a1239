import { Header, TitleSize } from "azure-devops-ui/Header";
import { Page } from "azure-devops-ui/Page";
import type { ReactNode } from "react";

export const HUB_TITLE = "Azure connections";

/**
 * The hub's frame: an azure-devops-ui page with the hub's header, naming the project it works on. Everything sits in
 * the page's one `main` landmark, so screen-reader users can jump to it and no content is outside a landmark.
 */
export function HubPage({ projectName, children }: { projectName?: string; children?: ReactNode }) {
  return (
    <Page className="hub-page flex-grow">
      <main className="hub-main flex-column flex-grow">
        <Header
          title={HUB_TITLE}
          titleSize={TitleSize.Large}
          description={projectName ? `Azure Resource Manager service connections of ${projectName}` : undefined}
        />
        {children}
      </main>
    </Page>
  );
}
