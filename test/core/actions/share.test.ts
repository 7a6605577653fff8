/**
 * Share buttons cost nothing until pressed: an answer waits in a bounded memory of recent answers, a row
 * is written only on press, rows expire, and a forged, foreign or expired id gets "expired".
 */
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecentAnswers } from "../../../src/core/actions/recent-answers.js";
import { recentAnswers } from "../../../src/core/actions/share.js";
import type { Invocation } from "../../../src/core/commands/types.js";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import { SHARE_RETENTION_DAYS } from "../../../src/core/storage/stores.js";
import { Tutor } from "../../../src/core/tutor.js";
import { invocation, notesOf, tempNotes } from "../../helpers/tutor.js";

const DAY_MS = 86_400_000;
const EXPIRED = "This button no longer works";

describe("Share", () => {
  let clock = new Date("2026-03-01T09:00:00Z");
  let dir: { dir: string; cleanup: () => void };
  let dbFile: string;
  let tutor: Tutor;
  const open = () =>
    Tutor.open({ dbFile, notesDir: BUNDLED_NOTES_DIR, logger: pino({ level: "silent" }), now: () => clock });
  const ctx = (n: number | string, workspaceId = "G1"): Invocation => ({
    ...invocation(),
    platform: "discord",
    workspaceId,
    channelId: "C1",
    userId: `user-${n}`,
    userName: `user ${n}`,
  });
  const askFor = async (who: Invocation): Promise<string> => {
    const answer = await tutor.runTextForChat(who, "/ask how do I copy a file from a container");
    return answer.choices.find((c) => c.id.startsWith("share:"))?.id ?? "";
  };

  beforeAll(() => {
    dir = tempNotes({});
    dbFile = path.join(dir.dir, "tutor.sqlite");
    tutor = open();
  });
  afterAll(() => {
    tutor.close();
    dir.cleanup();
  });

  it("writes nothing for answers nobody shares, one row when Share is pressed", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await askFor(ctx(i)));
    expect(new Set(ids).size).toBe(30);
    expect(await tutor.state.shares.count()).toBe(0);
    expect(recentAnswers(tutor).size).toBe(30);

    const pressed = await tutor.runAction(ctx(7), ids[7] ?? "");
    expect(pressed.publish?.ephemeral).toBe(false);
    expect(pressed.publish?.subtitle).toContain("Shared by user 7");
    expect(await tutor.state.shares.count()).toBe(1);
    // Pressed again: posted again, still one row.
    await tutor.runAction(ctx(8), ids[7] ?? "");
    expect(await tutor.state.shares.count()).toBe(1);
  });

  it("answers a forged id, or one from another server, with 'expired'", async () => {
    const id = await askFor(ctx("a"));
    for (const [who, button] of [
      [ctx("a"), "share:AAAAAAAAAAAA"],
      [ctx("a", "G2"), id],
      [{ ...ctx("a"), platform: "slack" as const }, id],
    ] as const) {
      const r = await tutor.runAction(who, button);
      expect(r.publish).toBeUndefined();
      expect(notesOf(r.reply ?? ({ blocks: [] } as never))[0]).toContain(EXPIRED);
    }
  });

  it("keeps a shared answer's button working after a restart, but not one never pressed", async () => {
    const shared = await askFor(ctx("b"));
    const never = await askFor(ctx("c"));
    await tutor.runAction(ctx("b"), shared);
    tutor.close();
    tutor = open();
    expect((await tutor.runAction(ctx("d"), shared)).publish).toBeDefined();
    const lost = await tutor.runAction(ctx("d"), never);
    expect(lost.publish).toBeUndefined();
    expect(notesOf(lost.reply ?? ({ blocks: [] } as never))[0]).toContain(EXPIRED);
  });

  it("forgets shares after the retention: the old button expires and its row goes at the next share", async () => {
    const old = await askFor(ctx("e"));
    await tutor.runAction(ctx("e"), old);
    const rows = await tutor.state.shares.count();
    clock = new Date(clock.getTime() + (SHARE_RETENTION_DAYS + 1) * DAY_MS);
    const late = await tutor.runAction(ctx("f"), old);
    expect(late.publish).toBeUndefined();
    await tutor.runAction(ctx("g"), await askFor(ctx("g")));
    expect(await tutor.state.shares.count()).toBe(1);
    expect(rows).toBeGreaterThan(1);
  });
});

describe("the memory of recent answers", () => {
  const answer = (at: number) => ({
    platform: "discord",
    workspaceId: "G",
    userId: "U",
    command: "ask",
    argsJson: "{}",
    at,
  });

  it("holds at most its maximum, dropping the oldest first", () => {
    const recent = new RecentAnswers(3, DAY_MS);
    for (const id of ["a", "b", "c", "d"]) recent.add(id, answer(0));
    expect(recent.size).toBe(3);
    expect(recent.get("a", 0)).toBeUndefined();
    expect(recent.get("d", 0)).toBeDefined();
  });

  it("forgets an answer past its age", () => {
    const recent = new RecentAnswers(10, 1000);
    recent.add("a", answer(0));
    expect(recent.get("a", 1000)).toBeDefined();
    expect(recent.get("a", 1001)).toBeUndefined();
    expect(recent.size).toBe(0);
  });
});
