/**
 * A real Tutor (temporary SQLite file, bundled notes) behind the real Discord surface, connected over
 * 127.0.0.1 to the fake Discord, with the registry's commands registered in the fake's guild.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createDiscordSurface, type DiscordSurface } from "../../../src/bots/discord/surface.js";
import { registerCommands } from "../../../src/bots/discord/registration.js";
import type { DiscordSettings } from "../../../src/bots/discord/settings.js";
import type { AnyCommand } from "../../../src/core/commands/types.js";
import { BUNDLED_NOTES_DIR, loadConfig } from "../../../src/core/config.js";
import { Tutor } from "../../../src/core/tutor.js";
import type { HealthServer } from "../../../src/service/http.js";
import { Metrics } from "../../../src/service/metrics.js";
import { FakeDiscord, type FakeDiscordOptions } from "../../fakes/discord.js";

export const silentLogger = pino({ level: "silent" });

export interface Harness {
  fake: FakeDiscord;
  tutor: Tutor;
  surface: DiscordSurface;
  metrics: Metrics;
  dbFile: string;
  close(): Promise<void>;
}

/** A tutor whose registry is `commands` (for commands the real registry does not have, e.g. an admin one). */
export function withCommands(tutor: Tutor, commands: readonly AnyCommand[]): void {
  Object.defineProperty(tutor, "commands", { value: commands });
}

export function openTutor(notesDir = BUNDLED_NOTES_DIR): {
  tutor: Tutor;
  dbFile: string;
  cleanup: () => void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "discord-test-"));
  const dbFile = path.join(dir, "tutor.sqlite");
  const tutor = Tutor.open({ dbFile, notesDir, logger: silentLogger });
  return {
    tutor,
    dbFile,
    cleanup: () => {
      tutor.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An HTTP server the Discord surface never uses (it needs no inbound HTTP). */
const noHttp = {
  addRoute: () => {
    throw new Error("the Discord surface should not add HTTP routes");
  },
} as unknown as HealthServer;

export async function startHarness(
  options: {
    fake?: FakeDiscordOptions;
    settings?: Partial<DiscordSettings>;
    commands?: readonly AnyCommand[];
    /** The notes the tutor answers from (default: the bundled notes). */
    notesDir?: string;
    /** Set up the tutor (join hooks, spies) before the surface connects. */
    prepare?: (tutor: Tutor) => void;
  } = {},
): Promise<Harness> {
  const fake = await new FakeDiscord(options.fake).start();
  const { tutor, dbFile, cleanup } = openTutor(options.notesDir);
  if (options.commands) withCommands(tutor, options.commands);
  options.prepare?.(tutor);
  await registerCommands({
    token: fake.token,
    guildId: fake.guildId,
    api: fake.restUrl,
    commands: tutor.commands,
  });
  const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restUrl, TUTOR_DB: dbFile });
  const metrics = new Metrics();
  const surface = createDiscordSurface(
    { tutor, config, logger: silentLogger, http: noHttp, metrics },
    options.settings,
  );
  await surface.start();
  fake.assertNoErrors();
  fake.reset();
  return {
    fake,
    tutor,
    surface,
    metrics,
    dbFile,
    async close() {
      await surface.stop();
      await fake.close();
      cleanup();
    },
  };
}

/** The callback body Discord received for an interaction. */
export async function callbackOf(fake: FakeDiscord, id: string, timeoutMs = 3_500) {
  const cb = await fake.waitForCallback(id, timeoutMs);
  if (cb.status >= 400) throw new Error(`callback refused: ${cb.status} ${JSON.stringify(cb.error)}`);
  return cb;
}
