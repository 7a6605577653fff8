/**
 * A new user's first minutes with the tutor in Slack, over HTTP, and every call Slack receives on the way:
 * /help, /explain docker cp, Share, /ask, /quiz and an answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSlack } from "../../../src/bots/slack/render.js";
import type { Invocation } from "../../../src/core/commands/types.js";
import { type Reply, reply } from "../../../src/core/reply.js";
import type { InteractionResult } from "../../fakes/slack.js";
import { buttonIdsOf, expectSafe, SECRET, type SlackHarness, startSlackHarness } from "./harness.js";

const USER = { id: "U0NEWUSER1", name: "newbie", display_name: "Newcomer" };
const CHANNEL = "C0LEARNING";

describe("Slack walk-through: a new user", () => {
  let h: SlackHarness;
  const ctx: Invocation = {
    platform: "slack",
    workspaceId: "T0FAKE0001",
    channelId: CHANNEL,
    userId: USER.id,
    userName: USER.display_name,
    locale: "en",
    isAdmin: false,
  };
  /** What the adapter should send for a reply of core: the rendering, through response_url. */
  const response = (r: Reply) => ({
    response_type: r.ephemeral ? "ephemeral" : "in_channel",
    replace_original: false,
    ...renderSlack(r, "en"),
  });

  beforeAll(async () => {
    h = await startSlackHarness({ users: [USER] });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function slash(command: string, text = ""): Promise<InteractionResult> {
    const res = await h.fake.sendSlashCommand(h.url, SECRET, {
      command,
      text,
      user_id: USER.id,
      user_name: USER.name,
      channel_id: CHANNEL,
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe("");
    expect(res.withinDeadline).toBe(true);
    await h.fake.waitForResponse(res.responseUrlId!);
    return res;
  }

  async function click(id: string, ephemeral: boolean, blocks?: unknown[]): Promise<InteractionResult> {
    const res = await h.fake.sendBlockAction(h.url, SECRET, {
      action_id: id,
      value: id,
      user_id: USER.id,
      user_name: USER.name,
      channel_id: CHANNEL,
      ephemeral,
      ...(blocks ? { message_blocks: blocks } : {}),
    });
    expect(res.status).toBe(200);
    expect(res.withinDeadline).toBe(true);
    return res;
  }

  it("walks /help, /explain docker cp, Share, /ask, /quiz and an answer, with exactly these calls", async () => {
    const help = await slash("/help");
    const explain = await slash("/explain", "docker cp");
    const explainPost = h.fake.responsesFor(explain.responseUrlId!)[0]!;
    const [shareId = ""] = buttonIdsOf(explainPost.body);
    const share = await click(shareId, true);
    await expect.poll(() => h.fake.responsesFor(share.responseUrlId!).length).toBe(1);
    const ask = await slash("/ask", "Docker Compose とは");
    const quiz = await slash("/quiz");
    const quizPost = h.fake.responsesFor(quiz.responseUrlId!)[0]!;
    const [firstChoice = ""] = buttonIdsOf(quizPost.body);
    const answer = await click(firstChoice, false, quizPost.body.blocks as unknown[]);
    await expect.poll(() => h.fake.responsesFor(answer.responseUrlId!).length).toBe(2);

    // The Web API: one users.info for the newcomer (then cached), and the public Share post.
    const explained = await h.tutor.runCommand(ctx, ["explain"], { command: "docker cp" });
    const published: Reply = {
      ...explained,
      ephemeral: false,
      choices: [],
      subtitle: `${explained.subtitle} · Shared by ${USER.display_name}`,
    };
    expect(h.fake.calls.map((c) => ({ method: c.method, token: c.token, body: c.body }))).toEqual([
      { method: "users.info", token: h.fake.botToken, body: { user: USER.id, include_locale: "true" } },
      {
        method: "chat.postMessage",
        token: h.fake.botToken,
        body: {
          channel: CHANNEL,
          team_id: h.fake.teamId, // Bolt's client adds the workspace of the interaction
          ...renderSlack(published, "en"),
          unfurl_links: "false",
          unfurl_media: "false",
        },
      },
    ]);
    expect(h.fake.calls.every((c) => c.response.ok === true)).toBe(true);

    // The response_urls, in order.
    const posts = (r: InteractionResult) => h.fake.responsesFor(r.responseUrlId!).map((p) => p.body);
    // The 👍/👎 after Share (src/core/feedback), with the ids the answer was given.
    const votes = (body: Record<string, unknown>) => {
      const [, up = "", down = ""] = buttonIdsOf(body);
      return [
        { id: up, label: "👍 Helpful", style: "secondary" as const },
        { id: down, label: "👎 Not helpful", style: "secondary" as const },
      ];
    };
    expect(posts(help)).toEqual([response(await h.tutor.runCommand(ctx, ["help"], {}))]);
    expect(posts(explain)).toEqual([
      response({
        ...explained,
        choices: [{ id: shareId, label: "Share to channel", style: "secondary" }, ...votes(explainPost.body)],
      }),
    ]);
    expect(posts(share)).toEqual([
      response(reply({ blocks: [{ type: "note", tone: "success", text: "Shared to the channel." }] })),
    ]);
    const asked = await h.tutor.runCommand(ctx, ["ask"], { question: "Docker Compose とは" });
    const [askShare = ""] = buttonIdsOf(posts(ask)[0] ?? {});
    expect(posts(ask)).toEqual([
      response({
        ...asked,
        choices: [
          { id: askShare, label: "Share to channel", style: "secondary" },
          ...votes(posts(ask)[0] ?? {}),
        ],
      }),
    ]);

    // The quiz: public, one button per choice; the answer replaces it with the count, and tells the newcomer.
    const postId = Number(firstChoice.split(":")[1]);
    const post = (await h.tutor.quiz.store.post(postId))!;
    const question = (await h.tutor.quiz.store.question(post.questionId))!;
    expect(posts(quiz)[0]).toMatchObject({ response_type: "in_channel", replace_original: false });
    expect(buttonIdsOf(posts(quiz)[0] ?? {})).toEqual(question.choices.map((_, i) => `quiz:${postId}:${i}`));
    const [update, result] = posts(answer);
    expect(update).toEqual({
      replace_original: true,
      ...renderSlack(await h.tutor.quiz.postReply(post, question, "en"), "en"),
    });
    expect(JSON.stringify(update)).toContain("1 answered");
    expect(result).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(JSON.stringify(result)).toMatch(question.answer === 0 ? /Right!/ : /Not quite/);

    for (const p of h.fake.responses) expectSafe(p.body);
    expect(h.fake.violations).toEqual([]);
  });
});
