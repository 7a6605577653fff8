import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import type { Invocation } from "../../../src/core/commands/types.js";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import { curriculumFromFile, CurriculumError, progressBar } from "../../../src/core/onboarding/index.js";
import type { ChannelPoster } from "../../../src/core/ports.js";
import type { Reply } from "../../../src/core/reply.js";
import { Tutor } from "../../../src/core/tutor.js";

const logger = pino({ level: "silent" });
const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "onb-"));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const member = (userId: string): Invocation => ({
  platform: "slack",
  workspaceId: "T1",
  channelId: "CWELCOME",
  userId,
  userName: userId.toLowerCase(),
  locale: "en",
  isAdmin: false,
});
const lead: Invocation = { ...member("ULEAD"), isAdmin: true };

/** Presses the right answer of the checkpoint on screen, or Next on a reading lesson. */
async function advance(tutor: Tutor, who: Invocation, r: Reply): Promise<Reply> {
  const quiz = r.choices.find((c) => c.id.startsWith("quiz:"));
  if (quiz) {
    const post = Number(quiz.id.split(":")[1]);
    const q = (await tutor.quiz.store.question((await tutor.quiz.store.post(post))!.questionId))!;
    return (await tutor.runAction(who, `quiz:${post}:${q.answer}`)).reply!;
  }
  const next = r.choices.find((c) => c.id.startsWith("onb:"));
  if (!next) throw new Error(`no button to press on: ${r.fallback}`);
  return (await tutor.runAction(who, next.id)).reply!;
}

describe("onboarding", () => {
  it("derives the curriculum from the notes' headings, skipping the table of contents", () => {
    const tutor = Tutor.open({ dbFile: path.join(tmp(), "t.sqlite"), notesDir: BUNDLED_NOTES_DIR, logger });
    const c = tutor.onboarding.curriculum();
    expect(c.origin).toBe("headings");
    expect(c.lessons[0]?.title).toBe("Docker とは");
    expect(c.lessons.map((l) => l.unit)).toEqual(
      expect.arrayContaining(["Docker", "Kubernetes", "Service について"]),
    );
    expect(
      c.lessons
        .find((l) => l.title === "起動しているコンテナに対して実行できるコマンド")
        ?.sections.map((s) => s.title),
    ).toEqual(["exec", "cp"]);
    expect(c.lessons.every((l) => l.minutes >= 1)).toBe(true);
    expect(c.lessons.some((l) => /TOC|docker-kubernetes/.test(l.title))).toBe(false);
    tutor.close();
  });

  it("takes a new member from the welcome on joining to the finished course, and the report shows it", async () => {
    const tutor = Tutor.open({ dbFile: path.join(tmp(), "t.sqlite"), notesDir: BUNDLED_NOTES_DIR, logger });
    const set = await tutor.runCommand(lead, ["tutor", "onboarding", "channel"], {});
    expect(set.blocks[0]).toMatchObject({
      tone: "success",
      text: "Channel `CWELCOME` is now an onboarding channel: people who join get the course.",
    });
    const newcomer = member("UNEW");
    const welcome = await tutor.memberJoined(newcomer);
    expect(welcome?.ephemeral).toBe(true);
    expect(welcome?.blocks[0]).toMatchObject({
      text: expect.stringMatching(
        /^Welcome, unew! This channel has a short course through the team's notes: 25 lessons/,
      ),
    });
    expect(welcome?.choices).toEqual([{ id: "onb:start", label: "Start the course", style: "primary" }]);
    expect(await tutor.memberJoined({ ...newcomer, channelId: "COTHER" })).toBeNull();

    const total = tutor.onboarding.curriculum().lessons.length;
    let r = (await tutor.runAction(newcomer, "onb:start")).reply!;
    expect(r.title).toBe("Lesson 1/25: Docker とは");
    const titles = [r.title];
    const passed: string[] = [];
    for (
      let steps = 0;
      steps < 200 && !r.blocks.some((b) => b.type === "note" && b.text.startsWith("🎓"));
      steps++
    ) {
      r = await advance(tutor, newcomer, r);
      if (r.title?.startsWith("Lesson")) titles.push(r.title);
      for (const b of r.blocks)
        if (b.type === "note" && b.text.startsWith("Lesson complete")) passed.push(b.text);
    }
    expect(titles).toHaveLength(total);
    expect(titles[total - 1]).toBe(`Lesson ${total}/${total}: ExternalName Service`);
    expect(passed).toContain("Lesson complete: Pod.");
    expect(r.blocks).toContainEqual({
      type: "note",
      tone: "success",
      text: `🎓 You finished the course: ${total} lessons. Well done!`,
    });
    expect(r.blocks).toContainEqual({ type: "text", text: `▓▓▓▓▓▓▓▓▓▓ ${total}/${total} lessons` });

    const report = await tutor.runCommand(lead, ["tutor", "onboarding", "report"], {});
    expect(report.blocks[0]).toMatchObject({
      text: expect.stringMatching(/^unew — ▓▓▓▓▓▓▓▓▓▓ 25\/25 lessons · last active .* · 🎓$/),
    });
    const denied = await tutor.runCommand(newcomer, ["tutor", "onboarding", "report"], {});
    expect(denied.blocks[0]).toMatchObject({ tone: "error" });
    tutor.close();
  });

  it("explains a missed checkpoint and lets the person retry", async () => {
    const tutor = Tutor.open({ dbFile: path.join(tmp(), "t.sqlite"), notesDir: BUNDLED_NOTES_DIR, logger });
    const who = member("URETRY");
    let r = await tutor.runCommand(who, ["onboard", "start"], {});
    while (!r.choices.some((c) => c.id.startsWith("quiz:"))) r = await advance(tutor, who, r);
    const quiz = r.choices.find((c) => c.id.startsWith("quiz:"))!;
    const post = Number(quiz.id.split(":")[1]);
    const q = (await tutor.quiz.store.question((await tutor.quiz.store.post(post))!.questionId))!;
    const missed = (await tutor.runAction(who, `quiz:${post}:${(q.answer + 1) % q.choices.length}`)).reply!;
    expect(missed.blocks[0]).toMatchObject({ tone: "error" });
    expect(missed.blocks).toContainEqual({
      type: "text",
      text: "Not yet: read the explanation, then retry.",
    });
    expect(missed.choices[0]?.label).toBe("Retry");
    const retry = (await tutor.runAction(who, missed.choices[0]!.id)).reply!;
    expect(retry.choices.some((c) => c.id.startsWith("quiz:"))).toBe(true);
    const status = await tutor.runCommand(who, ["onboard", "status"], {});
    expect(status.blocks[0]).toMatchObject({ text: expect.stringContaining("Next: ") });
    // Someone else pressing this learner's checkpoint gets nothing and changes nothing.
    const other = await tutor.runAction(member("UOTHER"), `quiz:${post}:${q.answer}`);
    expect(other.reply?.blocks[0]).toMatchObject({ text: expect.stringContaining("someone else's lesson") });
    expect(await tutor.quiz.store.existingAnswer(post, "UOTHER")).toBeNull();
    const reset = await tutor.runCommand(who, ["onboard", "reset"], {});
    expect(reset.blocks[0]).toMatchObject({ text: "Your course progress was reset." });
    tutor.close();
  });

  it("keeps progress through a reindex, and retires a lesson whose section was removed", async () => {
    const notes = tmp();
    const text = fs.readFileSync(path.join(BUNDLED_NOTES_DIR, "docker-kubernetes.md"), "utf8");
    fs.writeFileSync(path.join(notes, "n.md"), text);
    const dbFile = path.join(tmp(), "t.sqlite");
    let tutor = Tutor.open({ dbFile, notesDir: notes, logger });
    const who = member("UKEEP");
    await tutor.runCommand(who, ["onboard", "start"], {});
    await tutor.runAction(who, `onb:done:${tutor.onboarding.curriculum().lessons[0]!.id}`);
    tutor.close();
    fs.writeFileSync(
      path.join(notes, "n.md"),
      text.replace(/## Docker Swarm[\s\S]*?(?=## Dockerfile について)/, ""),
    );
    tutor = Tutor.open({ dbFile, notesDir: notes, logger });
    expect(tutor.indexInfo.rebuilt).toBe(true);
    expect(tutor.onboarding.curriculum().lessons.some((l) => l.title === "Docker Swarm")).toBe(false);
    const status = await tutor.runCommand(who, ["onboard", "status"], {});
    expect(status.blocks[0]).toMatchObject({ text: expect.stringContaining("1/24 lessons") });
    // The lessons are recorded (and the removed one retired) by the first onboarding use after the change.
    const retired = tutor.db
      .prepare("SELECT title FROM onboarding_lessons WHERE retired_at IS NOT NULL")
      .all();
    expect(retired).toEqual([{ title: "Docker Swarm" }]);
    tutor.close();
  });

  it("reads curriculum.yaml beside the notes, and reports its mistakes with line numbers", () => {
    const notes = tmp();
    fs.copyFileSync(path.join(BUNDLED_NOTES_DIR, "docker-kubernetes.md"), path.join(notes, "n.md"));
    fs.writeFileSync(
      path.join(notes, "curriculum.yaml"),
      "units:\n  - title: Basics\n    lessons:\n      - Docker とは\n      - section: Docker › ポートフォワーディング\n        title: Ports\n        optional: true\n",
    );
    const tutor = Tutor.open({ dbFile: path.join(tmp(), "t.sqlite"), notesDir: notes, logger });
    const c = tutor.onboarding.curriculum();
    expect(c.origin).toBe("curriculum.yaml");
    expect(c.lessons.map((l) => [l.unit, l.title, l.optional])).toEqual([
      ["Basics", "Docker とは", false],
      ["Basics", "Ports", true],
    ]);
    const bad = path.join(notes, "bad.yaml");
    fs.writeFileSync(bad, "units:\n  - title: Basics\n    lessons:\n      - section: Nowhere\n");
    expect(() => curriculumFromFile(tutor.index, bad)).toThrow(
      new CurriculumError('bad.yaml:4: no heading "Nowhere" in the notes'),
    );
    fs.writeFileSync(bad, "units:\n  - title: Basics\n    lessons: []\n");
    expect(() => curriculumFromFile(tutor.index, bad)).toThrow(
      /^bad\.yaml:3: units\.0\.lessons needs at least one lesson$/,
    );
    tutor.close();
  });

  it("nudges an idle member once, never twice a week, never at night", async () => {
    let now = new Date("2026-06-01T01:00:00Z"); // 10:00 in Tokyo
    const tutor = Tutor.open({
      dbFile: path.join(tmp(), "t.sqlite"),
      notesDir: BUNDLED_NOTES_DIR,
      logger,
      now: () => now,
    });
    const sent: string[] = [];
    const poster: ChannelPoster = {
      platform: "slack",
      post: async () => "m",
      update: async () => {},
      postEphemeral: async (_w, _c, user, r) => {
        sent.push(`${user}: ${r.blocks[0]?.type === "text" ? r.blocks[0].text : ""}`);
        return true;
      },
    };
    await tutor.runCommand(lead, ["tutor", "onboarding", "channel"], {
      nudge_days: 2,
      timezone: "Asia/Tokyo",
    });
    await tutor.runCommand(member("UIDLE"), ["onboard", "start"], {});
    tutor.onboarding.startNudges([poster]);
    expect(await tutor.onboarding.sendNudges()).toBe(0); // not idle yet
    now = new Date("2026-06-03T14:00:00Z"); // idle 2.5 days, but 23:00 in Tokyo
    expect(await tutor.onboarding.sendNudges()).toBe(0);
    now = new Date("2026-06-04T00:30:00Z"); // 09:30 in Tokyo
    expect(await tutor.onboarding.sendNudges()).toBe(1);
    expect(sent).toEqual([
      "UIDLE: Hi uidle, your next lesson is waiting: 1. Docker とは. /onboard next to continue.",
    ]);
    now = new Date("2026-06-06T01:00:00Z");
    expect(await tutor.onboarding.sendNudges()).toBe(0); // one already this week, and no activity since
    tutor.close();
  });

  it("draws a progress bar", () => {
    expect(progressBar(4, 8)).toBe("▓▓▓▓░░░░");
    expect(progressBar(0, 25)).toBe("░░░░░░░░░░");
    expect(progressBar(25, 25)).toBe("▓▓▓▓▓▓▓▓▓▓");
  });
});
