/**
 * The behaviour every implementation of the state stores must have, run by sqlite.test.ts always and by
 * postgres.test.ts against a real PostgreSQL. Each test starts from empty stores. The exactly-once rules
 * (daily claim, one answer per person and post, one reminder) are tried with calls in flight together,
 * which on PostgreSQL run on separate connections as two replicas would.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import { MAX_TURNS, TURN_TTL_MS } from "../../../src/core/conversation/memory.js";
import type { ChannelPoster } from "../../../src/core/ports.js";
import type { Question } from "../../../src/core/quiz/questions.js";
import {
  type Activity,
  type ConversationLimits,
  type ConversationStore,
  type NewAnswer,
  type Person,
  type Place,
  type Post,
  SHARE_RETENTION_DAYS,
  type StateStores,
} from "../../../src/core/storage/stores.js";
import { Tutor } from "../../../src/core/tutor.js";
import { silentLogger } from "../../helpers/tutor.js";

export interface StoresUnderTest {
  /** Empty stores for one test. */
  fresh(): Promise<StateStores>;
  /** A conversation store with other bounds, on the database of the last `fresh()`. */
  conversations(limits: ConversationLimits): ConversationStore;
  /** After all tests of the file. */
  close(): Promise<void>;
}

const T0 = new Date("2026-03-02T09:00:00.000Z");
const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

const place: Place = { platform: "discord", workspaceId: "G1", channelId: "C1" };
const otherChannel: Place = { ...place, channelId: "C2" };
const alice: Person = { platform: "discord", workspaceId: "G1", userId: "U-alice" };
const bob: Person = { ...alice, userId: "U-bob" };

function question(n: number): Question {
  return {
    id: `q${n}`,
    kind: "term-for-definition",
    topic: "Docker",
    subject: { en: `subject ${n}`, ja: `題 ${n}` },
    choices: ["a", "b", "c", "d"],
    answer: n % 4,
    explanation: `explanation ${n}`,
    source: { path: ["Docker", `Part ${n}`], source: `docker.md#part-${n}` },
  };
}

function answer(post: Post, user: Person, choice: number, minutes: number, name?: string): NewAnswer {
  const q = Number(post.questionId.slice(1));
  return {
    post,
    user: { id: user.userId, name },
    choice,
    correct: choice === q % 4,
    answerDate: post.postDate ?? at(minutes).toISOString().slice(0, 10),
    now: at(minutes),
  };
}

export function describeStores(name: string, open: () => Promise<StoresUnderTest>): void {
  describe(`state stores: ${name}`, () => {
    let target: StoresUnderTest;
    let s: StateStores;
    beforeAll(async () => {
      target = await open();
    });
    afterAll(async () => {
      await target?.close();
    });
    beforeEach(async () => {
      s = await target.fresh();
    });

    const adhoc = async (n: number, where: Place = place, minutes = 0) => {
      const post = await s.quiz.createPost(where, question(n), "adhoc", at(minutes), alice.userId);
      if (!post) throw new Error("no post");
      return post;
    };

    describe("quiz", () => {
      it("keeps a question as asked and a post of it", async () => {
        const post = await adhoc(1);
        expect(post).toMatchObject({
          ...place,
          kind: "adhoc",
          questionId: "q1",
          postDate: null,
          messageId: null,
          createdBy: alice.userId,
          createdAt: T0.toISOString(),
          revealedAt: null,
        });
        expect(await s.quiz.question("q1")).toEqual(question(1));
        expect(await s.quiz.question("q404")).toBeUndefined();
        expect(await s.quiz.post(post.id)).toEqual(post);
        expect(await s.quiz.post(post.id + 1000)).toBeNull();
        await s.quiz.setMessageId(post.id, "M1");
        expect((await s.quiz.post(post.id))?.messageId).toBe("M1");
        // The same question asked again is a second post of one stored question.
        const again = await adhoc(1);
        expect(again.id).not.toBe(post.id);
      });

      it("gives a channel's daily post of a date to one caller only, even when many try at once", async () => {
        const tries = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            s.quiz.createPost(place, question(i), "daily", at(i), null, "2026-03-02"),
          ),
        );
        const won = tries.filter((p) => p !== null);
        expect(won).toHaveLength(1);
        expect(await s.quiz.dailyPost(place, "2026-03-02")).toEqual(won[0]);
        expect(await s.quiz.createPost(place, question(9), "daily", at(9), null, "2026-03-02")).toBeNull();
        // Another date, another channel: their own claims.
        expect(
          await s.quiz.createPost(place, question(9), "daily", at(9), null, "2026-03-03"),
        ).not.toBeNull();
        expect(
          await s.quiz.createPost(otherChannel, question(9), "daily", at(9), null, "2026-03-02"),
        ).not.toBeNull();
        expect(await s.quiz.dailyPost(place, "2026-03-04")).toBeNull();
      });

      it("gives a claim back only while nothing was sent or answered", async () => {
        const unsent = await s.quiz.createPost(place, question(1), "daily", T0, null, "2026-03-02");
        if (!unsent) throw new Error("no claim");
        await s.quiz.releaseClaim(unsent.id);
        expect(await s.quiz.post(unsent.id)).toBeNull();
        const retried = await s.quiz.createPost(place, question(1), "daily", T0, null, "2026-03-02");
        expect(retried).not.toBeNull();

        const sent = await s.quiz.createPost(place, question(2), "daily", T0, null, "2026-03-03");
        const answered = await s.quiz.createPost(place, question(3), "daily", T0, null, "2026-03-04");
        if (!sent || !answered) throw new Error("no claim");
        await s.quiz.setMessageId(sent.id, "M2");
        expect(await s.quiz.recordAnswer(answer(answered, bob, 0, 1))).toBe(true);
        await s.quiz.releaseClaim(sent.id);
        await s.quiz.releaseClaim(answered.id);
        expect(await s.quiz.post(sent.id)).not.toBeNull();
        expect(await s.quiz.post(answered.id)).not.toBeNull();
      });

      it("finds the daily posts before a date: the last one sent and unrevealed, the last one revealed", async () => {
        const days = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"];
        const posts: Post[] = [];
        for (const [i, d] of days.entries()) {
          const p = await s.quiz.createPost(place, question(i), "daily", at(i * 1440), null, d);
          if (!p) throw new Error("no claim");
          posts.push(p);
        }
        const [p1, p2, p3] = posts as [Post, Post, Post, Post];
        await s.quiz.setMessageId(p1.id, "M1");
        await s.quiz.setMessageId(p2.id, "M2");
        // p3 was never sent: it cannot be revealed.
        expect((await s.quiz.unrevealedDailyBefore(place, "2026-03-04"))?.id).toBe(p2.id);
        expect(await s.quiz.revealedDailyBefore(place, "2026-03-04")).toBeNull();
        await s.quiz.markRevealed(p1.id, at(10));
        await s.quiz.markRevealed(p1.id, at(20));
        expect((await s.quiz.post(p1.id))?.revealedAt).toBe(at(10).toISOString());
        expect((await s.quiz.revealedDailyBefore(place, "2026-03-04"))?.id).toBe(p1.id);
        expect((await s.quiz.revealedDailyBefore(place, "2026-03-01"))?.id).toBeUndefined();
        await s.quiz.markRevealed(p2.id, at(30));
        expect((await s.quiz.revealedDailyBefore(place, "2026-03-04"))?.id).toBe(p2.id);
        expect(await s.quiz.unrevealedDailyBefore(place, "2026-03-04")).toBeNull();
        expect((await s.quiz.dailyPosts(place)).map((p) => p.postDate)).toEqual(days);
        expect(await s.quiz.dailyPosts(otherChannel)).toEqual([]);
        expect(p3.messageId).toBeNull();
      });

      it("counts one answer per person per post, however many clicks arrive at once", async () => {
        const post = await adhoc(1);
        const clicks = await Promise.all(
          [1, 2, 1, 3].map((choice, i) => s.quiz.recordAnswer(answer(post, alice, choice, i))),
        );
        expect(clicks.filter(Boolean)).toHaveLength(1);
        const kept = await s.quiz.existingAnswer(post.id, alice.userId);
        expect(kept).not.toBeNull();
        expect(kept?.correct).toBe(kept?.choice === 1);
        expect(await s.quiz.existingAnswer(post.id, bob.userId)).toBeNull();
        expect(await s.quiz.recordAnswer(answer(post, bob, 1, 5))).toBe(true);
        expect(await s.quiz.answerCount(post.id)).toEqual({ total: 2, correct: 1 + (kept?.correct ? 1 : 0) });
        expect(await s.quiz.answerCount(post.id + 1000)).toEqual({ total: 0, correct: 0 });
        expect(await s.quiz.seenQuestions(alice)).toEqual(new Set(["q1"]));
        expect(await s.quiz.seenQuestions({ ...alice, workspaceId: "G2" })).toEqual(new Set());
      });

      it("writes the answer's card in the same transaction, from the card it had", async () => {
        const first = await adhoc(1);
        const second = await adhoc(1, place, 10);
        const seen: (string | undefined)[] = [];
        const review = (n: number) => (previous: { json: string } | undefined) => {
          seen.push(previous?.json);
          return { json: `{"reviews":${n}}`, dueAt: at(100 * n).toISOString() };
        };
        expect(await s.quiz.recordAnswer(answer(first, alice, 1, 1), review(1))).toBe(true);
        expect(await s.quiz.recordAnswer(answer(second, alice, 1, 11), review(2))).toBe(true);
        // A repeated click writes nothing and does not ask for a card.
        expect(await s.quiz.recordAnswer(answer(second, alice, 2, 12), review(3))).toBe(false);
        expect(seen).toEqual([undefined, '{"reviews":1}']);
        expect(await s.reviews.card(alice, "q1")).toEqual({
          json: '{"reviews":2}',
          dueAt: at(200).toISOString(),
        });

        // A card that cannot be computed leaves no answer behind either.
        const third = await adhoc(2);
        const broken = () => {
          throw new Error("no card");
        };
        await expect(s.quiz.recordAnswer(answer(third, alice, 2, 20), broken)).rejects.toThrow("no card");
        expect(await s.quiz.existingAnswer(third.id, alice.userId)).toBeNull();
        expect(await s.quiz.answerCount(third.id)).toEqual({ total: 0, correct: 0 });
      });
    });

    describe("reviews", () => {
      it("lists a person's due questions, most overdue first, the next due time and the count", async () => {
        expect(await s.reviews.due(alice, T0)).toEqual([]);
        expect(await s.reviews.nextDue(alice)).toBeNull();
        expect(await s.reviews.count(alice)).toBe(0);
        for (const [n, dueIn] of [
          [1, 30],
          [2, -60],
          [3, -10],
        ] as const) {
          const post = await adhoc(n);
          await s.quiz.recordAnswer(answer(post, alice, 0, 0), () => ({
            json: "{}",
            dueAt: at(dueIn).toISOString(),
          }));
        }
        expect(await s.reviews.due(alice, T0)).toEqual(["q2", "q3"]);
        expect(await s.reviews.due(alice, at(30))).toEqual(["q2", "q3", "q1"]);
        expect(await s.reviews.nextDue(alice)).toEqual(at(-60));
        expect(await s.reviews.count(alice)).toBe(3);
        expect(await s.reviews.count(bob)).toBe(0);
        expect(await s.reviews.card(bob, "q1")).toBeUndefined();
      });
    });

    describe("scores", () => {
      it("ranks a channel by points, then who reached them first, then user id, with the latest name", async () => {
        const carol: Person = { ...alice, userId: "U-carol" };
        const dave: Person = { ...alice, userId: "U-dave" };
        // q1's answer is choice 1.
        const p1 = await adhoc(1);
        const p2 = await adhoc(1, place, 1);
        await s.quiz.recordAnswer(answer(p1, alice, 1, 5, "Alice"));
        await s.quiz.recordAnswer(answer(p1, bob, 1, 3, "Bob"));
        await s.quiz.recordAnswer(answer(p1, carol, 0, 4));
        await s.quiz.recordAnswer(answer(p1, dave, 0, 4, "Dave"));
        await s.quiz.recordAnswer(answer(p2, alice, 1, 6, "Alice A."));
        await s.quiz.recordAnswer(answer(p2, carol, 0, 7));
        // An answer elsewhere does not count here.
        const elsewhere = await adhoc(1, otherChannel, 2);
        await s.quiz.recordAnswer(answer(elsewhere, bob, 1, 8, "Bob"));

        const board = await s.scores.leaderboard(place, null, 10);
        expect(board).toEqual([
          { userId: "U-alice", name: "Alice A.", points: 2, answered: 2 },
          { userId: "U-bob", name: "Bob", points: 1, answered: 1 },
          { userId: "U-carol", name: "U-carol", points: 0, answered: 2 },
          { userId: "U-dave", name: "Dave", points: 0, answered: 1 },
        ]);
        expect(await s.scores.leaderboard(place, null, 2)).toEqual(board.slice(0, 2));
        // Since minute 5: only the answers given from then on.
        expect((await s.scores.leaderboard(place, at(5), 10)).map((r) => [r.userId, r.points])).toEqual([
          ["U-alice", 2],
          ["U-carol", 0],
        ]);
      });

      it("breaks ties by who reached the score first, then by user id", async () => {
        const tied: Place = { ...place, channelId: "C3" };
        const p = await adhoc(1, tied);
        for (const [who, choice, minute] of [
          ["U-zed", 1, 5],
          ["U-bob", 1, 3],
          ["U-alice", 1, 5],
          ["U-yan", 0, 1],
          ["U-xia", 0, 2],
        ] as const) {
          await s.quiz.recordAnswer(answer(p, { ...alice, userId: who }, choice, minute));
        }
        expect((await s.scores.leaderboard(tied, null, 10)).map((r) => r.userId)).toEqual([
          "U-bob",
          "U-alice",
          "U-zed",
          "U-xia",
          "U-yan",
        ]);
      });

      it("totals a person's answers and lists the dates of their daily answers", async () => {
        const daily1 = await s.quiz.createPost(place, question(1), "daily", T0, null, "2026-03-01");
        const daily2 = await s.quiz.createPost(otherChannel, question(1), "daily", T0, null, "2026-03-03");
        if (!daily1 || !daily2) throw new Error("no claim");
        const quiz = await adhoc(2);
        await s.quiz.recordAnswer(answer(daily1, alice, 1, 1, "Alice"));
        await s.quiz.recordAnswer(answer(daily2, alice, 0, 2));
        await s.quiz.recordAnswer(answer(quiz, alice, 2, 3));
        expect(await s.scores.totals(alice)).toEqual({ answered: 3, correct: 2 });
        expect(await s.scores.totals(alice, "C2")).toEqual({ answered: 1, correct: 0 });
        expect(await s.scores.totals(bob)).toEqual({ answered: 0, correct: 0 });
        expect(await s.scores.dailyAnswerDates(alice)).toEqual(["2026-03-01", "2026-03-03"]);
        expect(await s.scores.dailyAnswerDates(alice, "C1")).toEqual(["2026-03-01"]);
        expect(await s.scores.latestName(alice)).toBe("Alice");
        expect(await s.scores.latestName(bob)).toBeUndefined();
      });
    });

    describe("schedules", () => {
      it("keeps one schedule per channel, turned off and on again, listed by platform", async () => {
        const slack: Place = { platform: "slack", workspaceId: "T1", channelId: "C9" };
        await s.schedules.set({ ...place, time: "09:00", timezone: "Asia/Tokyo", topic: null }, "admin", T0);
        await s.schedules.set(
          { ...otherChannel, time: "18:30", timezone: "Europe/Paris", topic: "Docker", kind: "command" },
          "admin",
          T0,
        );
        await s.schedules.set({ ...slack, time: "07:00", timezone: "UTC", topic: null }, "admin", T0);
        expect(await s.schedules.get(place)).toEqual({
          ...place,
          time: "09:00",
          timezone: "Asia/Tokyo",
          topic: null,
          enabled: true,
          kind: "quiz",
        });
        expect((await s.schedules.get(otherChannel))?.kind).toBe("command");
        expect(await s.schedules.get({ ...place, channelId: "none" })).toBeNull();
        expect(await s.schedules.off(place, "admin", at(1))).toBe(true);
        expect(await s.schedules.off(place, "admin", at(2))).toBe(false);
        expect((await s.schedules.get(place))?.enabled).toBe(false);
        expect((await s.schedules.enabled()).map((x) => x.channelId)).toEqual(["C2", "C9"]);
        expect((await s.schedules.enabled(["discord"])).map((x) => x.channelId)).toEqual(["C2"]);
        // Set again: replaced and enabled.
        await s.schedules.set({ ...place, time: "10:15", timezone: "UTC", topic: "k8s" }, "admin", at(3));
        expect(await s.schedules.get(place)).toMatchObject({ time: "10:15", topic: "k8s", enabled: true });
        expect(await s.schedules.timezones("discord", "G1")).toEqual(["Europe/Paris", "UTC"]);
        expect(await s.schedules.timezones("slack", "T9")).toEqual([]);
      });
    });

    describe("daily commands", () => {
      it("gives a channel's command of a date to one claim, gives unsent claims back, lists the newest first", async () => {
        const claims = await Promise.all(
          ["docker ps", "docker cp", "kubectl get", "docker run"].map((c) =>
            s.dailyCommands.claim(place, "2026-03-02", c, T0),
          ),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await s.dailyCommands.posted(place, "2026-03-02")).toBe(true);
        expect(await s.dailyCommands.posted(otherChannel, "2026-03-02")).toBe(false);
        // Unsent: given back, and claimable again.
        await s.dailyCommands.release(place, "2026-03-02");
        expect(await s.dailyCommands.posted(place, "2026-03-02")).toBe(false);
        expect(await s.dailyCommands.claim(place, "2026-03-02", "docker cp", T0)).toBe(true);
        // Sent: kept.
        await s.dailyCommands.setMessageId(place, "2026-03-02", "M1");
        await s.dailyCommands.release(place, "2026-03-02");
        expect(await s.dailyCommands.posted(place, "2026-03-02")).toBe(true);
        await s.dailyCommands.claim(place, "2026-03-01", "docker ps", T0);
        await s.dailyCommands.claim(place, "2026-03-03", "kubectl get", T0);
        expect(await s.dailyCommands.history(place, 2)).toEqual([
          { command: "kubectl get", date: "2026-03-03" },
          { command: "docker cp", date: "2026-03-02" },
        ]);
        expect(await s.dailyCommands.history(otherChannel, 10)).toEqual([]);
      });
    });

    describe("onboarding", () => {
      const lesson = (id: string) => ({ id, title: `Lesson ${id}`, path: ["Notes", id], source: `${id}.md` });
      const aliceHere: Activity = { ...alice, channelId: "C1", userName: "Alice" };

      it("retires the lessons that left the curriculum and brings them back when they return", async () => {
        await s.onboarding.syncLessons([lesson("a"), lesson("b"), lesson("c")], T0);
        await s.onboarding.syncLessons([lesson("a"), lesson("c")], at(1));
        expect(await s.onboarding.retiredLessons()).toEqual(new Set(["b"]));
        await s.onboarding.syncLessons([lesson("b")], at(2));
        expect(await s.onboarding.retiredLessons()).toEqual(new Set(["a", "c"]));
      });

      it("keeps a member's progress: first mark per lesson, activity, finish once, reset", async () => {
        expect(await s.onboarding.member(alice)).toBeUndefined();
        await s.onboarding.touch(aliceHere, T0);
        await s.onboarding.complete(aliceHere, "a", "done", at(5));
        await s.onboarding.complete({ ...aliceHere, userName: undefined }, "a", "skipped", at(6));
        await s.onboarding.complete(aliceHere, "b", "skipped", at(7));
        expect(await s.onboarding.completed(alice)).toEqual(new Set(["a", "b"]));
        expect(await s.onboarding.completed(bob)).toEqual(new Set());
        expect(await s.onboarding.member(alice)).toEqual({
          userId: alice.userId,
          userName: "Alice",
          channelId: "C1",
          startedAt: T0.toISOString(),
          lastActivityAt: at(7).toISOString(),
          finishedAt: null,
          nudgedAt: null,
        });
        await s.onboarding.finish(alice, at(8));
        await s.onboarding.finish(alice, at(9));
        expect((await s.onboarding.member(alice))?.finishedAt).toBe(at(8).toISOString());
        await s.onboarding.reset(alice);
        expect(await s.onboarding.completed(alice)).toEqual(new Set());
        expect(await s.onboarding.member(alice)).toMatchObject({
          finishedAt: null,
          startedAt: T0.toISOString(),
        });
      });

      it("posts checkpoints with their lesson step and counts a learner's attempts", async () => {
        const c1 = await s.onboarding.createCheckpoint(place, question(1), T0, alice.userId, "a", 1);
        const c2 = await s.onboarding.createCheckpoint(place, question(2), at(1), alice.userId, "a", 2);
        await s.onboarding.createCheckpoint(place, question(3), at(2), bob.userId, "a", 1);
        expect(c1).toMatchObject({ kind: "checkpoint", createdBy: alice.userId, questionId: "q1" });
        expect(await s.quiz.post(c2.id)).toEqual(c2);
        expect(await s.onboarding.checkpoint(c2.id)).toEqual({ lessonId: "a", step: 2 });
        expect(await s.onboarding.checkpoint(c2.id + 1000)).toBeUndefined();
        expect(await s.onboarding.checkpointQuestions("a", alice.userId, 2)).toEqual(new Set(["q1"]));
        expect(await s.onboarding.checkpointQuestions("a", alice.userId, 0)).toEqual(new Set(["q1", "q2"]));
        expect(await s.onboarding.checkpointAttempts("a", alice.userId)).toBe(2);
        expect(await s.onboarding.checkpointAttempts("b", alice.userId)).toBe(0);
      });

      it("keeps onboarding channels, lists members and sends a reminder once whoever claims it", async () => {
        await s.onboarding.setChannel({ ...place, nudgeDays: 3, timezone: "Asia/Tokyo" }, "admin", T0);
        await s.onboarding.setChannel({ ...otherChannel, nudgeDays: null, timezone: "UTC" }, "admin", T0);
        expect(await s.onboarding.channel(place)).toEqual({ ...place, nudgeDays: 3, timezone: "Asia/Tokyo" });
        expect(await s.onboarding.nudgeChannels()).toEqual([
          { ...place, nudgeDays: 3, timezone: "Asia/Tokyo" },
        ]);
        await s.onboarding.setChannel({ ...place, nudgeDays: null, timezone: "UTC" }, "admin", at(1));
        expect(await s.onboarding.nudgeChannels()).toEqual([]);
        expect(await s.onboarding.channel({ ...place, channelId: "none" })).toBeNull();

        await s.onboarding.touch({ ...bob, channelId: "C1" }, at(2));
        await s.onboarding.touch(aliceHere, at(1));
        await s.onboarding.touch({ ...alice, userId: "U-zed", channelId: "C2" }, at(1));
        expect((await s.onboarding.members("discord", "G1")).map((m) => m.userId)).toEqual([
          "U-alice",
          "U-zed",
          "U-bob",
        ]);
        await s.onboarding.finish(bob, at(3));
        expect((await s.onboarding.unfinishedIn(place)).map((m) => m.userId)).toEqual(["U-alice"]);

        const claims = await Promise.all(
          Array.from({ length: 4 }, () => s.onboarding.claimNudge(alice, null, at(4 * 1440))),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect((await s.onboarding.member(alice))?.nudgedAt).toBe(at(4 * 1440).toISOString());
        expect(await s.onboarding.claimNudge(alice, null, at(5 * 1440))).toBe(false);
        expect(await s.onboarding.claimNudge(alice, at(4 * 1440).toISOString(), at(12 * 1440))).toBe(true);
      });
    });

    describe("channel settings", () => {
      it("reads the defaults until set, keeps what a change leaves out, and keeps both of two changes at once", async () => {
        expect(await s.channelSettings.get(place)).toEqual({
          mode: "mention",
          ephemeral: true,
          updatedBy: null,
          updatedAt: null,
        });
        expect(await s.channelSettings.set(place, { mode: "auto" }, "admin", T0)).toEqual({
          mode: "auto",
          ephemeral: true,
          updatedBy: "admin",
          updatedAt: T0.toISOString(),
        });
        await s.channelSettings.set(place, { ephemeral: false }, "lead", at(1));
        expect(await s.channelSettings.get(place)).toEqual({
          mode: "auto",
          ephemeral: false,
          updatedBy: "lead",
          updatedAt: at(1).toISOString(),
        });
        expect((await s.channelSettings.get(otherChannel)).updatedBy).toBeNull();
        await Promise.all([
          s.channelSettings.set(otherChannel, { mode: "off" }, "a", at(2)),
          s.channelSettings.set(otherChannel, { ephemeral: false }, "b", at(2)),
        ]);
        expect(await s.channelSettings.get(otherChannel)).toMatchObject({ mode: "off", ephemeral: false });
      });
    });

    describe("feedback", () => {
      const workspace = { platform: "slack", workspaceId: "T1" };
      const vote = (
        userId: string,
        answerId: string,
        v: "up" | "down",
        source: string | null = "a.md#x",
      ) => ({
        ...workspace,
        answerId,
        userId,
        vote: v,
        command: "ask",
        question: `question on ${answerId}`,
        source,
        notesVersion: "hash-1",
      });
      const key = (userId: string, answerId: string) => ({ ...workspace, answerId, userId });

      it("keeps one vote per person and answer: new, the same again, changed (clearing a reason)", async () => {
        expect(await s.feedback.voteOf(key("U1", "ans-1"))).toBeNull();
        expect(await s.feedback.vote(vote("U1", "ans-1", "down"), T0)).toBe("new");
        expect(await s.feedback.reason(key("U1", "ans-1"), "wrong", at(1))).toBe(true);
        expect(await s.feedback.voteOf(key("U1", "ans-1"))).toEqual({ vote: "down", reason: "wrong" });
        expect(await s.feedback.vote(vote("U1", "ans-1", "down"), at(2))).toBe("same");
        expect(await s.feedback.voteOf(key("U1", "ans-1"))).toEqual({ vote: "down", reason: "wrong" });
        expect(await s.feedback.vote(vote("U1", "ans-1", "up"), at(3))).toBe("changed");
        expect(await s.feedback.voteOf(key("U1", "ans-1"))).toEqual({ vote: "up", reason: null });
        // A reason goes with a 👎 only; another workspace's vote is another vote.
        expect(await s.feedback.reason(key("U1", "ans-1"), "wrong", at(4))).toBe(false);
        expect(await s.feedback.voteOf({ ...key("U1", "ans-1"), workspaceId: "T2" })).toBeNull();
      });

      it("records one first vote when two presses of a person arrive at once", async () => {
        const changes = await Promise.all(
          Array.from({ length: 6 }, () => s.feedback.vote(vote("U1", "ans-2", "up"), T0)),
        );
        expect(changes.filter((c) => c === "new")).toHaveLength(1);
        expect(changes.filter((c) => c === "same")).toHaveLength(5);
      });

      it("ranks sources by 👎 then fewest 👍, with their newest questions and reasons, per workspace", async () => {
        await s.feedback.vote(vote("U1", "ans-a", "down", "a.md#x"), T0);
        await s.feedback.reason(key("U1", "ans-a"), "outdated", at(1));
        await s.feedback.vote(vote("U2", "ans-b", "down", "a.md#x"), at(2));
        await s.feedback.vote(vote("U3", "ans-b", "up", "a.md#x"), at(3));
        await s.feedback.vote(vote("U1", "ans-c", "down", "b.md#y"), at(4));
        await s.feedback.vote(vote("U2", "ans-d", "down", null), at(5));
        await s.feedback.vote(vote("U2", "ans-e", "up", "c.md#z"), at(6));
        await s.feedback.vote({ ...vote("U9", "ans-f", "down", "a.md#x"), workspaceId: "T2" }, at(7));
        const worst = await s.feedback.worstRated(workspace, 10);
        expect(worst).toEqual([
          {
            source: "a.md#x",
            up: 1,
            down: 2,
            questions: ["question on ans-b", "question on ans-a"],
            reasons: ["outdated"],
            lastVotedAt: at(3).toISOString(),
          },
          {
            source: "",
            up: 0,
            down: 1,
            questions: ["question on ans-d"],
            reasons: [],
            lastVotedAt: at(5).toISOString(),
          },
          {
            source: "b.md#y",
            up: 0,
            down: 1,
            questions: ["question on ans-c"],
            reasons: [],
            lastVotedAt: at(4).toISOString(),
          },
        ]);
        expect(await s.feedback.worstRated(workspace, 1)).toHaveLength(1);
        // Every workspace: the other workspace's 👎 counts too.
        expect((await s.feedback.worstRated(null, 10))[0]).toMatchObject({ source: "a.md#x", down: 3 });
      });
    });

    describe("gaps", () => {
      const workspace = { platform: "discord", workspaceId: "G1" };
      const gap = (question: string, minutes: number, userId = "U1") => ({
        ...workspace,
        channelId: "C1",
        userId,
        command: "ask",
        question,
        terms: question.split(" "),
        notesVersion: "hash-1",
        askedAt: at(minutes).toISOString(),
      });

      it("records questions the notes did not cover and finds them in their workspace only", async () => {
        const id = await s.gaps.record(gap("delete helm release", 0));
        expect(await s.gaps.find(workspace, id)).toEqual({
          ...gap("delete helm release", 0),
          id,
          requests: 0,
        });
        expect(await s.gaps.find({ ...workspace, workspaceId: "G2" }, id)).toBeNull();
        expect(await s.gaps.find(workspace, id + 1000)).toBeNull();
      });

      it("counts one request per person, however many presses arrive at once", async () => {
        const id = await s.gaps.record(gap("rotate kube certs", 0));
        const presses = await Promise.all(Array.from({ length: 5 }, () => s.gaps.request(id, "U2", at(1))));
        expect(presses.filter(Boolean)).toHaveLength(1);
        expect(await s.gaps.request(id, "U3", at(2))).toBe(true);
        expect((await s.gaps.find(workspace, id))?.requests).toBe(2);
      });

      it("lists the gaps since an instant, newest first, with their requests, per workspace or all", async () => {
        const old = await s.gaps.record(gap("an old question", 0));
        const a = await s.gaps.record(gap("question a", 10));
        const b = await s.gaps.record(gap("question b", 20, "U2"));
        await s.gaps.record({ ...gap("elsewhere", 30), workspaceId: "G2" });
        await s.gaps.request(a, "U5", at(21));
        const since = at(5).toISOString();
        const listed = await s.gaps.since(workspace, since, 10);
        expect(listed.map((g) => [g.id, g.requests])).toEqual([
          [b, 0],
          [a, 1],
        ]);
        expect(listed.map((g) => g.id)).not.toContain(old);
        expect((await s.gaps.since(null, since, 10)).map((g) => g.question)).toEqual([
          "elsewhere",
          "question b",
          "question a",
        ]);
        expect(await s.gaps.since(workspace, since, 1)).toHaveLength(1);
      });
    });

    describe("daily posts through the poster", () => {
      it("are sent once per channel and date when two processes fire them at once, quiz and command alike", async () => {
        // Two processes on the same stores: each its own index (a :memory: database) and poster.
        const sent: { channelId: string; title: string | undefined }[] = [];
        const poster: ChannelPoster = {
          platform: "discord",
          post: async (_w, channelId, reply) => {
            sent.push({ channelId, title: reply.title });
            return `m${sent.length}`;
          },
          update: async () => {},
        };
        const open = () =>
          Tutor.open({
            dbFile: ":memory:",
            notesDir: BUNDLED_NOTES_DIR,
            logger: silentLogger,
            state: s,
            now: () => T0,
          });
        const [a, b] = [open(), open()];
        try {
          // Later in the day than T0 (09:00 UTC), so starting sends nothing by itself.
          const quiz = { ...place, time: "23:00", timezone: "UTC", topic: null };
          const command = {
            ...otherChannel,
            time: "23:00",
            timezone: "UTC",
            topic: null,
            kind: "command" as const,
          };
          await s.schedules.set(quiz, "admin", T0);
          await s.schedules.set(command, "admin", T0);
          await Promise.all([a.daily.start([poster]), b.daily.start([poster])]);
          expect(sent).toEqual([]);
          const [quizSchedule, commandSchedule] = await Promise.all([
            s.schedules.get(place),
            s.schedules.get(otherChannel),
          ]);
          if (!quizSchedule || !commandSchedule) throw new Error("no schedules");
          for (let round = 0; round < 2; round++)
            await Promise.all(
              [a, b].flatMap((t) => [t.daily.fire(quizSchedule), t.daily.fire(commandSchedule)]),
            );
          expect(sent.map((p) => p.channelId).sort()).toEqual([place.channelId, otherChannel.channelId]);
          expect(sent.find((p) => p.channelId === place.channelId)?.title).toMatch(/^Daily quiz/);
          expect(sent.find((p) => p.channelId === otherChannel.channelId)?.title).toMatch(
            /^Command of the day/,
          );
          expect((await s.quiz.dailyPosts(place)).map((p) => [p.postDate, p.messageId])).toEqual([
            ["2026-03-02", expect.stringMatching(/^m[12]$/)],
          ]);
          expect(await s.dailyCommands.posted(otherChannel, "2026-03-02")).toBe(true);
        } finally {
          a.close();
          b.close();
        }
      });
    });

    describe("conversations", () => {
      const thread = (threadId: string) => ({ ...place, threadId });

      it("keeps the newest turns of a conversation, oldest first, apart from other threads", async () => {
        for (let i = 0; i < MAX_TURNS + 3; i++)
          await s.conversations.record(thread("t"), `q${i}`, `resolved ${i}`, at(i));
        const turns = await s.conversations.turns(thread("t"), at(MAX_TURNS + 3));
        expect(turns.map((t) => t.question)).toEqual(
          Array.from({ length: MAX_TURNS }, (_, i) => `q${i + 3}`),
        );
        expect(turns[0]).toEqual({ question: "q3", resolved: "resolved 3", at: at(3).getTime() });
        expect(await s.conversations.turns(thread("other"), at(9))).toEqual([]);
        expect(await s.conversations.turns({ ...thread("t"), channelId: "C9" }, at(9))).toEqual([]);
        expect(await s.conversations.count(at(9))).toBe(1);
      });

      it("forgets a conversation idle past the expiry, and starts it afresh", async () => {
        await s.conversations.record(thread("t"), "What is a ReplicaSet?", "What is a ReplicaSet?", T0);
        const last = new Date(T0.getTime() + TURN_TTL_MS);
        expect(await s.conversations.turns(thread("t"), last)).toHaveLength(1);
        const past = new Date(last.getTime() + 1);
        expect(await s.conversations.turns(thread("t"), past)).toEqual([]);
        expect(await s.conversations.count(past)).toBe(0);
        await s.conversations.record(thread("t"), "how do I scale it?", "how do I scale ReplicaSet?", past);
        expect((await s.conversations.turns(thread("t"), past)).map((t) => t.question)).toEqual([
          "how do I scale it?",
        ]);
      });

      it("keeps every turn of two replicas answering in one thread at once, within the bound", async () => {
        await Promise.all(
          Array.from({ length: 8 }, (_, i) => s.conversations.record(thread("t"), `q${i}`, `q${i}`, at(1))),
        );
        expect(await s.conversations.turns(thread("t"), at(1))).toHaveLength(MAX_TURNS);
        expect(await s.conversations.count(at(1))).toBe(1);
      });

      it("drops the least recently active conversation past its bound", async () => {
        const small = target.conversations({ turns: 5, ttlMs: 60_000, conversations: 2 });
        await small.record(thread("a"), "a", "a", T0);
        await small.record(thread("b"), "b", "b", T0);
        await small.record(thread("a"), "a2", "a2", T0);
        await small.record(thread("c"), "c", "c", T0);
        expect(await small.count(T0)).toBe(2);
        expect(await small.turns(thread("b"), T0)).toEqual([]);
        expect((await small.turns(thread("a"), T0)).map((t) => t.question)).toEqual(["a", "a2"]);
        expect((await small.turns(thread("c"), T0)).map((t) => t.question)).toEqual(["c"]);
      });
    });

    describe("shares", () => {
      const share = (id: string) => ({
        id,
        platform: "slack",
        workspaceId: "T1",
        userId: "U1",
        command: "ask",
        argsJson: JSON.stringify({ question: id }),
      });

      it("keeps the first record of a share for the retention, then forgets it", async () => {
        await s.shares.record(share("share-one"), T0);
        await s.shares.record({ ...share("share-one"), userId: "U2" }, at(1));
        expect(await s.shares.find("share-one", at(2))).toEqual(share("share-one"));
        expect(await s.shares.find("share-404", at(2))).toBeUndefined();
        expect(await s.shares.count()).toBe(1);
        const past = new Date(T0.getTime() + (SHARE_RETENTION_DAYS + 1) * DAY);
        expect(await s.shares.find("share-one", past)).toBeUndefined();
        // A later share drops the rows past the retention.
        await s.shares.record(share("share-two"), past);
        expect(await s.shares.count()).toBe(1);
        expect(await s.shares.find("share-two", past)).toEqual(share("share-two"));
      });
    });

    it("answers a ping", async () => {
      await expect(s.ping()).resolves.toBeUndefined();
    });
  });
}
