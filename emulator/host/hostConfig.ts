import type { ThemeName } from "./themes";

/** What the emulator server tells the host page: where the hub is, and who and where "Azure DevOps" is. */
export interface HostConfig {
  /** The hub page, on an origin other than the host's (a cross-site iframe, as in Azure DevOps). */
  hubUrl: string;
  /** Azure DevOps REST root the location service hands to the hub, with trailing slash (e.g. "https://dev.azure.com/"). */
  devopsRoot: string;
  /** Azure DevOps REST root the host itself uses for extension data (same origin as the host page). */
  hostDevopsRoot: string;
  /** Entra root of the emulator, for forwarding nested app authentication. */
  hostEntraRoot: string;
  organization: { id: string; name: string };
  project: { id: string; name: string };
  user: { id: string; name: string; displayName: string; descriptor: string };
  extension: { publisherId: string; extensionId: string; version: string };
  contributionId: string;
  theme: ThemeName;
  /** Set when the host plays a dashboard hosting a widget contribution (`?widget=widget|configuration`). */
  widget?: HostWidgetConfig;
  /** Whether the host offers the nested app authentication bridge (DevOps.NestedAppAuth). */
  nestedAppAuth: boolean;
}

/** A dashboard tile (or its configuration panel) the host page plays, and what it passes to `load`. */
export interface HostWidgetConfig {
  mode: "widget" | "configuration";
  /** The full contribution id the page registered its object under. */
  contributionId: string;
  size: { rowSpan: number; columnSpan: number };
  name: string;
  /** customSettings.data: the configuration's JSON string. */
  data: string;
}
