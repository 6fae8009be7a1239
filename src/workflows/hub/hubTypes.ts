/**
 * The client types the hub's pages show, re-exported from the workflows: pages import workflow types only, never
 * from src/clients (only the composition roots in src/entries do).
 */
export type { SignedInAccount } from "../../clients/auth/signInTypes";
export type { HostClient, HostIdentity } from "../../clients/devops/hostClient";
export type { Pipeline, ServiceConnection } from "../../clients/devops/devopsTypes";
