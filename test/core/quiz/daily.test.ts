import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Invocation } from "../../../src/core/commands/types.js";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import type { ChannelPoster } from "../../../src/core/ports.js";
import { localDateTime } from "../../../src/core/quiz/daily.js";
import type { Reply } from "../../../src/core/reply.js";
import { Tutor } from "../../../src/core/tutor.js";

const logger = pino({ level: "silent" });

interface Sent {
  channelId: string;
  messageId: string;
  at: Date;
  reply: Reply;
}

/** A channel poster that records what it would have posted. */
function recordingPoster(sent: Sent[], edits: Sent[]): ChannelPoster {
  return {
    platform: "slack",
    post: async (_w, channelId, reply) => {
      const messageId = `m${sent.length + 1}`;
      sent.push({ channelId, messageId, at: new Date(), reply });
      return messageId;
    },
    update: async (_w, channelId, messageId, reply) => {
      edits.push({ channelId, messageId, at: new Date(), reply });
    },
  };
}

const admin = (channelId: string): Invocation => ({
  platform: "slack",
  workspaceId: "T1",
  channelId,
  userId: "UADMIN",
  userName: "admin",
  locale: "en",
  isAdmin: true,
});

describe("daily quiz posts", () => {
  let dir: string;
  let dbFile: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "daily-"));
    dbFile = path.join(dir, "t.sqlite");
  });
  afterEach(() => {
    vi.useRealTimers();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = () => Tutor.open({ dbFile, notesDir: BUNDLED_NOTES_DIR, logger });

  it("posts once a day for a week at 09:00 New York time, across a DST change and a restart, never twice", async () => {
    // 2026-10-28 08:00 EDT; US daylight saving time ends on Sunday 2026-11-01.
    vi.useFakeTimers({
      now: new Date("2026-10-28T12:00:00Z"),
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    });
    const sent: Sent[] = [];
    const edits: Sent[] = [];
    let tutor = open();
    await tutor.runCommand(admin("C1"), ["tutor", "daily", "set"], {
      time: "09:00",
      timezone: "America/New_York",
    });
    await tutor.daily.start([recordingPoster(sent, edits)]);
    for (let day = 0; day < 7; day++) {
      if (day === 3) {
        // A restart in the middle of the week: a new process on the same database.
        tutor.close();
        tutor = open();
        await tutor.daily.start([recordingPoster(sent, edits)]);
      }
      await vi.advanceTimersByTimeAsync(24 * 3600_000);
    }
    tutor.close();
    const local = sent.map((s) => localDateTime(s.at, "America/New_York"));
    expect(local.map((l) => l.time)).toEqual(Array(7).fill("09:00"));
    expect(local.map((l) => l.date)).toEqual([
      "2026-10-28",
      "2026-10-29",
      "2026-10-30",
      "2026-10-31",
      "2026-11-01",
      "2026-11-02",
      "2026-11-03",
    ]);
    // 09:00 is 13:00 UTC before the change and 14:00 UTC after it.
    expect(sent[0]?.at.toISOString()).toBe("2026-10-28T13:00:00.000Z");
    expect(sent[6]?.at.toISOString()).toBe("2026-11-03T14:00:00.000Z");
    // Each new post reveals the previous one's answer, and edits its message.
    expect(edits.map((e) => e.messageId)).toEqual(["m1", "m2", "m3", "m4", "m5", "m6"]);
    expect(sent[1]?.reply.blocks[0]).toMatchObject({
      type: "note",
      text: expect.stringContaining("Answer to the previous question"),
    });
  });

  it("never posts twice when two processes share the database, or when the clock is set back", async () => {
    vi.useFakeTimers({
      now: new Date("2026-03-01T23:00:00Z"),
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    });
    const sent: Sent[] = [];
    const edits: Sent[] = [];
    const a = open();
    const b = open();
    await a.runCommand(admin("C2"), ["tutor", "daily", "set"], { time: "09:00", timezone: "Asia/Tokyo" });
    await a.daily.start([recordingPoster(sent, edits)]);
    await b.daily.start([recordingPoster(sent, edits)]);
    await vi.advanceTimersByTimeAsync(12 * 3600_000); // past 09:00 JST on 03-02
    expect(sent).toHaveLength(1);
    vi.setSystemTime(new Date("2026-03-01T23:30:00Z")); // the clock goes back before 09:00 JST
    await vi.advanceTimersByTimeAsync(3 * 3600_000);
    expect(sent).toHaveLength(1);
    // A retry of the same day's post is refused by the claim.
    const schedule = await a.daily.schedules.get({ platform: "slack", workspaceId: "T1", channelId: "C2" });
    expect(await a.daily.fire(schedule!)).toBeNull();
    expect(sent).toHaveLength(1);
    a.close();
    b.close();
  });

  it("follows schedules changed through another process: turned off there, or set there while it is down", async () => {
    vi.useFakeTimers({
      now: new Date("2026-03-02T07:00:00Z"),
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    });
    const sent: Sent[] = [];
    const edits: Sent[] = [];
    const a = open();
    const b = open();
    await a.runCommand(admin("C1"), ["tutor", "daily", "set"], { time: "09:00", timezone: "UTC" });
    await a.daily.start([recordingPoster(sent, edits)]);
    await b.daily.start([recordingPoster(sent, edits)]);
    // Turned off through A: B's job, made at its start, must not post it.
    await a.runCommand(admin("C1"), ["tutor", "daily", "off"], {});
    // Set through A only, then A stops: B takes it up from the database.
    await a.runCommand(admin("C3"), ["tutor", "daily", "set"], { time: "10:00", timezone: "UTC" });
    a.close();
    await vi.advanceTimersByTimeAsync(4 * 3600_000); // past 09:00 and 10:00 UTC
    expect(sent.map((s) => [s.channelId, s.at.toISOString()])).toEqual([["C3", "2026-03-02T10:00:00.000Z"]]);
    expect(b.daily.nextRun({ platform: "slack", workspaceId: "T1", channelId: "C1" })).toBeNull();
    b.close();
  });

  it("sends a post missed while the process was down once at start-up, the same day only", async () => {
    vi.useFakeTimers({
      now: new Date("2026-06-01T00:00:00Z"),
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    });
    const sent: Sent[] = [];
    const edits: Sent[] = [];
    let tutor = open();
    await tutor.runCommand(admin("C3"), ["tutor", "daily", "set"], {
      time: "08:00",
      timezone: "Europe/Berlin",
    });
    tutor.close(); // down before 08:00 Berlin (06:00 UTC)
    vi.setSystemTime(new Date("2026-06-01T10:00:00Z"));
    tutor = open();
    await tutor.daily.start([recordingPoster(sent, edits)]);
    expect(sent).toHaveLength(1);
    tutor.close();
    tutor = open(); // and again: already sent today
    await tutor.daily.start([recordingPoster(sent, edits)]);
    expect(sent).toHaveLength(1);
    tutor.close();
  });

  it("reveals the answer after the configured delay when one is set", async () => {
    vi.useFakeTimers({
      now: new Date("2026-06-01T06:59:00Z"),
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    });
    const sent: Sent[] = [];
    const edits: Sent[] = [];
    const tutor = Tutor.open({ dbFile, notesDir: BUNDLED_NOTES_DIR, logger, dailyRevealMinutes: 60 });
    await tutor.runCommand(admin("C4"), ["tutor", "daily", "set"], { time: "07:00", timezone: "UTC" });
    await tutor.daily.start([recordingPoster(sent, edits)]);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(sent).toHaveLength(1);
    expect(edits).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(edits).toHaveLength(1);
    expect(edits[0]?.reply.choices).toEqual([]);
    tutor.close();
  });

  it("gives a refused post its claim back and tries again later the same day; a revealed question no longer scores", async () => {
    vi.useFakeTimers({
      now: new Date("2026-06-01T06:59:00Z"),
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    });
    const sent: Sent[] = [];
    const edits: Sent[] = [];
    const flaky = recordingPoster(sent, edits);
    const realPost = flaky.post;
    let failures = 2;
    flaky.post = async (...args) => {
      if (failures-- > 0) throw new Error("not_in_channel");
      return realPost(...args);
    };
    const tutor = open();
    await tutor.runCommand(admin("C5"), ["tutor", "daily", "set"], { time: "07:00", timezone: "UTC" });
    await tutor.daily.start([flaky]);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(11 * 60_000); // two retries, five minutes apart
    expect(sent).toHaveLength(1);
    const first = await tutor.quiz.store.dailyPosts({
      platform: "slack",
      workspaceId: "T1",
      channelId: "C5",
    });
    expect(first.map((p) => p.messageId)).toEqual(["m1"]);
    // The next day reveals it; a late press on the old message is refused without counting.
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(sent).toHaveLength(2);
    const old = sent[0]?.reply.choices[0]?.id ?? "";
    const late = await tutor.runAction({ ...admin("C5"), userId: "ULATE" }, old);
    expect(late.reply?.blocks[0]).toMatchObject({ text: expect.stringContaining("revealed already") });
    expect(await tutor.quiz.store.answerCount(first[0]!.id)).toEqual({ total: 0, correct: 0 });
    tutor.close();
  });
});
