import type { BulkSnapshot } from "../bulk/bulkRun";
import type { SharedAppJournal, SharedAppPlan, SharedAppRun } from "../bulk/sharedAppRun";
import type { UnfinishedSharedAppRuns } from "../bulk/sharedAppJournal";
import type { ProjectsClient } from "../../clients/devops/projectsClient";
import type { SignedInAccount, SignInClient } from "../../clients/auth/signInTypes";
import type {
  DocumentStore,
  Pipeline,
  PipelinePermissionsClient,
  PipelinesClient,
  ServiceConnectionsClient,
} from "../../clients/devops/devopsTypes";
import type { Cloud } from "../../platform/clouds";
import type { Clock } from "../../platform/clock";
import type { AzureDirectory } from "../directory/azureDirectory";
import type { HubSession } from "./openHub";
import type { ProvisioningForm } from "../provisioning/form";
import type { CreatedObjects, ProvisioningJournal } from "../provisioning/journal";
import type { ProvisioningPlan } from "../provisioning/plan";
import type { ProvisioningRun } from "../provisioning/provisioningRun";
import type { ReviewHint } from "../provisioning/reviewChecks";
import type { RunSnapshot } from "../engine/workflowTypes";
import type { AzureClientFactory } from "../session/azureSession";
import type { ByoRun, ByoCreated } from "../byo/byoRun";
import type { ByoForm } from "../byo/byoForm";
import type { ByoFederationServices } from "../byo/byoFederationServices";
import type { ConnectionServices } from "../connections/connectionServices";
import type { ExpiryReader } from "../expiry/expiryIndex";
import type { HttpWaitRelay } from "../session/httpWaits";
import type { RequesterServices } from "../requests/requestServices";
import type { Person } from "../requests/requestDocument";

/** What the hub's pages may ask for. Pages never reach a client, MSAL or the SDK directly; they go through this. */
export interface HubServices extends ByoFederationServices {
  readonly session: HubSession;
  readonly clouds: readonly Cloud[];
  now(): Date;
  newRunId(): string;
  account(): SignedInAccount | undefined;
  signInMethod(): "nested" | "popup" | undefined;
  signIn(cloudId: string): Promise<SignedInAccount>;
  /**
   * Signs in through a Microsoft Entra pop-up window, choosing the account, even where the host's nested sign-in works
   * ("Sign in with another account", or past a nested sign-in a pop-up can fix). Call from a click. Absent in fakes.
   */
  signInWithPopup?(cloudId: string): Promise<SignedInAccount>;
  signOut(): Promise<void>;
  directory(cloudId: string, tenantId: string): AzureDirectory;
  listPipelines(): Promise<Pipeline[]>;
  reviewChecks(form: ProvisioningForm): Promise<ReviewHint[]>;
  /** Runs the plan the person reviewed: the run takes the plan, never the form again. */
  startRun(plan: ProvisioningPlan, onChange: (snapshot: RunSnapshot, created: Readonly<CreatedObjects>) => void): ProvisioningRun;
  /** Many connections under one app registration (a bulk run's second option); absent in some tests. */
  startSharedAppRun?(plan: SharedAppPlan, onChange: (snapshot: BulkSnapshot) => void): SharedAppRun;
  /** Shared app runs a closed tab interrupted (journals checked as untrusted input); absent in some tests. */
  unfinishedSharedAppRuns?(): Promise<UnfinishedSharedAppRuns>;
  /** Picks a shared app run up from its journal: Retry failed, Roll back failed and Roll back all work as during the run. */
  resumeSharedAppRun?(journal: SharedAppJournal, onChange: (snapshot: BulkSnapshot) => void): SharedAppRun;
  /** Bring your own app registration: works without sign-in; with it, the role can be assigned too. */
  startByoRun(form: ByoForm, secret: string, onChange: (snapshot: RunSnapshot, created: Readonly<ByoCreated>) => void): ByoRun;
  unfinishedRuns(): Promise<ProvisioningJournal[]>;
  resumeRun(journal: ProvisioningJournal, onChange: (snapshot: RunSnapshot, created: Readonly<CreatedObjects>) => void): ProvisioningRun;
  /** The Connections tab's inventory and actions; their code loads on first use, not with the hub. */
  connectionServices(): Promise<ConnectionServices>;
  /**
   * The same for another project of the organization (the organization page acts on each connection in its own
   * project). `expiryIndex: false` leaves the project's expiry index alone (a read across projects).
   */
  connectionServicesFor(project: { id: string; name: string }, options?: { expiryIndex?: boolean }): Promise<ConnectionServices>;
  /** Where a person sees a connection in Azure DevOps. */
  connectionUrl(endpointId: string): string;
  /** Where a person manages an app registration. */
  appRegistrationUrl(cloudId: string, appId: string): string;
  /** Asking an administrator to create the connection, and the person's requests; absent in some tests. */
  readonly requests?: RequesterServices;
}

export interface HubServiceDeps {
  session: HubSession;
  clouds: readonly Cloud[];
  clock: Clock;
  connections: ServiceConnectionsClient;
  /** The organization's projects (to tell whether another project's connection uses an app); absent in some tests. */
  projects?: ProjectsClient;
  pipelinePermissions: PipelinePermissionsClient;
  pipelines: PipelinesClient;
  journal: DocumentStore;
  /** Azure DevOps web root of the organization, e.g. https://dev.azure.com/contoso/ */
  organizationUrl: string;
  /** The organization's id (the host's id), for the issuers a conversion to federation lets the app trust. */
  organizationId?: string;
  /** Creates the sign-in client for a cloud (loads msal-browser on first use). */
  createSignIn: (cloud: Cloud) => Promise<SignInClient>;
  /** Builds Graph and ARM for a tenant (clients are constructed only in the composition root). */
  azureClients: AzureClientFactory;
  randomId?: () => string;
  /** The project's expiry index for the dashboard widget, and who reads (see connectionServices). */
  expiryIndex?: { store: Pick<DocumentStore, "put">; reader: ExpiryReader };
  /** Where HTTP-level waits (throttling, outages) of Graph, ARM and Azure DevOps go: to the running step. */
  httpWaits?: HttpWaitRelay;
  /** Requests to administrators (Default-scope extension data) and who asks: the Azure DevOps user. */
  requests?: { store: DocumentStore; requester: Person };
}
