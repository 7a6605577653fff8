// A team to show on the dashboard, made through the tutor's own entry points: a member who just finished
// lesson 3 of the course, quiz answers on one topic, an /ask the notes do not cover, a 👎 with a reason.
import type { Invocation } from "../../../src/core/commands/types.js";
import type { Tutor } from "../../../src/core/tutor.js";

export const TEAM = { platform: "slack", workspaceId: "T0TEAM" } as const;
export const OTHER_TEAM = { platform: "slack", workspaceId: "T0OTHER" } as const;

/** Someone of a workspace, in its channel; admins run /tutor. */
export function member(
  ws: { platform: string; workspaceId: string },
  userId: string,
  userName: string,
  isAdmin = false,
): Invocation {
  return {
    platform: ws.platform as Invocation["platform"],
    workspaceId: ws.workspaceId,
    channelId: "C0GENERAL",
    userId,
    userName,
    locale: "en",
    isAdmin,
  };
}

/** A question the bundled notes do not cover (checked by the tests: the reply says not found). */
export const UNCOVERED_QUESTION = "how do I rotate the etcd encryption keys of a managed cluster";

/** The answer the seeded 👎 is on. */
export const DOWN_VOTED = "docker cp";

export interface SeededTeam {
  lessonTitles: string[];
  /** The topic the quiz answers are on, and how many of them were right. */
  topic: string;
  answered: number;
  correct: number;
}

/**
 * Seeds `ws`: Aiko finished lessons 1–3 (so lesson 4 is hers now), Ben started long ago and stopped after
 * lesson 1 (stuck), four answers on `topic` of which three right, one uncovered /ask with a note request.
 */
export async function seedTeam(
  tutor: Tutor,
  ws: { platform: string; workspaceId: string },
  names = { first: "Aiko", second: "Ben" },
): Promise<SeededTeam> {
  const now = tutor.now();
  const aiko = member(ws, "U0AIKO", names.first);
  const ben = member(ws, "U0BEN", names.second);
  const lessons = tutor.onboarding.curriculum().lessons;
  // Lessons as the course records them (the store behind /onboard and its Next button).
  const longAgo = new Date(now.getTime() - 10 * 86_400_000);
  await tutor.state.onboarding.touch(ben, longAgo);
  await tutor.state.onboarding.complete(ben, lessons[0]!.id, "done", longAgo);
  await tutor.state.onboarding.touch(aiko, now);
  for (const lesson of lessons.slice(0, 3))
    await tutor.state.onboarding.complete(aiko, lesson.id, "done", now);

  // Four answers on one topic: three right, one wrong.
  const topic = "Docker";
  const place = { platform: ws.platform, workspaceId: ws.workspaceId, channelId: "C0GENERAL" };
  let answered = 0;
  let correct = 0;
  for (const [i, who] of [aiko, ben, aiko, ben].entries()) {
    const q = tutor.quiz.bank.generate(100 + i, topic);
    if (!q) throw new Error(`no ${topic} question in the bundled notes`);
    const post = await tutor.state.quiz.createPost(place, q, "adhoc", now, who.userId);
    if (!post) throw new Error("no post");
    const right = i < 3;
    const choice = right ? q.answer : (q.answer + 1) % q.choices.length;
    await tutor.state.quiz.recordAnswer({
      post,
      user: { id: who.userId, name: who.userName },
      choice,
      correct: right,
      answerDate: now.toISOString().slice(0, 10),
      now,
    });
    answered++;
    if (right) correct++;
  }

  // An /ask the notes do not cover: recorded as a gap, and Aiko presses "Request a note" on it.
  const answer = await tutor.runForChat(ben, ["ask"], { question: UNCOVERED_QUESTION });
  if (!answer.notFound) throw new Error("the seeded question is covered by the notes");
  const request = answer.choices.find((c) => c.id.startsWith("gap:"));
  if (!request) throw new Error("no Request a note button");
  await tutor.runAction(aiko, request.id);

  // A covered answer that Ben finds outdated: 👎, then the reason.
  const covered = await tutor.runForChat(ben, ["explain"], { command: DOWN_VOTED });
  const down = covered.choices.find((c) => c.id.startsWith("fb:") && c.id.endsWith(":down"));
  if (!down) throw new Error("no 👎 button");
  await tutor.runAction(ben, down.id);
  await tutor.runAction(ben, down.id.replace(/:down$/, ":why:outdated"));

  return { lessonTitles: lessons.map((l) => l.title), topic, answered, correct };
}
