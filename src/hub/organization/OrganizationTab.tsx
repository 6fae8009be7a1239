import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import type { OrganizationServices } from "../../workflows/organization/organizationServices";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync } from "../common/useAsync";
import { OrganizationConnections } from "./OrganizationConnections";

/** The "Connections across projects" tab: its services (sign-in, the Azure DevOps clients) load when it first shows. */
export function OrganizationTab({ load }: { load: () => Promise<OrganizationServices> }) {
  const [loaded, reload] = useAsync(load, "organization-services", "Opening the organization's connections");
  return (
    <main className="page-content page-content-top">
      {loaded.status === "failed" && <InlineProblem problem={loaded.problem} onRetry={reload} />}
      {loaded.status !== "ready" && loaded.status !== "failed" && (
        <Spinner size={SpinnerSize.large} label="Opening the organization's connections…" />
      )}
      {loaded.status === "ready" && <OrganizationConnections services={loaded.value} />}
    </main>
  );
}
