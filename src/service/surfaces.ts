import type { Surface, SurfaceDeps } from "../bots/surface.js";
import type { Config } from "../core/config.js";

export function platformsConfigured(config: Config): string[] {
  return [config.SLACK_BOT_TOKEN ? "slack" : "", config.DISCORD_TOKEN ? "discord" : ""].filter(Boolean);
}

/** Creates one surface per configured platform; each adapter is loaded only when configured. */
export async function createSurfaces(deps: SurfaceDeps): Promise<Surface[]> {
  const out: Surface[] = [];
  if (deps.config.SLACK_BOT_TOKEN) {
    const { createSlackSurface } = await import("../bots/slack/surface.js");
    out.push(createSlackSurface(deps));
  }
  if (deps.config.DISCORD_TOKEN) {
    const { createDiscordSurface } = await import("../bots/discord/surface.js");
    out.push(createDiscordSurface(deps));
  }
  return out;
}
