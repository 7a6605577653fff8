import type { Surface, SurfaceDeps } from "../bots/surface.js";
import type { Config } from "../core/config.js";

export function platformsConfigured(config: Config): string[] {
  return [config.SLACK_BOT_TOKEN ? "slack" : "", config.DISCORD_TOKEN ? "discord" : ""].filter(Boolean);
}

type SlackModule = typeof import("../bots/slack/surface.js");
type DiscordModule = typeof import("../bots/discord/surface.js");

/** The adapters of the configured platforms, loading (each only when configured). */
export interface AdapterModules {
  slack?: Promise<SlackModule>;
  discord?: Promise<DiscordModule>;
}

/**
 * Starts loading the configured platforms' adapters (Bolt takes ~150 ms to import, discord.js ~250 ms), so
 * that they load while the tutor is being opened; `startSurfaces` waits for them.
 */
export function loadAdapters(config: Config): AdapterModules {
  const adapters: AdapterModules = {};
  if (config.SLACK_BOT_TOKEN) adapters.slack = settledLater(import("../bots/slack/surface.js"));
  if (config.DISCORD_TOKEN) adapters.discord = settledLater(import("../bots/discord/surface.js"));
  return adapters;
}

/** A load that fails is reported by `startSurfaces`, not as an unhandled rejection if start-up stops first. */
function settledLater<T>(loading: Promise<T>): Promise<T> {
  loading.catch(() => {});
  return loading;
}

/**
 * Creates and starts one surface per configured platform, all at the same time: one platform connects
 * while the other's adapter is still loading or connecting. The surfaces come in platform order (Slack,
 * then Discord); when a start fails, the first platform's failure (in that order) is thrown, once every
 * start has ended.
 */
export async function startSurfaces(
  deps: SurfaceDeps,
  adapters: AdapterModules = loadAdapters(deps.config),
): Promise<Surface[]> {
  const starting: Promise<Surface>[] = [];
  if (adapters.slack) starting.push(adapters.slack.then((m) => started(m.createSlackSurface(deps))));
  if (adapters.discord) starting.push(adapters.discord.then((m) => started(m.createDiscordSurface(deps))));
  const results = await Promise.allSettled(starting);
  const surfaces: Surface[] = [];
  for (const r of results) {
    if (r.status === "rejected") throw r.reason;
    surfaces.push(r.value);
  }
  return surfaces;
}

async function started(surface: Surface): Promise<Surface> {
  await surface.start();
  return surface;
}
