import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invocation } from "../../src/core/commands/types.js";
import { BUNDLED_NOTES_DIR } from "../../src/core/config.js";
import {
  CHANNEL_LIMIT,
  CommandLimiter,
  LIMITED_COMMANDS,
  TokenBuckets,
  USER_LIMIT,
} from "../../src/core/rate-limit.js";
import { Tutor } from "../../src/core/tutor.js";

const who = (userId: string, channelId = "C1", platform: Invocation["platform"] = "slack"): Invocation => ({
  platform,
  workspaceId: "T1",
  channelId,
  userId,
  locale: "en",
  isAdmin: false,
});

describe("TokenBuckets", () => {
  it("allows a burst, then one per refill interval", () => {
    const b = new TokenBuckets({ burst: 3, refillMs: 1000 });
    for (let i = 0; i < 3; i++) {
      expect(b.waitMs("k", 0)).toBe(0);
      b.take("k", 0);
    }
    expect(b.waitMs("k", 0)).toBe(1000);
    expect(b.waitMs("k", 400)).toBe(600);
    expect(b.waitMs("k", 1000)).toBe(0);
    b.take("k", 1000);
    expect(b.waitMs("k", 1000)).toBe(1000);
    // A long quiet spell refills to the burst, not beyond.
    expect(b.waitMs("k", 1_000_000)).toBe(0);
    for (let i = 0; i < 3; i++) b.take("k", 1_000_000);
    expect(b.waitMs("k", 1_000_000)).toBeGreaterThan(0);
  });
});

describe("CommandLimiter", () => {
  it("limits one person's expensive commands, not cheap ones, and not other people", () => {
    let now = 0;
    const limiter = new CommandLimiter(() => now);
    const ada = who("UADA");
    for (let i = 0; i < USER_LIMIT.burst; i++) expect(limiter.check(ada, "ask")).toEqual({ ok: true });
    expect(limiter.check(ada, "explain")).toEqual({ ok: false, scope: "user", retryAfterSec: 3 });
    expect(limiter.check(ada, "help")).toEqual({ ok: true });
    expect(limiter.check(ada, "stats")).toEqual({ ok: true });
    expect(limiter.check(who("UBOB"), "ask")).toEqual({ ok: true });
    now += USER_LIMIT.refillMs;
    expect(limiter.check(ada, "ask")).toEqual({ ok: true });
    expect(limiter.check(ada, "ask").ok).toBe(false);
  });

  it("limits a channel whoever asks, and a refusal by the channel costs the person nothing", () => {
    const now = 0;
    const limiter = new CommandLimiter(() => now);
    for (let i = 0; i < CHANNEL_LIMIT.burst; i++)
      expect(limiter.check(who(`U${i}`, "CBUSY"), "ask").ok).toBe(true);
    expect(limiter.check(who("UNEW", "CBUSY"), "ask")).toEqual({
      ok: false,
      scope: "channel",
      retryAfterSec: 1,
    });
    // UNEW's own bucket is untouched: a full burst elsewhere.
    for (let i = 0; i < USER_LIMIT.burst; i++)
      expect(limiter.check(who("UNEW", "CQUIET"), "ask").ok).toBe(true);
  });

  it("keys by platform and workspace, and never limits the terminal", () => {
    const limiter = new CommandLimiter(() => 0);
    for (let i = 0; i < USER_LIMIT.burst; i++) limiter.check(who("U1"), "ask");
    expect(limiter.check(who("U1"), "ask").ok).toBe(false);
    expect(limiter.check(who("U1", "C1", "discord"), "ask").ok).toBe(true);
    for (let i = 0; i < 1000; i++)
      expect(limiter.check(who("me", "terminal", "terminal"), "ask").ok).toBe(true);
  });

  it("covers the commands that search the notes or build questions", () => {
    expect([...LIMITED_COMMANDS].sort()).toEqual(["ask", "explain", "quiz", "review"]);
  });
});

describe("Tutor: the limit through runCommand", () => {
  let dir: string;
  let tutor: Tutor;
  let now = 0;
  const limited: string[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tutor-limit-"));
    tutor = Tutor.open({
      dbFile: join(dir, "t.sqlite"),
      notesDir: BUNDLED_NOTES_DIR,
      logger: pino({ level: "silent" }),
      limitClock: () => now,
    });
    tutor.onLimited((command, scope) => limited.push(`${command}:${scope}`));
  });
  afterAll(() => {
    tutor.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers politely, privately and in the person's language, and says so to observers", async () => {
    const outcomes: string[] = [];
    tutor.onCommand((_name, outcome) => outcomes.push(outcome));
    const ja = { ...who("UJA"), locale: "ja" as const };
    for (let i = 0; i < USER_LIMIT.burst; i++)
      await tutor.runForChat(ja, ["explain"], { command: "docker cp" });
    const r = await tutor.runForChat(ja, ["explain"], { command: "docker cp" });
    expect(r.ephemeral).toBe(true);
    expect(r.blocks).toEqual([
      {
        type: "note",
        tone: "info",
        text: "少しペースを落としてください。3 秒ほど待ってから、もう一度 /explain をお試しください。",
      },
    ]);
    expect(r.choices).toEqual([]); // a slow-down note has no Share button
    const en = await tutor.runTextForChat({ ...ja, locale: "en" }, "/ask what is a pod");
    expect(en.blocks[0]).toMatchObject({
      text: expect.stringContaining("Please wait 3 s, then try /ask again"),
    });
    const mentioned = await tutor.mention(ja, "how do I copy a file out of a container");
    expect(mentioned.blocks[0]).toMatchObject({ text: expect.stringContaining("少しペースを落として") });
    expect(limited).toEqual(["explain:user", "ask:user", "ask:user"]);
    expect(outcomes.slice(-3)).toEqual(["limited", "limited", "limited"]);
    now += USER_LIMIT.refillMs;
    const again = await tutor.runForChat(ja, ["explain"], { command: "docker cp" });
    expect(again.title).toBe("docker container cp");
  });

  it("a Share press re-runs the answer without counting against the limit", async () => {
    const ada = who("USHARE");
    const answer = await tutor.runForChat(ada, ["explain"], { command: "docker cp" });
    const share = answer.choices.find((c) => c.id.startsWith("share:"));
    expect(share).toBeDefined();
    for (let i = 1; i < USER_LIMIT.burst; i++)
      await tutor.runForChat(ada, ["ask"], { question: "what is a pod" });
    expect((await tutor.runForChat(ada, ["ask"], { question: "what is a pod" })).title).toBeUndefined();
    const pressed = await tutor.runAction(ada, share?.id ?? "");
    expect(pressed.publish?.title).toBe("docker container cp");
  });
});
