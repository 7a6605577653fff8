import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invocation } from "../../../src/core/commands/types.js";
import { notesOf, openTestTutor, type TestTutor } from "../../helpers/tutor.js";

const ctx = (userId: string): Invocation => ({
  platform: "slack",
  workspaceId: "T1",
  channelId: "C1",
  userId,
  locale: "en",
  isAdmin: false,
});

describe("feedback on answers", () => {
  let h: TestTutor;
  beforeAll(() => {
    h = openTestTutor({ name: "feedback" });
  });
  afterAll(() => h.close());

  const voteIds = async (who: string, path: string[], args: Record<string, string>) => {
    const r = await h.tutor.runForChat(ctx(who), path, args);
    const ids = r.choices.map((c) => c.id).filter((id) => id.startsWith("fb:"));
    return { r, ids };
  };

  it("puts 👍/👎 on /ask and /explain answers, not on other commands", async () => {
    const ask = await voteIds("U1", ["ask"], { question: "how do I copy a file out of a container" });
    expect(ask.ids).toEqual([
      expect.stringMatching(/^fb:[\w-]+:up$/),
      expect.stringMatching(/^fb:[\w-]+:down$/),
    ]);
    const explain = await voteIds("U1", ["explain"], { command: "docker cp" });
    expect(explain.ids).toHaveLength(2);
    const help = await voteIds("U1", ["help"], {});
    expect(help.ids).toEqual([]);
  });

  it("keeps one vote per person, changeable, with a reason on 👎 and the answer's question, source and notes version", async () => {
    const { r, ids } = await voteIds("U2", ["ask"], { question: "how do I copy a file out of a container" });
    const [up = "", down = ""] = ids;
    const answerId = up.split(":")[1] ?? "";
    const key = { platform: "slack", workspaceId: "T1", answerId, userId: "U2" };

    const first = await h.tutor.runAction(ctx("U2"), up);
    expect(notesOf(first.reply!)[0]).toMatch(/helpful/);
    expect(await h.tutor.state.feedback.voteOf(key)).toEqual({ vote: "up", reason: null });

    const again = await h.tutor.runAction(ctx("U2"), up);
    expect(notesOf(again.reply!)[0]).toMatch(/already voted 👍/);

    const changed = await h.tutor.runAction(ctx("U2"), down);
    expect(notesOf(changed.reply!)[0]).toMatch(/now 👎/);
    expect((await h.tutor.state.feedback.voteOf(key))?.vote).toBe("down");
    const reasons = changed.reply!.choices.map((c) => c.id);
    expect(reasons).toContain(`fb:${answerId}:why:incomplete`);

    const why = await h.tutor.runAction(ctx("U2"), `fb:${answerId}:why:incomplete`);
    expect(notesOf(why.reply!)[0]).toMatch(/Incomplete/);
    expect(await h.tutor.state.feedback.voteOf(key)).toEqual({ vote: "down", reason: "incomplete" });

    // Someone else's vote on the same answer is theirs.
    await h.tutor.runAction(ctx("U3"), up);
    const worst = await h.tutor.state.feedback.worstRated({ platform: "slack", workspaceId: "T1" }, 10);
    expect(worst).toEqual([
      expect.objectContaining({
        source: r.citations[0]?.source,
        down: 1,
        up: 1,
        questions: ["how do I copy a file out of a container"],
        reasons: ["incomplete"],
      }),
    ]);
    const stored = h.tutor.db
      .prepare("SELECT notes_version, command FROM answer_feedback WHERE answer_id = ? AND user_id = 'U2'")
      .get(answerId) as { notes_version: string; command: string };
    expect(stored).toEqual({ notes_version: h.tutor.indexInfo.hash, command: "ask" });

    // Back to 👍 clears the reason.
    await h.tutor.runAction(ctx("U2"), up);
    expect(await h.tutor.state.feedback.voteOf(key)).toEqual({ vote: "up", reason: null });
  });

  it("answers 'expired' for an unknown answer and ignores another workspace's vote buttons", async () => {
    const unknown = await h.tutor.runAction(ctx("U4"), "fb:AAAAAAAAAAAA:up");
    expect(notesOf(unknown.reply!)[0]).toMatch(/expired|no longer/i);
    const { ids } = await voteIds("U4", ["ask"], { question: "how do I copy a file out of a container" });
    const other = await h.tutor.runAction({ ...ctx("U4"), workspaceId: "T2" }, ids[0] ?? "");
    expect(notesOf(other.reply!)[0]).toMatch(/expired|no longer/i);
    const malformed = await h.tutor.runAction(ctx("U4"), "fb:x:sideways");
    expect(notesOf(malformed.reply!)[0]).toMatch(/expired|no longer/i);
  });
});
