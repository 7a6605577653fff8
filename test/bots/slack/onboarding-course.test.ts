/**
 * Onboarding end to end in Slack (issue 8): an admin marks the onboarding channel, a newcomer joins it
 * (`member_joined_channel`) and gets the private welcome, presses Start, answers every checkpoint right
 * (the right choice is read from the tutor's database) and presses Next through the reading lessons, until
 * the course is finished; the admin's report shows them done. Asserted on the exact Web API calls and
 * response_url bodies Slack received, escaped as Slack gets them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatWhen } from "../../../src/core/quiz/quiz.js";
import type { InteractionResult } from "../../fakes/slack.js";
import {
  buttonIdsOf,
  expectSafe,
  headerOf,
  SECRET,
  type SlackHarness,
  startSlackHarness,
} from "./harness.js";

/** A display name with an `&` and `<…>`, to see them escaped wherever the name is shown. */
const NEWCOMER = { id: "U0NEWCOMR1", name: "nina", display_name: "Nina & <the new ones>" };
const LEAD = { id: "U0TEAMLEAD", name: "lead", display_name: "Lead", is_admin: true };
const WELCOME_CHANNEL = "C0WELCOME1";
const LESSONS = 25;

type Body = Record<string, unknown>;
const section = (text: unknown) => ({ type: "section", text: { type: "mrkdwn", text, verbatim: true } });
const sectionTexts = (body: Body): string[] =>
  ((body.blocks ?? []) as Body[]).flatMap((b) =>
    b.type === "section" && typeof (b.text as Body | undefined)?.text === "string"
      ? [String((b.text as Body).text)]
      : [],
  );

describe("Slack onboarding: from joining the channel to the finished course", () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness({ users: [NEWCOMER, LEAD] });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function slash(command: string, text: string, user: { id: string; name: string }): Promise<Body> {
    const res = await h.fake.sendSlashCommand(h.url, SECRET, {
      command,
      text,
      user_id: user.id,
      user_name: user.name,
      channel_id: WELCOME_CHANNEL,
      channel_name: "welcome",
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe("");
    expect(res.withinDeadline).toBe(true);
    return (await h.fake.waitForResponse(res.responseUrlId!, () => true, 10_000)).body;
  }

  /** The newcomer presses a button of an ephemeral message: the answer is the one post to its response_url. */
  async function press(actionId: string): Promise<Body> {
    const res: InteractionResult = await h.fake.sendBlockAction(h.url, SECRET, {
      action_id: actionId,
      block_id: "tutor_choices",
      value: actionId,
      user_id: NEWCOMER.id,
      user_name: NEWCOMER.name,
      channel_id: WELCOME_CHANNEL,
      channel_name: "welcome",
      ephemeral: true,
    });
    expect(res.status).toBe(200);
    expect(res.withinDeadline).toBe(true);
    const post = await h.fake.waitForResponse(res.responseUrlId!, () => true, 10_000);
    expect(post.status).toBe(200);
    expect(post.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expectSafe(post.body);
    return post.body;
  }

  /** The button a learner who knows the answers presses: the right choice of a checkpoint, else Next. */
  async function rightButton(body: Body): Promise<string> {
    const ids = buttonIdsOf(body);
    const quiz = ids.find((id) => id.startsWith("quiz:"));
    if (quiz) {
      const postId = Number(quiz.split(":")[1]);
      const post = await h.tutor.quiz.store.post(postId);
      const question = post ? await h.tutor.quiz.store.question(post.questionId) : undefined;
      if (!question) throw new Error(`no question behind ${quiz}`);
      const right = `quiz:${postId}:${question.answer}`;
      expect(ids).toContain(right);
      return right;
    }
    const next = ids.find((id) => id.startsWith("onb:"));
    if (!next) throw new Error(`no button to press on: ${JSON.stringify(body)}`);
    return next;
  }

  it("welcomes the newcomer privately, walks all 25 lessons, and the report shows them done", async () => {
    // 1. The admin makes #welcome an onboarding channel.
    const set = await slash("/tutor", "onboarding channel <#C0WELCOME1|welcome>", LEAD);
    expect(set).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: "Channel `C0WELCOME1` is now an onboarding channel: people who join get the course.",
      blocks: [
        section("✅ Channel `C0WELCOME1` is now an onboarding channel: people who join get the course."),
      ],
    });

    // 2. The newcomer joins: a private welcome with the Start button, by chat.postEphemeral.
    const joined = await h.fake.sendEvent(
      h.url,
      SECRET,
      h.fake.memberJoined({ user: NEWCOMER.id, channel: WELCOME_CHANNEL }),
    );
    expect(joined.status).toBe(200);
    const welcome = await h.fake.waitForCall("chat.postEphemeral", () => true, 10_000);
    const welcomeText =
      "Welcome, Nina &amp; &lt;the new ones&gt;! This channel has a short course through the team's notes: " +
      "25 lessons, about 25 min in all, 14 of them with a quick checkpoint.";
    expect(welcome.token).toBe(h.fake.botToken);
    expect(welcome.response.ok).toBe(true);
    expect(welcome.body).toEqual({
      channel: WELCOME_CHANNEL,
      team_id: h.fake.teamId, // Bolt's client adds the workspace of the event
      user: NEWCOMER.id,
      text: welcomeText,
      blocks: [
        section(welcomeText),
        {
          type: "actions",
          block_id: "tutor_choices",
          elements: [
            {
              type: "button",
              action_id: "onb:start",
              value: "onb:start",
              text: { type: "plain_text", text: "Start the course", emoji: true },
              style: "primary",
            },
          ],
        },
      ],
    });
    expectSafe(welcome.body);

    // 3. Start, then the right answer of every checkpoint (or Next), until the course is finished.
    let body = await press("onb:start");
    // The first lesson: a reading lesson (no question in its section), completed with Next.
    expect(headerOf(body)).toBe("Lesson 1/25: Docker とは");
    expect(body.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "Lesson 1/25: Docker とは", emoji: true } },
      { type: "context", elements: [{ type: "mrkdwn", text: "Docker · about 1 min", verbatim: true }] },
      section(expect.stringMatching(/^コンテナ型仮想化技術を実現するために実行される常駐アプリケーション/)),
      section("░░░░░░░░░░ 0/25 lessons"),
      section("ℹ️ No checkpoint here: press Next when you have read it."),
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: "Source: Docker › Docker とは · `notes/docker-kubernetes.md#docker-とは`",
            verbatim: true,
          },
        ],
      },
      {
        type: "actions",
        block_id: "tutor_choices",
        elements: [
          {
            type: "button",
            action_id: expect.stringMatching(/^onb:done:[0-9a-f]{16}$/),
            value: expect.stringMatching(/^onb:done:[0-9a-f]{16}$/),
            text: { type: "plain_text", text: "Next", emoji: true },
            style: "primary",
          },
        ],
      },
    ]);

    const titles: string[] = [];
    const checkpointed: string[] = [];
    const passed: string[] = [];
    let pod: Body = {};
    const finished = "✅ 🎓 You finished the course: 25 lessons. Well done!";
    for (let steps = 0; !sectionTexts(body).includes(finished); steps++) {
      if (steps > 200) throw new Error("the course did not end within 200 presses");
      const header = headerOf(body);
      if (header?.startsWith("Lesson ")) {
        titles.push(header);
        if (buttonIdsOf(body).some((id) => id.startsWith("quiz:"))) checkpointed.push(header);
      }
      passed.push(...sectionTexts(body).filter((t) => t.includes("Lesson complete")));
      if (sectionTexts(body).includes("✅ Lesson complete: Pod.")) pod = body;
      body = await press(await rightButton(body));
    }

    expect(titles).toHaveLength(LESSONS);
    expect(titles.map((t, i) => t.startsWith(`Lesson ${i + 1}/25: `))).toEqual(titles.map(() => true));
    expect(titles.at(-1)).toBe("Lesson 25/25: ExternalName Service");
    // Titles are escaped for Slack, in the header (plain_text) as in mrkdwn.
    expect(titles[9]).toBe("Lesson 10/25: Docker 起動 &amp; 停止 &amp; 再起動 &amp; 破棄");
    // Every lesson with a checkpoint was completed by passing it, in order (after the note's tone icon).
    expect(checkpointed).toHaveLength(14);
    expect(passed).toEqual(
      checkpointed.map((t) => `✅ Lesson complete: ${t.replace(/^Lesson \d+\/25: /, "")}.`),
    );
    expect(passed).toContain("✅ Lesson complete: Docker 起動 &amp; 停止 &amp; 再起動 &amp; 破棄.");
    // Passing Pod's checkpoint (lesson 20): the line, the progress bar, and Next.
    expect(sectionTexts(pod).slice(-2)).toEqual(["✅ Lesson complete: Pod.", "▓▓▓▓▓▓▓▓░░ 20/25 lessons"]);
    expect(buttonIdsOf(pod)).toEqual(["onb:next"]);

    // The last message, exactly as the response_url received it.
    expect(body).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: "🎓 You finished the course: 25 lessons. Well done!",
      blocks: [section(finished), section("▓▓▓▓▓▓▓▓▓▓ 25/25 lessons")],
    });

    // 4. The admin's report: the newcomer, 25/25, with their last activity and the cap.
    const member = h.tutor.db
      .prepare("SELECT last_activity_at, finished_at FROM onboarding_members WHERE user_id = ?")
      .get(NEWCOMER.id) as { last_activity_at: string; finished_at: string | null };
    expect(member.finished_at).not.toBeNull();
    const line = `Nina &amp; &lt;the new ones&gt; — ▓▓▓▓▓▓▓▓▓▓ 25/25 lessons · last active ${formatWhen(new Date(member.last_activity_at), "en")} · 🎓`;
    const report = await slash("/tutor", "onboarding report", LEAD);
    expect(report).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: `Onboarding report: ${line}`,
      blocks: [
        { type: "header", text: { type: "plain_text", text: "Onboarding report", emoji: true } },
        section(line),
      ],
    });

    // One private welcome, no public post on the way, and nothing Slack would have refused.
    expect(h.fake.callsTo("chat.postEphemeral")).toHaveLength(1);
    expect(h.fake.callsTo("chat.postMessage")).toEqual([]);
    expect(h.fake.violations).toEqual([]);
  }, 60_000);
});
