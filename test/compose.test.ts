import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { composeTutor } from "../src/compose.js";
import { BUNDLED_NOTES_DIR, ConfigError, loadConfig } from "../src/core/config.js";
import { silentLogger, tempDir } from "./helpers/tutor.js";

const tmp = tempDir("compose");
afterAll(() => tmp.cleanup());

describe("composeTutor", () => {
  it("without DATABASE_URL keeps the state in the TUTOR_DB file, and pings it", async () => {
    const config = loadConfig({
      TUTOR_DB: path.join(tmp.dir, "t.sqlite"),
      TUTOR_NOTES_DIR: BUNDLED_NOTES_DIR,
    });
    const composed = await composeTutor(config, { logger: silentLogger });
    try {
      expect(composed.stateKind).toBe("sqlite");
      await expect(composed.ping()).resolves.toBeUndefined();
      expect(composed.tutor.indexInfo.entries).toBeGreaterThan(0);
    } finally {
      await composed.close();
    }
    // Closing twice is harmless (a signal during shutdown).
    await composed.close();
  });

  it("a PostgreSQL that cannot be reached is a ConfigError naming DATABASE_URL, without the password", async () => {
    const config = loadConfig({
      TUTOR_DB: path.join(tmp.dir, "t2.sqlite"),
      DATABASE_URL: "postgres://bot:s3cret@127.0.0.1:1/tutor",
    });
    const failed = await composeTutor(config, { logger: silentLogger }).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(ConfigError);
    expect((failed as Error).message).toMatch(
      /^Configuration error: DATABASE_URL: cannot open the database \(/,
    );
    expect((failed as Error).message).not.toContain("s3cret");
  });

  it("TUTOR_NOTES_GIT without a git program says so in one line, instead of failing to clone", async () => {
    const config = loadConfig({
      TUTOR_DB: path.join(tmp.dir, "t3.sqlite"),
      TUTOR_NOTES_GIT: "file:///nowhere/notes.git",
      TUTOR_NOTES_GIT_DIR: path.join(tmp.dir, "clone"),
    });
    const saved = process.env.PATH;
    process.env.PATH = path.join(tmp.dir, "no-programs-here");
    try {
      const failed = await composeTutor(config, { logger: silentLogger }).catch((err: unknown) => err);
      expect(failed).toBeInstanceOf(ConfigError);
      expect((failed as Error).message).toMatch(/TUTOR_NOTES_GIT needs the git program/);
    } finally {
      process.env.PATH = saved;
    }
  });
});
