import { Tab, TabBar, TabSize } from "azure-devops-ui/Tabs";
import { useEffect, useState, type ReactNode } from "react";
import type { RequestReviewServices } from "../../workflows/requests/requestServices";
import { RequestsTab } from "./RequestsTab";

/**
 * The organization page's tabs: Settings, and Requests to administrators. A link to one request (?request=…) opens
 * the Requests tab on it.
 */
export function SettingsTabs({ reviews, settings }: { reviews: RequestReviewServices | undefined; settings: ReactNode }) {
  const [tab, setTab] = useState<"settings" | "requests">("settings");
  const [linked, setLinked] = useState<string>();
  useEffect(() => {
    let active = true;
    reviews?.linkedRequestId().then(
      (id) => {
        if (!active || !id) return;
        setLinked(id);
        setTab("requests");
      },
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [reviews]);
  if (!reviews) return <>{settings}</>;
  return (
    <>
      <TabBar
        selectedTabId={tab}
        onSelectedTabChanged={(id) => setTab(id === "requests" ? "requests" : "settings")}
        tabSize={TabSize.Tall}
        ariaLabel="Azure connections in the organization"
      >
        <Tab id="settings" name="Settings" />
        <Tab id="requests" name="Requests" />
      </TabBar>
      {tab === "requests" ? (
        <main className="page-content page-content-top">
          <RequestsTab key={linked ?? ""} reviews={reviews} {...(linked ? { linkedId: linked } : {})} />
        </main>
      ) : (
        settings
      )}
    </>
  );
}
