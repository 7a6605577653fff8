import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/core/config.js";
import { fileClock } from "../src/test-clock.js";
import { tempDir } from "./helpers/tutor.js";

const tmp = tempDir("test-clock");
afterAll(() => tmp.cleanup());

describe("the test clock (TUTOR_TEST_CLOCK_FILE)", () => {
  it("reads now from the file, and tells its listeners once the file names a new instant", async () => {
    const file = path.join(tmp.dir, "now");
    fs.writeFileSync(file, "2026-03-02T09:05:00.000Z\n");
    const clock = fileClock(file);
    try {
      expect(clock.now().toISOString()).toBe("2026-03-02T09:05:00.000Z");
      const seen: string[] = [];
      clock.onChange(() => {
        seen.push(clock.now().toISOString());
      });
      fs.writeFileSync(file, "2026-03-03T09:05:00.000Z\n");
      const deadline = Date.now() + 5000;
      while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(seen).toEqual(["2026-03-03T09:05:00.000Z"]);
      // The same instant written again is no change.
      fs.writeFileSync(file, "2026-03-03T09:05:00.000Z\n");
      await new Promise((r) => setTimeout(r, 200));
      expect(seen).toHaveLength(1);
    } finally {
      clock.stop();
    }
  });

  it("refuses a file that is missing or holds no instant", () => {
    expect(() => fileClock(path.join(tmp.dir, "missing"))).toThrow(ConfigError);
    const bad = path.join(tmp.dir, "bad");
    fs.writeFileSync(bad, "tomorrow");
    expect(() => fileClock(bad)).toThrow(/must hold an ISO-8601 instant/);
  });

  it("is refused by the configuration outside tests", () => {
    expect(() => loadConfig({ TUTOR_TEST_CLOCK_FILE: "/tmp/now" })).toThrow(
      "Configuration error: TUTOR_TEST_CLOCK_FILE is for tests only (NODE_ENV=test); unset it",
    );
    expect(() => loadConfig({ TUTOR_TEST_CLOCK_FILE: "/tmp/now", NODE_ENV: "production" })).toThrow(
      ConfigError,
    );
    expect(loadConfig({ TUTOR_TEST_CLOCK_FILE: "/tmp/now", NODE_ENV: "test" }).TUTOR_TEST_CLOCK_FILE).toBe(
      "/tmp/now",
    );
  });
});
