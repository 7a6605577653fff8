import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DashboardTokens, LINK_TTL_MS, UsedLinks } from "../../../src/service/dashboard/token.js";

const SECRET = "unit-test-secret-0123456789abcdef0123";
const TEAM = { platform: "slack", workspaceId: "T0TEAM" };

describe("dashboard tokens", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-01T09:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("verifies a link for its workspace until it expires, 15 minutes later", () => {
    const tokens = new DashboardTokens(SECRET);
    const { token, expiresAt } = tokens.sign("link", TEAM, LINK_TTL_MS);
    expect(LINK_TTL_MS).toBe(15 * 60_000);
    expect(expiresAt).toBe(Date.now() + LINK_TTL_MS);
    expect(token).toMatch(/^[0-9a-z.]+$/);
    expect(tokens.verify(token, "link", TEAM)).toMatchObject({
      ok: true,
      token: { kind: "link", expiresAt },
    });
    vi.advanceTimersByTime(LINK_TTL_MS - 1);
    expect(tokens.verify(token, "link", TEAM).ok).toBe(true);
    vi.advanceTimersByTime(1);
    expect(tokens.verify(token, "link", TEAM)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a token changed anywhere: expiry, nonce or MAC", () => {
    const tokens = new DashboardTokens(SECRET);
    const { token } = tokens.sign("link", TEAM, LINK_TTL_MS);
    const [exp = "", nonce = "", mac = ""] = token.split(".");
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "0" ? "1" : "0") + s.slice(i + 1);
    // A later expiry, written by someone without the secret.
    const later = (Number.parseInt(exp, 36) + 3_600_000).toString(36);
    for (const changed of [
      `${later}.${nonce}.${mac}`,
      `${exp}.${flip(nonce, 3)}.${mac}`,
      `${exp}.${nonce}.${flip(mac, 0)}`,
      `${exp}.${nonce}.${flip(mac, 63)}`,
    ])
      expect(tokens.verify(changed, "link", TEAM)).toEqual({ ok: false, reason: "signature" });
    for (const malformed of [
      "",
      "abc",
      `${exp}.${nonce}`,
      `${exp}.${nonce}.${mac}x`,
      `${exp}.${nonce}.${mac.toUpperCase()}`,
    ])
      expect(tokens.verify(malformed, "link", TEAM)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses a token of another workspace, another platform, another kind or another secret", () => {
    const tokens = new DashboardTokens(SECRET);
    const { token } = tokens.sign("link", TEAM, LINK_TTL_MS);
    expect(tokens.verify(token, "link", { platform: "slack", workspaceId: "T0OTHER" }).ok).toBe(false);
    expect(tokens.verify(token, "link", { platform: "discord", workspaceId: "T0TEAM" }).ok).toBe(false);
    expect(tokens.verify(token, "session", TEAM).ok).toBe(false);
    expect(new DashboardTokens(`${SECRET}!`).verify(token, "link", TEAM).ok).toBe(false);
    // Fields are length-prefixed: platform "slack" + workspace "T0TEAM" is not platform "slackT" + "0TEAM".
    expect(tokens.verify(token, "link", { platform: "slackT", workspaceId: "0TEAM" }).ok).toBe(false);
  });

  it("gives every link its own nonce, and lets each be used once until it expires", () => {
    const tokens = new DashboardTokens(SECRET);
    const a = tokens.sign("link", TEAM, LINK_TTL_MS);
    const b = tokens.sign("link", TEAM, LINK_TTL_MS);
    expect(a.token).not.toBe(b.token);
    const used = new UsedLinks();
    const nonceOf = (t: string) => t.split(".")[1] ?? "";
    expect(used.claim(nonceOf(a.token), a.expiresAt)).toBe(true);
    expect(used.claim(nonceOf(a.token), a.expiresAt)).toBe(false);
    expect(used.claim(nonceOf(b.token), b.expiresAt)).toBe(true);
    // Expired nonces are forgotten (the link itself is refused by its expiry by then).
    vi.advanceTimersByTime(LINK_TTL_MS);
    used.claim("f".repeat(32), Date.now() + LINK_TTL_MS);
    expect(used.size).toBe(1);
  });
});
