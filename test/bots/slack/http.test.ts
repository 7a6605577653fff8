/**
 * The Slack adapter in HTTP mode, end to end: signed requests from the fake Slack into the service's HTTP
 * server, Bolt, the real Tutor, and back out through response_urls and the fake Web API.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isGroup } from "../../../src/core/commands/types.js";
import { reply } from "../../../src/core/reply.js";
import { postSigned, SLACK_ACK_DEADLINE_MS } from "../../fakes/slack.js";
import {
  buttonIdsOf,
  expectSafe,
  headerOf,
  SECRET,
  type SlackHarness,
  startSlackHarness,
  textsOf,
} from "./harness.js";

const ADA = { id: "UADA000001", name: "ada", display_name: "Ada L." };
const BOB = { id: "UBOB000001", name: "bob" };
const SLACK_ADMIN = { id: "UADMIN0001", name: "root", is_admin: true };
const LISTED_ADMIN = "ULISTED001";
const ONBOARDING = "CONBOARD01";

describe("Slack adapter over HTTP", () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness({
      admins: [LISTED_ADMIN],
      users: [ADA, BOB, SLACK_ADMIN],
      channels: [{ id: "CNOTJOINED", name: "random", is_member: false }],
      setup: (tutor) =>
        tutor.onMemberJoined((ctx) =>
          ctx.channelId === ONBOARDING
            ? reply({ title: "Welcome", blocks: [{ type: "text", text: "Type `/help` to start." }] })
            : null,
        ),
    });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => h.fake.reset());

  async function command(text: string, input: { user_id?: string; channel_id?: string } = {}) {
    const [name = "", ...rest] = text.split(" ");
    const res = await h.fake.sendSlashCommand(h.url, SECRET, {
      command: name,
      text: rest.join(" "),
      user_id: input.user_id ?? ADA.id,
      user_name: "ada",
      channel_id: input.channel_id ?? "C0GENERAL1",
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe(""); // an empty ack: the answer comes through response_url
    expect(res.elapsedMs).toBeLessThan(SLACK_ACK_DEADLINE_MS);
    const post = await h.fake.waitForResponse(res.responseUrlId!, () => true, 10_000);
    expect(post.status).toBe(200);
    expectSafe(post.body);
    return post.body;
  }

  it("has a listener for every top-level command of the registry, each acked fast and answered", async () => {
    const names = h.tutor.commands.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["explain", "ask", "help", "quiz", "tutor"]));
    for (const c of h.tutor.commands) {
      const example = (c.examples[0] ?? `/${c.name}`).replace(/^\//, "");
      const body = await command(`/${example}`, { user_id: c.admin ? LISTED_ADMIN : ADA.id });
      expect(textsOf(body).join("\n")).not.toMatch(/don't know the command|Only admins/);
      if (isGroup(c)) expect(body.response_type).toBe("ephemeral");
    }
    expect(h.fake.violations).toEqual([]);
  });

  it("/help answers privately with every command a member may run", async () => {
    const body = await command("/help");
    expect(body.response_type).toBe("ephemeral");
    expect(headerOf(body)).toBe("notes-tutor: what I can do");
    const text = textsOf(body).join("\n");
    for (const c of h.tutor.commands.filter((x) => !x.admin)) expect(text).toContain(`\`/${c.name}\``);
    expect(text).not.toContain("`/tutor`");
    const admin = textsOf(await command("/help", { user_id: SLACK_ADMIN.id })).join("\n");
    expect(admin).toContain("`/tutor`");
  });

  it("/explain docker cp: the notes' section, code escaped, the source as text, a Share button", async () => {
    const body = await command("/explain docker cp");
    expect(body.response_type).toBe("ephemeral");
    expect(headerOf(body)).toBe("docker container cp");
    const text = textsOf(body).join("\n");
    expect(text).toContain("```\n$ docker container cp &lt;コンテナIDまたはコンテナ名&gt;:");
    expect(text).toContain("`notes/docker-kubernetes.md#cp`");
    expect(text).toContain("Docker › 起動しているコンテナに対して実行できるコマンド › cp");
    // Share, then 👍/👎 (src/core/feedback).
    expect(buttonIdsOf(body)).toEqual([
      expect.stringMatching(/^share:[\w-]{8,32}$/),
      expect.stringMatching(/^fb:[\w-]{8,32}:up$/),
      expect.stringMatching(/^fb:[\w-]{8,32}:down$/),
    ]);
  });

  it("/ask answers from the notes, or says the notes do not cover it", async () => {
    const body = await command("/ask Docker Compose とは");
    expect(headerOf(body)).toBe("Docker Compose");
    expect(buttonIdsOf(body)).toHaveLength(3); // Share, 👍, 👎
    const none = await command("/ask how do I bake sourdough bread");
    expect(headerOf(none)).toBe("Not in your notes");
    // No Share and no vote for "not in your notes": a request for a note instead (src/core/gaps).
    expect(buttonIdsOf(none)).toEqual([expect.stringMatching(/^gap:\d+$/)]);
  });

  it("Share reposts the answer publicly with chat.postMessage, credited, without buttons", async () => {
    const answer = await command("/explain docker cp", { channel_id: "C0SHARE001" });
    const [shareId = ""] = buttonIdsOf(answer);
    const click = await h.fake.sendBlockAction(h.url, SECRET, {
      action_id: shareId,
      value: shareId,
      user_id: ADA.id,
      channel_id: "C0SHARE001",
      ephemeral: true,
    });
    expect(click.status).toBe(200);
    expect(click.elapsedMs).toBeLessThan(SLACK_ACK_DEADLINE_MS);
    const post = await h.fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0SHARE001");
    expect(post.response.ok).toBe(true);
    expectSafe(post.body);
    expect(post.body).toMatchObject({ unfurl_links: "false", unfurl_media: "false" }); // form-encoded
    expect(headerOf(post.body)).toBe("docker container cp");
    expect(textsOf(post.body).join("\n")).toContain("Shared by Ada L.");
    expect(buttonIdsOf(post.body)).toEqual([]);
    const ack = await h.fake.waitForResponse(click.responseUrlId!);
    expect(ack.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(textsOf(ack.body).join("\n")).toContain("Shared to the channel.");
  });

  it("Share where the bot may not post goes through the response_url in_channel", async () => {
    const answer = await command("/ask Docker Compose とは", { channel_id: "CNOTJOINED" });
    const [shareId = ""] = buttonIdsOf(answer);
    const click = await h.fake.sendBlockAction(h.url, SECRET, {
      action_id: shareId,
      value: shareId,
      user_id: ADA.id,
      channel_id: "CNOTJOINED",
      ephemeral: true,
    });
    const posts = () => h.fake.responsesFor(click.responseUrlId!);
    await expect.poll(() => posts().length).toBe(2);
    expect(posts()[0]?.body).toMatchObject({ response_type: "in_channel" });
    expect(headerOf(posts()[0]?.body ?? {})).toBe("Docker Compose");
    expect(h.fake.callsTo("chat.postMessage")[0]?.response.error).toBe("not_in_channel");
  });

  it("/quiz is public with one button per choice; an answer updates the count, once per person", async () => {
    const quiz = await command("/quiz", { channel_id: "C0QUIZ0001" });
    expect(quiz.response_type).toBe("in_channel");
    const ids = buttonIdsOf(quiz);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    for (const id of ids) expect(id).toMatch(/^quiz:\d+:\d$/);
    expect(textsOf(quiz).join("\n")).toContain("0 answered");

    const press = async (user: string, id: string) => {
      const res = await h.fake.sendBlockAction(h.url, SECRET, {
        action_id: id,
        value: id,
        user_id: user,
        channel_id: "C0QUIZ0001",
        message_blocks: quiz.blocks as unknown[],
      });
      expect(res.status).toBe(200);
      return res;
    };
    const first = await press(ADA.id, ids[0] ?? "");
    await expect.poll(() => h.fake.responsesFor(first.responseUrlId!).length).toBe(2);
    const [update, result] = h.fake.responsesFor(first.responseUrlId!);
    expect(update?.body).toMatchObject({ replace_original: true });
    expectSafe(update?.body ?? {});
    expect(textsOf(update?.body ?? {}).join("\n")).toContain("1 answered");
    expect(buttonIdsOf(update?.body ?? {})).toEqual(ids);
    expect(result?.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(textsOf(result?.body ?? {}).join("\n")).toMatch(/Right!|Not quite/);

    const again = await press(ADA.id, ids[1] ?? "");
    const repeat = await h.fake.waitForResponse(again.responseUrlId!);
    expect(textsOf(repeat.body).join("\n")).toContain("You already answered");
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.responsesFor(again.responseUrlId!)).toHaveLength(1); // no update: the count is unchanged

    const second = await press(BOB.id, ids[0] ?? "");
    await expect.poll(() => h.fake.responsesFor(second.responseUrlId!).length).toBe(2);
    expect(textsOf(h.fake.responsesFor(second.responseUrlId!)[0]?.body ?? {}).join("\n")).toContain(
      "2 answered",
    );
    expect(h.fake.violations).toEqual([]);
  });

  it("/review, /leaderboard and /stats, including /stats of someone named with an escaped mention", async () => {
    expect(headerOf(await command("/review"))).toBe("Review");
    const board = await command("/leaderboard month");
    expect(board.response_type).toBe("in_channel");
    expect(textsOf(board).join("\n")).toContain("month");
    expect(headerOf(await command("/stats"))).toBe("Stats for Ada L.");
    // With should_escape, Slack sends "@bob" as <@UBOB000001|bob>: the id reaches core, which shows the
    // name Bob answered quizzes under (he answered one above), as text, never as a mention.
    expect(headerOf(await command(`/stats <@${BOB.id}|bob>`))).toBe("Stats for bob");
    expect(textsOf(await command("/leaderboard fortnight")).join("\n")).toContain(
      "must be week, month or all",
    );
  });

  it("/tutor is for admins: TUTOR_ADMINS or Slack workspace admins; others are told so", async () => {
    const denied = await command("/tutor daily show", { user_id: BOB.id });
    expect(textsOf(denied).join("\n")).toContain("Only admins can run /tutor daily show.");
    const set = await command("/tutor daily set 09:00 Asia/Tokyo", {
      user_id: LISTED_ADMIN,
      channel_id: "C0DAILY001",
    });
    expect(textsOf(set).join("\n")).toContain("Daily quiz set: every day at 09:00 (Asia/Tokyo)");
    const show = await command("/tutor daily show", { user_id: SLACK_ADMIN.id, channel_id: "C0DAILY001" });
    expect(textsOf(show).join("\n")).toContain("Daily quiz: 09:00 (Asia/Tokyo)");
    const group = await command("/tutor", { user_id: SLACK_ADMIN.id });
    expect(textsOf(group).join("\n")).toContain("/tutor daily");
    expect(h.fake.callsTo("users.info").every((c) => c.body.include_locale === true)).toBe(true);
  });

  it("the daily quiz is posted with chat.postMessage by the surface's poster", async () => {
    await command("/tutor daily set 09:00 UTC", { user_id: LISTED_ADMIN, channel_id: "C0DAILY002" });
    await h.tutor.daily.start([h.surface.poster]);
    const schedule = await h.tutor.daily.schedules.get({
      platform: "slack",
      workspaceId: h.fake.teamId,
      channelId: "C0DAILY002",
    });
    expect(schedule).not.toBeNull();
    if (schedule) await h.tutor.daily.fire(schedule);
    const call = await h.fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0DAILY002");
    expect(call.response.ok).toBe(true);
    expectSafe(call.body);
    expect(headerOf(call.body)).toMatch(/^Daily quiz · \d{4}-\d{2}-\d{2}$/);
    expect(buttonIdsOf(call.body).every((id) => /^quiz:\d+:\d$/.test(id))).toBe(true);
    h.tutor.daily.stop();
  });

  it("an unknown or forged button id gets a polite private answer", async () => {
    const res = await h.fake.sendBlockAction(h.url, SECRET, {
      action_id: "share:<!channel>",
      user_id: BOB.id,
    });
    const post = await h.fake.waitForResponse(res.responseUrlId!);
    expect(post.body).toMatchObject({ response_type: "ephemeral" });
    expect(textsOf(post.body).join("\n")).toContain("This button no longer works");
    expect(h.fake.callsTo("chat.postMessage")).toEqual([]);
  });

  it("answers a mention in the message's thread", async () => {
    const event = h.fake.appMention({
      text: h.fake.mention("explain docker cp"),
      user: ADA.id,
      channel: "C0MENTION1",
    });
    const res = await h.fake.sendEvent(h.url, SECRET, event);
    expect(res.status).toBe(200);
    const call = await h.fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0MENTION1");
    expect(call.body.thread_ts).toBe(event.ts);
    expect(headerOf(call.body)).toBe("docker container cp");
    expectSafe(call.body);

    const inThread = h.fake.appMention({
      text: `${h.fake.mention("how do I copy a file out of a container")}`,
      user: BOB.id,
      channel: "C0MENTION2",
      thread_ts: "1700000000.000001",
    });
    await h.fake.sendEvent(h.url, SECRET, inThread);
    const reply2 = await h.fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0MENTION2");
    expect(reply2.body.thread_ts).toBe("1700000000.000001");
  });

  it("welcomes a newcomer privately in an onboarding channel, and nobody elsewhere", async () => {
    await h.fake.sendEvent(h.url, SECRET, h.fake.memberJoined({ user: BOB.id, channel: "C0ELSEWHR1" }));
    await h.fake.sendEvent(
      h.url,
      SECRET,
      h.fake.memberJoined({ user: h.fake.botUserId, channel: ONBOARDING }),
    );
    const res = await h.fake.sendEvent(
      h.url,
      SECRET,
      h.fake.memberJoined({ user: BOB.id, channel: ONBOARDING }),
    );
    expect(res.status).toBe(200);
    const call = await h.fake.waitForCall("chat.postEphemeral");
    expect(call.body).toMatchObject({ channel: ONBOARDING, user: BOB.id });
    expect(headerOf(call.body)).toBe("Welcome");
    expectSafe(call.body);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.callsTo("chat.postEphemeral")).toHaveLength(1);
  });

  it("onboarding: an admin names the channel with #, a newcomer is welcomed privately and can start", async () => {
    const set = await command("/tutor onboarding channel <#C0WELCOME1|welcome>", { user_id: LISTED_ADMIN });
    expect(textsOf(set).join("\n")).not.toMatch(/doesn't fit|Only admins/);
    await h.fake.sendEvent(h.url, SECRET, h.fake.memberJoined({ user: BOB.id, channel: "C0WELCOME1" }));
    const welcome = await h.fake.waitForCall("chat.postEphemeral", (c) => c.body.channel === "C0WELCOME1");
    expect(welcome.body.user).toBe(BOB.id);
    expectSafe(welcome.body);
    const [start = ""] = buttonIdsOf(welcome.body);
    expect(start).toBe("onb:start");
    const click = await h.fake.sendBlockAction(h.url, SECRET, {
      action_id: start,
      value: start,
      user_id: BOB.id,
      channel_id: "C0WELCOME1",
      ephemeral: true,
    });
    const lesson = await h.fake.waitForResponse(click.responseUrlId!);
    expectSafe(lesson.body);
    expect(lesson.body.response_type).toBe("ephemeral");
  });

  it("rejects a bad signature, a missing one and a timestamp older than 5 minutes with 401", async () => {
    const input = { command: "/help", user_id: ADA.id };
    const bad = await h.fake.sendSlashCommand(h.url, SECRET, input, { badSignature: true });
    const none = await h.fake.sendSlashCommand(h.url, SECRET, input, { noSignature: true });
    const stale = await h.fake.sendSlashCommand(h.url, SECRET, input, { staleTimestamp: true });
    const event = await h.fake.sendEvent(h.url, SECRET, h.fake.appMention({ text: h.fake.mention("help") }), {
      badSignature: true,
    });
    expect([bad.status, none.status, stale.status, event.status]).toEqual([401, 401, 401, 401]);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.responses).toEqual([]);
    expect(h.fake.calls).toEqual([]);
  });

  it("passes Slack's url_verification, answers 405 to other methods, and leaves /healthz alone", async () => {
    const ok = await h.fake.sendUrlVerification(h.url, SECRET);
    expect(ok.json).toMatchObject({ challenge: expect.any(String) });
    const get = await fetch(h.url);
    expect(get.status).toBe(405);
    const health = await fetch(`http://127.0.0.1:${h.http.port}/healthz`);
    expect(health.status).toBe(200);
    expect(h.surface.connected()).toBe(true);
  });

  it("/explain <!channel> @here <@U123> pings nobody: every text of the exact request is escaped", async () => {
    const body = await command("/explain <!channel> @here <@U123> <!subteam^S0TEAM|@devs> &lt;!everyone&gt;");
    const texts = textsOf(body);
    expect(texts.join("\n")).toContain("`@channel @here &lt;@U123&gt; @devs &lt;!everyone&gt;`");
    expect(body.link_names).toBeUndefined();
    expect(body.parse).toBeUndefined();
    // expectSafe (in command) already checked: no raw "<" or "&", every mrkdwn object verbatim.

    const event = h.fake.appMention({
      text: h.fake.mention("<!here> what is <https://evil.example|a pod>?"),
    });
    await h.fake.sendEvent(h.url, SECRET, event);
    const call = await h.fake.waitForCall("chat.postMessage");
    expectSafe(call.body);
    expect(textsOf(call.body).join("\n")).not.toContain("https://evil.example");
  });

  it("answers a slash command the registry does not have (an old manifest) instead of timing out", async () => {
    const body = await command("/oldcommand something");
    expect(textsOf(body).join("\n")).toContain("I don't know the command /oldcommand");
  });

  it("rejects a raw POST that is not signed at all", async () => {
    const res = await postSigned(
      h.url,
      "wrong-secret",
      "command=%2Fhelp",
      "application/x-www-form-urlencoded",
    );
    expect(res.status).toBe(401);
  });
});

describe("Slack adapter: slow answers", () => {
  let h: SlackHarness;
  const DELAY_MS = 3500;

  beforeAll(async () => {
    h = await startSlackHarness({
      setup: (tutor) => {
        const run = tutor.runTextForChat.bind(tutor);
        tutor.runTextForChat = async (ctx, line) => {
          await new Promise((r) => setTimeout(r, DELAY_MS));
          return run(ctx, line);
        };
      },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("acks within Slack's 3 seconds and answers later through response_url", async () => {
    const started = Date.now();
    const res = await h.fake.sendSlashCommand(h.url, SECRET, { command: "/explain", text: "docker cp" });
    expect(res.status).toBe(200);
    expect(res.withinDeadline).toBe(true);
    expect(res.elapsedMs).toBeLessThan(1000);
    expect(h.fake.responses).toEqual([]);
    const post = await h.fake.waitForResponse(res.responseUrlId!, () => true, 10_000);
    expect(post.at - started).toBeGreaterThanOrEqual(DELAY_MS - 50);
    expect(headerOf(post.body)).toBe("docker container cp");
  });
});

describe("Slack adapter: start-up as in production", () => {
  it("checks the token with auth.test and learns the bot's ids from it", async () => {
    const h = await startSlackHarness({ botIds: false });
    try {
      expect(h.fake.callsTo("auth.test").map((c) => c.token)).toEqual([h.fake.botToken]);
      // The bot's user id from auth.test is what a mention is stripped of.
      await h.fake.sendEvent(h.url, SECRET, h.fake.appMention({ text: h.fake.mention("explain docker cp") }));
      const call = await h.fake.waitForCall("chat.postMessage");
      expect(headerOf(call.body)).toBe("docker container cp");
      expect(h.fake.callsTo("auth.test")).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it("refuses to start with a token Slack does not accept", async () => {
    await expect(startSlackHarness({ botIds: false, botToken: "xoxb-revoked" })).rejects.toMatchObject({
      data: { error: "invalid_auth" },
    });
  });
});

describe("Slack adapter: before start and after stop", () => {
  it("answers 503 while not accepting, and reports disconnected", async () => {
    const h = await startSlackHarness();
    try {
      await h.surface.stop();
      expect(h.surface.connected()).toBe(false);
      const res = await h.fake.sendSlashCommand(h.url, SECRET, { command: "/help" });
      expect(res.status).toBe(503);
      expect(await h.metrics.connected.get()).toMatchObject({
        values: [{ value: 0, labels: { platform: "slack" } }],
      });
    } finally {
      await h.close();
    }
  });
});
