import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invocation } from "../../../src/core/commands/types.js";
import { gapTerms, groupGaps } from "../../../src/core/gaps/group.js";
import { gapsReport } from "../../../src/core/gaps/report.js";
import type { GapRow } from "../../../src/core/storage/stores.js";
import { allText, notesOf, openTestTutor, type TestTutor } from "../../helpers/tutor.js";

const ctx = (userId: string, isAdmin = false): Invocation => ({
  platform: "discord",
  workspaceId: "G1",
  channelId: "C1",
  userId,
  locale: "en",
  isAdmin,
});

const gap = (id: number, question: string, userId = "U1", requests = 0): GapRow => ({
  id,
  platform: "slack",
  workspaceId: "T1",
  channelId: "C1",
  userId,
  command: "ask",
  question,
  terms: gapTerms(question),
  notesVersion: "v1",
  askedAt: `2026-11-0${id}T10:00:00.000Z`,
  requests,
});

describe("grouping not-covered questions", () => {
  it("puts differently worded questions on the same subject together and keeps other subjects apart", () => {
    const groups = groupGaps([
      gap(1, "how do I roll back a helm release?"),
      gap(2, "helm release rollback", "U2"),
      gap(3, "rolling back helm releases", "U3", 1),
      gap(4, "what is a persistent volume claim"),
      gap(5, "delete a persistent volume claim"),
      gap(6, "delete a network policy"),
    ]);
    expect(groups[0]).toMatchObject({
      count: 3,
      askers: 3,
      requests: 1,
      lastAsked: "2026-11-03T10:00:00.000Z",
    });
    expect(groups[0]?.wordings).toHaveLength(3);
    // The same subject asked two ways is one group; sharing only the verb "delete" is not.
    expect(groups.map((g) => [g.count, g.question])).toEqual([
      [3, expect.stringMatching(/helm/)],
      [2, expect.stringMatching(/persistent volume claim/)],
      [1, "delete a network policy"],
    ]);
  });
});

describe("the gaps report", () => {
  let h: TestTutor;
  beforeAll(() => {
    h = openTestTutor({ name: "gaps" });
  });
  afterAll(() => h.close());

  it("records a not-covered question, offers Request a note, and lists the request in /tutor gaps", async () => {
    const first = await h.tutor.runForChat(ctx("U1"), ["ask"], {
      question: "how do I configure terraform state locking",
    });
    expect(first.notFound).toBe(true);
    const request = first.choices.find((c) => c.id.startsWith("gap:"));
    expect(request?.label).toBe("📝 Request a note");
    expect(first.choices.some((c) => c.id.startsWith("fb:"))).toBe(false);
    await h.tutor.runForChat(ctx("U2"), ["ask"], { question: "terraform state locking?" });

    const pressed = await h.tutor.runAction(ctx("U3"), request?.id ?? "");
    expect(notesOf(pressed.reply!)[0]).toMatch(/on the list/);
    const twice = await h.tutor.runAction(ctx("U3"), request?.id ?? "");
    expect(notesOf(twice.reply!)[0]).toMatch(/already/);
    // Another workspace cannot request on this one's question.
    const elsewhere = await h.tutor.runAction({ ...ctx("U3"), workspaceId: "G2" }, request?.id ?? "");
    expect(notesOf(elsewhere.reply!)[0]).toMatch(/no longer works/);

    const report = await gapsReport(h.tutor, { platform: "discord", workspaceId: "G1" });
    expect(report.uncovered[0]).toMatchObject({
      question: expect.stringMatching(/terraform state locking/),
      count: 2,
      askers: 2,
      requests: 1,
    });
    expect(report.findings).toEqual(h.tutor.index.findings());

    const denied = await h.tutor.runText(ctx("U1"), "/tutor gaps");
    expect(notesOf(denied)[0]).toMatch(/Only admins/);
    const shown = await h.tutor.runText(ctx("U9", true), "/tutor gaps");
    const text = allText(shown);
    expect(shown.title).toBe("What to write next in the notes");
    expect(text).toMatch(/terraform state locking/);
    expect(text).toMatch(/asked 2× · 1 request\(s\)/);
    expect(text).toMatch(/Problems in the notes \(\d+\)/);
    // Another workspace's report does not hold this one's questions.
    expect((await gapsReport(h.tutor, { platform: "discord", workspaceId: "G2" })).uncovered).toEqual([]);
  });
});
