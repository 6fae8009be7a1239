import type { VersionPolicy } from "./apiVersion";
import { listBuildDefinitions } from "./builds";
import {
  createEndpoint,
  createEndpointInProject,
  deleteEndpoint,
  deleteEndpointInProject,
  shareEndpoint,
  updateEndpoint,
  updateEndpointInProject,
  updateEndpoints,
  updateEndpointsInProject,
} from "./endpointCommands";
import { executeEndpointRequest } from "./endpointProxy";
import { getEndpointDetails, listEndpointsByTypeAndOwner, listEndpointsInProject } from "./endpointQueries";
import { listEndpointTypes } from "./endpointTypes";
import { createDocument, deleteDocument, getDocument, listDocuments, queryCollections, setDocument, updateDocument } from "./extensionData";
import { getPipelinePermissions, updatePipelinePermissions, updatePipelinePermissionsBatch } from "./pipelinePermissions";
import { getConnectionData, getProject, listProjects } from "./projects";
import type { Route } from "./router";
import { hasPermissions } from "./security";

/**
 * Every Azure DevOps REST route the model serves. Patterns are the client packages' route templates below "_apis"
 * (ServiceEndpointRestClient, BuildRestClient, CoreRestClient, ExtensionManagementRestClient; pipeline permissions
 * from the 7.2 spec). Release states decide when "-preview" is required.
 */
const RELEASED_THROUGH_7_1: VersionPolicy = { releasedThrough: { major: 7, minor: 1 } };
const PREVIEW_ONLY: VersionPolicy = {};

const ENDPOINTS = "serviceendpoint/endpoints";
const DOCUMENTS =
  "ExtensionManagement/InstalledExtensions/:publisher/:extension/Data/Scopes/:scopeType/:scopeValue/Collections/:collection/Documents";

export const ROUTES: Route[] = [
  // Service endpoints (area 1814ab31-2f4f-4a9f-8761-f4d77dc5a5d7)
  { method: "POST", level: "organization", pattern: ENDPOINTS, policy: RELEASED_THROUGH_7_1, handler: createEndpoint },
  { method: "PUT", level: "organization", pattern: ENDPOINTS, policy: RELEASED_THROUGH_7_1, handler: updateEndpoints },
  { method: "GET", level: "organization", pattern: ENDPOINTS, policy: RELEASED_THROUGH_7_1, handler: listEndpointsByTypeAndOwner },
  { method: "PUT", level: "organization", pattern: `${ENDPOINTS}/:endpointId`, policy: RELEASED_THROUGH_7_1, handler: updateEndpoint },
  { method: "PATCH", level: "organization", pattern: `${ENDPOINTS}/:endpointId`, policy: RELEASED_THROUGH_7_1, handler: shareEndpoint },
  { method: "DELETE", level: "organization", pattern: `${ENDPOINTS}/:endpointId`, policy: RELEASED_THROUGH_7_1, handler: deleteEndpoint },
  { method: "GET", level: "organization", pattern: "serviceendpoint/types", policy: RELEASED_THROUGH_7_1, handler: listEndpointTypes },
  { method: "GET", level: "project", pattern: ENDPOINTS, policy: RELEASED_THROUGH_7_1, handler: listEndpointsInProject },
  { method: "GET", level: "project", pattern: `${ENDPOINTS}/:endpointId`, policy: RELEASED_THROUGH_7_1, handler: getEndpointDetails },
  {
    method: "POST",
    level: "project",
    pattern: "serviceendpoint/endpointproxy",
    policy: RELEASED_THROUGH_7_1,
    handler: executeEndpointRequest,
  },
  // The project-level writes of api-version 4.x, used by the older official examples.
  { method: "POST", level: "project", pattern: ENDPOINTS, policy: RELEASED_THROUGH_7_1, handler: createEndpointInProject },
  { method: "PUT", level: "project", pattern: ENDPOINTS, policy: RELEASED_THROUGH_7_1, handler: updateEndpointsInProject },
  { method: "PUT", level: "project", pattern: `${ENDPOINTS}/:endpointId`, policy: RELEASED_THROUGH_7_1, handler: updateEndpointInProject },
  {
    method: "DELETE",
    level: "project",
    pattern: `${ENDPOINTS}/:endpointId`,
    policy: RELEASED_THROUGH_7_1,
    handler: deleteEndpointInProject,
  },

  // Pipeline permissions (area a81a0441-de52-4000-aa15-ff0e07bfbbaa): preview in every version.
  {
    method: "GET",
    level: "project",
    pattern: "pipelines/pipelinePermissions/:resourceType/:resourceId",
    policy: PREVIEW_ONLY,
    handler: getPipelinePermissions,
  },
  {
    method: "PATCH",
    level: "project",
    pattern: "pipelines/pipelinePermissions/:resourceType/:resourceId",
    policy: PREVIEW_ONLY,
    handler: updatePipelinePermissions,
  },
  {
    method: "PATCH",
    level: "project",
    pattern: "pipelines/pipelinePermissions",
    policy: PREVIEW_ONLY,
    handler: updatePipelinePermissionsBatch,
  },

  // Build definitions and projects.
  { method: "GET", level: "project", pattern: "build/definitions", policy: RELEASED_THROUGH_7_1, handler: listBuildDefinitions },
  { method: "GET", level: "organization", pattern: "projects", policy: RELEASED_THROUGH_7_1, handler: listProjects },
  { method: "GET", level: "organization", pattern: "projects/:projectId", policy: RELEASED_THROUGH_7_1, handler: getProject },
  // Location: which organization this is (instanceId) and who calls; read by npm run test:live.
  { method: "GET", level: "organization", pattern: "connectionData", policy: PREVIEW_ONLY, handler: getConnectionData },

  // Security: "Permissions - Has Permissions" (x-ms-preview in the 7.1 and 7.2 specs).
  { method: "GET", level: "organization", pattern: "permissions/:namespaceId/:permissions", policy: PREVIEW_ONLY, handler: hasPermissions },

  // Extension data (ExtensionManagement), preview in every version.
  { method: "GET", level: "organization", pattern: DOCUMENTS, policy: PREVIEW_ONLY, handler: listDocuments },
  { method: "POST", level: "organization", pattern: DOCUMENTS, policy: PREVIEW_ONLY, handler: createDocument },
  { method: "PUT", level: "organization", pattern: DOCUMENTS, policy: PREVIEW_ONLY, handler: setDocument },
  { method: "PATCH", level: "organization", pattern: DOCUMENTS, policy: PREVIEW_ONLY, handler: updateDocument },
  { method: "GET", level: "organization", pattern: `${DOCUMENTS}/:documentId`, policy: PREVIEW_ONLY, handler: getDocument },
  { method: "DELETE", level: "organization", pattern: `${DOCUMENTS}/:documentId`, policy: PREVIEW_ONLY, handler: deleteDocument },
  {
    method: "POST",
    level: "organization",
    pattern: "ExtensionManagement/InstalledExtensions/:publisher/:extension/ExtensionDataCollectionQuery",
    policy: PREVIEW_ONLY,
    handler: queryCollections,
  },
];
