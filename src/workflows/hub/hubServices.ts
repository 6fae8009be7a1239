import type { BulkSnapshot } from "../bulk/bulkRun";
import { newlySucceeded } from "../bulk/sharedAppRows";
import { SharedAppRun, type SharedAppPlan, type SharedAppRunOptions } from "../bulk/sharedAppRun";
import { planOfSharedJournal, unfinishedSharedAppRuns } from "../bulk/sharedAppJournal";
import type { SignInClient } from "../../clients/auth/signInTypes";
import type { Pipeline } from "../../clients/devops/devopsTypes";
import type { Cloud } from "../../platform/clouds";
import { cloudById } from "../../platform/clouds";
import { ProblemError } from "../../platform/problem";
import { AzureDirectory } from "../directory/azureDirectory";
import type { ProvisioningContext, ProvisioningForm } from "../provisioning/form";
import { unfinishedRuns, type CreatedObjects } from "../provisioning/journal";
import { planOfJournal, ProvisioningRun } from "../provisioning/provisioningRun";
import { reviewChecks } from "../provisioning/reviewChecks";
import { reuseReviewChecks } from "../provisioning/reviewCheckReuse";
import type { RunSnapshot } from "../engine/workflowTypes";
import type { AzureClients } from "../session/azureSession";
import { appRegistrationLink } from "../resources/appRegistration";
import { ByoRun } from "../byo/byoRun";
import { byoFederationServices } from "../byo/byoFederationServices";
import type { ConnectionServices } from "../connections/connectionServices";
import { recordExpiryQuietly } from "../expiry/expiryIndex";
import { createRequesterServices } from "../requests/requestServices";

import type { HubServiceDeps, HubServices } from "./hubServiceTypes";

export type { HubServiceDeps, HubServices } from "./hubServiceTypes";

const NO_POPUP_SIGN_IN = new ProblemError({
  title: "Signing in through a pop-up window is not available here.",
  detail: "This sign-in has no pop-up path configured.",
  action: "Choose Sign in to Microsoft Entra ID.",
});

const NOT_SIGNED_IN = new ProblemError({
  title: "You are not signed in to Microsoft Entra ID.",
  detail: "Creating the app registration and assigning the role happen with your own Azure account.",
  action: "Choose Sign in on the first page.",
});

export function createHubServices(deps: HubServiceDeps): HubServices {
  let signIn: { cloudId: string; client: SignInClient } | undefined;
  const directories = new Map<string, AzureDirectory>();
  const clients = new Map<string, AzureClients>();
  const pipelines = { value: undefined as Promise<Pipeline[]> | undefined };

  const cloudOf = (cloudId: string): Cloud => {
    const cloud = cloudById(cloudId) ?? deps.clouds.find((c) => c.id === cloudId);
    if (!cloud)
      throw new ProblemError({
        title: "That cloud is not available.",
        detail: `This build does not know the cloud "${cloudId}".`,
        action: "Choose one of the clouds offered.",
      });
    return cloud;
  };
  const clientsFor = (cloudId: string, tenantId: string): AzureClients => {
    if (!signIn || signIn.cloudId !== cloudId) throw NOT_SIGNED_IN;
    const key = `${cloudId}|${tenantId.toLowerCase()}`;
    let found = clients.get(key);
    if (!found) {
      found = deps.azureClients(signIn.client, cloudOf(cloudId), tenantId);
      clients.set(key, found);
    }
    return found;
  };
  const context = (): ProvisioningContext => {
    const account = signIn?.client.account();
    if (!account) throw NOT_SIGNED_IN;
    return { organization: deps.session.organization, project: deps.session.project, userObjectId: account.objectId };
  };
  const checkForReview = reuseReviewChecks((form, asked) => {
    const azure = clientsFor(form.cloudId, form.tenantId);
    return reviewChecks(form, asked, { connections: deps.connections, arm: azure.arm, graph: azure.graph });
  }, deps.clock);
  const ports = (form: ProvisioningForm) => {
    const azure = clientsFor(form.cloudId, form.tenantId);
    return {
      graph: azure.graph,
      arm: azure.arm,
      connections: deps.connections,
      pipelinePermissions: deps.pipelinePermissions,
      journal: deps.journal,
      clock: deps.clock,
    };
  };

  const signInClientFor = async (cloudId: string): Promise<SignInClient> => {
    const cloud = cloudOf(cloudId);
    if (!signIn || signIn.cloudId !== cloudId) {
      signIn = { cloudId, client: await deps.createSignIn(cloud) };
      clients.clear();
      directories.clear();
    }
    return signIn.client;
  };
  const runOptions = deps.httpWaits ? { httpWaits: deps.httpWaits } : {};

  const newRunId = deps.randomId ?? (() => crypto.randomUUID());
  // A connection the run created, with the secret it holds, goes into the widget's index once the run succeeds.
  const recordingExpiry =
    (onChange: (snapshot: RunSnapshot, created: Readonly<CreatedObjects>) => void) =>
    (snapshot: RunSnapshot, created: Readonly<CreatedObjects>) => {
      onChange(snapshot, created);
      const { endpointId, appId, secretEndDateTime } = created;
      if (snapshot.status !== "succeeded" || !deps.expiryIndex || !endpointId || !appId || !secretEndDateTime) return;
      const entry = { connectionId: endpointId, appId, endDateTime: secretEndDateTime };
      void recordExpiryQuietly(deps.expiryIndex.store, deps.session.project.id, [entry], deps.expiryIndex.reader, deps.clock.now());
    };
  // A shared run's succeeded connections go into the widget's index as they succeed.
  const sharedAppRun = (plan: SharedAppPlan, onChange: (snapshot: BulkSnapshot) => void, options: SharedAppRunOptions = {}) => {
    const form = plan.forms[0]!;
    const seen = new Set<string>();
    const recording = (snapshot: BulkSnapshot) => {
      onChange(snapshot);
      const entries = deps.expiryIndex && !snapshot.busy ? newlySucceeded(snapshot.rows, seen) : [];
      if (deps.expiryIndex && entries.length > 0)
        void recordExpiryQuietly(deps.expiryIndex.store, deps.session.project.id, entries, deps.expiryIndex.reader, deps.clock.now());
    };
    return new SharedAppRun(plan, cloudOf(form.cloudId), ports(form), { ...options, onChange: recording, ...runOptions });
  };
  // The Connections tab: its Azure calls go to the cloud signed in to, in the connection's own directory.
  const connectionServices = new Map<string, Promise<ConnectionServices>>();
  const loadConnectionServices = (project: { id: string; name: string }, withIndex: boolean) =>
    import(/* webpackChunkName: "connections" */ "../connections/connectionServices").then((m) =>
      m.createConnectionServices({
        projectId: project.id,
        ...(deps.organizationId
          ? {
              federationTrust: {
                organization: deps.session.organization,
                organizationId: deps.organizationId,
                projectName: project.name,
              },
            }
          : {}),
        connections: deps.connections,
        ...(deps.projects ? { projects: deps.projects } : {}),
        journal: deps.journal,
        clock: deps.clock,
        newRunId,
        signedIn: () => {
          const account = signIn?.client.account();
          return signIn && account
            ? { environment: cloudOf(signIn.cloudId).connection.environment, userObjectId: account.objectId }
            : undefined;
        },
        azure: (tenantId) => clientsFor(signIn?.cloudId ?? "", tenantId),
        cloud: () => (signIn ? cloudOf(signIn.cloudId) : undefined),
        ...(deps.expiryIndex && withIndex ? { expiryIndex: deps.expiryIndex } : {}),
      }),
    );
  const connectionServicesFor = (project: { id: string; name: string }, options: { expiryIndex?: boolean } = {}) => {
    const withIndex = options.expiryIndex !== false;
    const key = `${project.id.toLowerCase()}|${withIndex}`;
    let found = connectionServices.get(key);
    if (!found) {
      found = loadConnectionServices(project, withIndex).catch((error: unknown) => {
        connectionServices.delete(key);
        throw error;
      });
      connectionServices.set(key, found);
    }
    return found;
  };

  return {
    connectionServices: () => connectionServicesFor(deps.session.project),
    connectionServicesFor,
    session: deps.session,
    clouds: deps.clouds,
    now: () => new Date(deps.clock.now()),
    newRunId,
    account: () => signIn?.client.account(),
    signInMethod: () => signIn?.client.method,
    async signIn(cloudId) {
      return (await signInClientFor(cloudId)).signIn();
    },
    async signInWithPopup(cloudId) {
      const client = await signInClientFor(cloudId);
      if (!client.signInWithPopup) throw NO_POPUP_SIGN_IN;
      const account = await client.signInWithPopup();
      // Another account: nothing read for the one before may be reused.
      clients.clear();
      directories.clear();
      return account;
    },
    async signOut() {
      await signIn?.client.signOut();
      signIn = undefined;
      clients.clear();
      directories.clear();
    },
    directory(cloudId, tenantId) {
      const key = `${cloudId}|${tenantId.toLowerCase()}`;
      let directory = directories.get(key);
      if (!directory) {
        const azure = clientsFor(cloudId, tenantId);
        directory = new AzureDirectory(tenantId, azure.arm, azure.graph);
        directories.set(key, directory);
      }
      return directory;
    },
    listPipelines() {
      pipelines.value ??= deps.pipelines.list(deps.session.project.id).catch((error: unknown) => {
        pipelines.value = undefined;
        throw error;
      });
      return pipelines.value;
    },
    reviewChecks: (form) => checkForReview(form, context()),
    startRun(plan, onChange) {
      return new ProvisioningRun(plan, cloudOf(plan.cloudId), ports(plan.form), { onChange: recordingExpiry(onChange), ...runOptions });
    },
    startSharedAppRun: (plan, onChange) => sharedAppRun(plan, onChange),
    unfinishedSharedAppRuns: () => unfinishedSharedAppRuns(deps.journal),
    resumeSharedAppRun: (journal, onChange) => sharedAppRun(planOfSharedJournal(journal), onChange, { journal }),
    startByoRun(form, secret, onChange) {
      const azure = form.assignRole && signIn?.cloudId === form.cloudId ? clientsFor(form.cloudId, form.tenantId) : undefined;
      return new ByoRun(
        form,
        secret,
        { organization: deps.session.organization, project: deps.session.project },
        cloudOf(form.cloudId),
        {
          connections: deps.connections,
          pipelinePermissions: deps.pipelinePermissions,
          clock: deps.clock,
          ...(azure ? { azure } : {}),
        },
        { onChange, ...runOptions },
      );
    },
    ...byoFederationServices(deps, newRunId, cloudOf, runOptions, (form) =>
      signIn?.cloudId === form.cloudId && signIn.client.account() ? clientsFor(form.cloudId, form.tenantId) : undefined,
    ),
    unfinishedRuns: () => unfinishedRuns(deps.journal),
    resumeRun(journal, onChange) {
      return new ProvisioningRun(planOfJournal(journal), cloudOf(journal.form.cloudId), ports(journal.form), {
        journal,
        onChange: recordingExpiry(onChange),
        ...runOptions,
      });
    },
    connectionUrl: (endpointId) => {
      const project = encodeURIComponent(deps.session.project.name);
      return `${deps.organizationUrl}${project}/_settings/adminservices?resourceId=${encodeURIComponent(endpointId)}`;
    },
    appRegistrationUrl: (cloudId, appId) => appRegistrationLink(cloudOf(cloudId), appId),
    ...(deps.requests
      ? {
          requests: createRequesterServices({
            ...deps.requests,
            connections: deps.connections,
            project: deps.session.project,
            clock: deps.clock,
            newId: newRunId,
            organizationUrl: deps.organizationUrl,
            extensionId: deps.session.extensionId,
          }),
        }
      : {}),
  };
}
