import type { DashboardWorkspace } from "./reader.js";

/** A signed link to one workspace's dashboard. */
export interface DashboardLink {
  url: string;
  expiresAt: Date;
}

/** Why this process has no page to link to (its port was taken), in the reader's language. */
export interface DashboardUnavailable {
  unavailable: { en: string; ja: string };
}

/** Makes dashboard links: the service that serves the page (src/service/dashboard) provides it. */
export interface DashboardLinks {
  linkFor(workspace: DashboardWorkspace): DashboardLink | DashboardUnavailable;
}

const served = new WeakMap<object, DashboardLinks>();

/**
 * Says that this tutor's process serves the dashboard, and how to link to it. Kept beside the tutor
 * rather than in it: a CLI run or a process without an HTTP server has none, and `/tutor dashboard` says so.
 */
export function serveDashboardFor(tutor: object, links: DashboardLinks): void {
  served.set(tutor, links);
}

export function dashboardLinksOf(tutor: object): DashboardLinks | undefined {
  return served.get(tutor);
}
