import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Invocation } from "../../../src/core/commands/types.js";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import type { ChannelPoster } from "../../../src/core/ports.js";
import type { Reply } from "../../../src/core/reply.js";
import { Tutor } from "../../../src/core/tutor.js";
import { allText, notesOf, silentLogger, tempDir } from "../../helpers/tutor.js";

interface Sent {
  channelId: string;
  reply: Reply;
}

function recordingPoster(sent: Sent[], refuse = { count: 0 }): ChannelPoster {
  return {
    platform: "slack",
    post: async (_w, channelId, reply) => {
      if (refuse.count > 0) {
        refuse.count--;
        throw new Error("not_in_channel");
      }
      sent.push({ channelId, reply });
      return `m${sent.length}`;
    },
    update: async () => {},
  };
}

const admin = (channelId: string): Invocation => ({
  platform: "slack",
  workspaceId: "T1",
  channelId,
  userId: "UADMIN",
  locale: "en",
  isAdmin: true,
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function open(day: { now: Date }) {
  const tmp = tempDir("command-of-day");
  const tutor = Tutor.open({
    dbFile: path.join(tmp.dir, "t.sqlite"),
    notesDir: BUNDLED_NOTES_DIR,
    logger: silentLogger,
    now: () => day.now,
  });
  cleanups.push(() => {
    tutor.close();
    tmp.cleanup();
  });
  return tutor;
}

describe("command of the day", () => {
  it("posts a command from the notes with its explanation, once per channel and day, a new one each day", async () => {
    const day = { now: new Date("2026-12-01T09:00:00Z") };
    const tutor = open(day);
    const set = await tutor.runText(admin("C1"), "/tutor daily command 09:00 UTC");
    expect(notesOf(set)[0]).toMatch(/command of the day will be posted here every day at 09:00 \(UTC\)/);
    expect(
      (await tutor.daily.schedules.get({ platform: "slack", workspaceId: "T1", channelId: "C1" }))?.kind,
    ).toBe("command");
    const sent: Sent[] = [];
    const poster = recordingPoster(sent);
    await tutor.daily.start([poster]); // 09:00 already: today's post is sent at start
    expect(sent).toHaveLength(1);
    const first = sent[0]!.reply;
    const command = first.title?.replace("Command of the day: ", "") ?? "";
    expect(tutor.index.notesCommands()).toContain(command);
    expect(first.ephemeral).toBe(false);
    expect(first.citations.length).toBeGreaterThan(0);
    expect(first.choices).toEqual([]);
    // The explanation is /explain's, from the notes.
    const explained = await tutor.runCommand(admin("C1"), ["explain"], { command });
    expect(allText(first)).toContain(
      explained.blocks[0] && "text" in explained.blocks[0] ? explained.blocks[0].text : "",
    );

    // The same day again (a restart, a second replica): no second post.
    const schedule = (await tutor.daily.schedules.get({
      platform: "slack",
      workspaceId: "T1",
      channelId: "C1",
    }))!;
    await tutor.daily.fire(schedule);
    expect(sent).toHaveLength(1);

    // The next days: other commands, none repeated while there are unseen ones.
    const seen = [command];
    for (let d = 2; d <= 6; d++) {
      day.now = new Date(`2026-12-0${d}T09:00:00Z`);
      await tutor.daily.fire(schedule);
      seen.push(sent.at(-1)?.reply.title?.replace("Command of the day: ", "") ?? "");
    }
    expect(sent).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    tutor.daily.stop();
  });

  it("chooses per channel, keeps the quiz for a channel set to a quiz, and retries a refused post", async () => {
    const day = { now: new Date("2026-12-01T10:00:00Z") };
    const tutor = open(day);
    await tutor.runText(admin("C1"), "/tutor daily command 09:00");
    await tutor.runText(admin("C2"), "/tutor daily command 09:00");
    await tutor.runText(admin("C3"), "/tutor daily set 09:00");
    const sent: Sent[] = [];
    const refuse = { count: 1 };
    await tutor.daily.start([recordingPoster(sent, refuse)]);
    // The first post was refused (and its claim given back); C2 and the quiz of C3 went out.
    expect(sent.map((s) => s.channelId).sort()).toEqual(["C2", "C3"]);
    expect(sent.find((s) => s.channelId === "C3")?.reply.title).toMatch(/^Daily quiz/);
    const c1 = (await tutor.daily.schedules.get({ platform: "slack", workspaceId: "T1", channelId: "C1" }))!;
    await tutor.daily.fire(c1);
    expect(sent.map((s) => s.channelId)).toContain("C1");
    // Over a few days, two channels do not walk through the commands in the same order.
    const order = (channelId: string) =>
      sent.filter((s) => s.channelId === channelId).map((s) => s.reply.title ?? "");
    const c2 = (await tutor.daily.schedules.get({ platform: "slack", workspaceId: "T1", channelId: "C2" }))!;
    for (let d = 2; d <= 4; d++) {
      day.now = new Date(`2026-12-0${d}T10:00:00Z`);
      await tutor.daily.fire(c1);
      await tutor.daily.fire(c2);
    }
    expect(order("C1")).toHaveLength(4);
    expect(order("C1")).not.toEqual(order("C2"));
    tutor.daily.stop();
  });
});
