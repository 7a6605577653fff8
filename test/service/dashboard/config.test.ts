import { describe, expect, it } from "vitest";
import {
  ConfigError,
  DASHBOARD_SECRET_MIN_LENGTH,
  loadConfig,
  SECRET_VARIABLES,
} from "../../../src/core/config.js";

describe("dashboard settings", () => {
  it("takes a long enough DASHBOARD_SECRET, treats empty as unset, and refuses a short one by name", () => {
    const secret = "s".repeat(DASHBOARD_SECRET_MIN_LENGTH);
    expect(loadConfig({ DASHBOARD_SECRET: secret }).DASHBOARD_SECRET).toBe(secret);
    expect(loadConfig({ DASHBOARD_SECRET: " " }).DASHBOARD_SECRET).toBeUndefined();
    expect(() => loadConfig({ DASHBOARD_SECRET: "short" })).toThrow(ConfigError);
    expect(() => loadConfig({ DASHBOARD_SECRET: "short" })).toThrow(/DASHBOARD_SECRET must be at least 32/);
    expect(SECRET_VARIABLES).toContain("DASHBOARD_SECRET");
  });

  it("takes http(s) addresses for the public and notes URLs, nothing else", () => {
    const c = loadConfig({
      TUTOR_PUBLIC_URL: "https://tutor.example.com",
      TUTOR_NOTES_URL: "https://github.com/team/notes/blob/main/docs",
    });
    expect(c.TUTOR_PUBLIC_URL).toBe("https://tutor.example.com");
    expect(c.TUTOR_NOTES_URL).toBe("https://github.com/team/notes/blob/main/docs");
    expect(() => loadConfig({ TUTOR_NOTES_URL: "javascript:alert(1)" })).toThrow(/TUTOR_NOTES_URL/);
    expect(() => loadConfig({ TUTOR_PUBLIC_URL: "ftp://x" })).toThrow(/TUTOR_PUBLIC_URL/);
  });
});
