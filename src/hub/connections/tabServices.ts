import type { ConnectionServices } from "../../workflows/connections/connectionServices";
import type { HubServices } from "../../workflows/hub/hubServices";

/** What the Connections tab's components use: the hub's services with the tab's own (loaded with the tab). */
export type TabServices = HubServices & ConnectionServices;
