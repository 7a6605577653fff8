// Two replicas of the service as real processes (`npm start`), one PostgreSQL (DATABASE_URL), each with its
// own index file, both behind one fake Slack and one fake Discord (shard 0 and shard 1 of 2): what
// Kubernetes runs with the overlays. Over seven simulated days, with one replica restarted mid-week, each
// channel's daily quiz (two Slack channels, a Discord channel of each shard) is posted exactly once a
// day; a quiz click delivered to both replicas counts once; a newcomer's onboarding progress, recorded by
// either replica, is the same on both; /readyz reports the database. Exactly-once comes from the schema
// (unique claims, transactions): the processes share nothing else.
//
// The days pass on a test clock (TUTOR_TEST_CLOCK_FILE, honoured only with NODE_ENV=test): a file both
// processes read as "now". Each move of it makes every replica send what is due by then, as the daily
// jobs would at the scheduled minute, so both race for every post.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openPostgresStores } from "../../src/core/storage/postgres/index.js";
import type { StateStores } from "../../src/core/storage/stores.js";
import { buttonIdsOf, headerOf, textsOf } from "../bots/slack/harness.js";
import { ownerOf, sixGuilds } from "../bots/discord/shard-guilds.js";
import { FakeDiscord } from "../fakes/discord.js";
import { FakeSlack, type SlackCall } from "../fakes/slack.js";
import { createTestDatabase } from "../helpers/postgres.js";
import { describeOnPostgres } from "../helpers/postgres-suite.js";
import { killAll, type Started, serveProcess, stopProcess } from "../helpers/service.js";
import { tempDir } from "../helpers/tutor.js";

const SECRET = "replicas-signing-secret";
const ADMIN = { id: "U0REPADMIN", name: "admin" };
const NEWCOMER = { id: "U0REPNEWBY", name: "newby" };
const LEARNERS = ["U0LEARNER1", "U0LEARNER2", "U0LEARNER3", "U0LEARNER4"];
/** Two channels with daily quizzes in two time zones (Tokyo's day starts 9 hours before UTC's). */
const UTC_CHANNEL = "C0DAILYUTC";
const TOKYO_CHANNEL = "C0DAILYTYO";
const WELCOME = "C0WELCOMER";
const DAYS = 7;
const SHARDS = 2;
/** The simulated days: 2026-03-02 … 2026-03-08, each visited at 09:05 UTC (18:05 in Tokyo). */
const dayOf = (d: number) => `2026-03-${String(2 + d).padStart(2, "0")}`;
/** After the last post expected, how long a second (double) post is given to show up. */
const DOUBLE_POST_GRACE_MS = 600;

interface Replica {
  name: string;
  s: Started;
  port: number;
  url: string;
}

describeOnPostgres("two replicas on one PostgreSQL", (server) => {
  const tmp = tempDir("replicas");
  const clockFile = path.join(tmp.dir, "now");
  let database: { url: string; drop: () => Promise<void> };
  let slack: FakeSlack;
  let discord: FakeDiscord;
  /** A Discord channel of a server of each shard. */
  let discordChannels: { guildId: string; channelId: string }[] = [];
  let stores: StateStores;
  const replicas: Record<"a" | "b", Replica | undefined> = { a: undefined, b: undefined };

  const setClock = (iso: string) => fs.writeFileSync(clockFile, `${iso}\n`);
  const envOf = (name: "a" | "b"): Record<string, string> => ({
    NODE_ENV: "test",
    TUTOR_TEST_CLOCK_FILE: clockFile,
    DATABASE_URL: database.url,
    // The index is per pod: each replica its own file.
    TUTOR_DB: path.join(tmp.dir, `${name}.sqlite`),
    TUTOR_NOTES_WATCH: "false",
    TUTOR_ADMINS: ADMIN.id,
    SHUTDOWN_TIMEOUT_MS: "2000",
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    // One Discord shard per replica, as in the StatefulSet.
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.restUrl,
    DISCORD_SHARD_COUNT: String(SHARDS),
    DISCORD_SHARD_ID: name === "a" ? "0" : "1",
  });
  async function start(name: "a" | "b"): Promise<Replica> {
    const { s, port } = await serveProcess(envOf(name));
    const replica = { name, s, port, url: `http://127.0.0.1:${port}/slack/events` };
    replicas[name] = replica;
    return replica;
  }
  const replica = (name: "a" | "b"): Replica => {
    const r = replicas[name];
    if (!r) throw new Error(`replica ${name} is not running`);
    return r;
  };

  async function slash(
    r: Replica,
    command: string,
    text: string,
    user: { id: string; name: string },
    channel: string,
  ) {
    const res = await slack.sendSlashCommand(r.url, SECRET, {
      command,
      text,
      user_id: user.id,
      user_name: user.name,
      channel_id: channel,
    });
    expect(res.status).toBe(200);
    return (await slack.waitForResponse(res.responseUrlId!, () => true, 10_000)).body;
  }
  async function press(r: Replica, actionId: string, user: string, channel: string, ephemeral: boolean) {
    const res = await slack.sendBlockAction(r.url, SECRET, {
      action_id: actionId,
      block_id: "tutor_choices",
      value: actionId,
      user_id: user,
      user_name: user,
      channel_id: channel,
      ephemeral,
    });
    expect(res.status).toBe(200);
    expect(res.withinDeadline).toBe(true);
    return (await slack.waitForResponse(res.responseUrlId!, () => true, 10_000)).body;
  }

  const dailyPosts = (channel: string): SlackCall[] =>
    slack.callsTo("chat.postMessage").filter((c) => c.body.channel === channel && c.response.ok === true);
  /** The titles of the daily quizzes posted in a Discord channel, oldest first. */
  const discordDailies = (channelId: string): string[] =>
    discord
      .channelMessages(channelId)
      .map((m) => m.embeds?.[0]?.title ?? "")
      .filter((title) => title.startsWith("Daily quiz"));
  const counts = () => [
    dailyPosts(UTC_CHANNEL).length,
    dailyPosts(TOKYO_CHANNEL).length,
    ...discordChannels.map((c) => discordDailies(c.channelId).length),
  ];
  async function waitForPosts(count: number): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (counts().some((n) => n < count)) {
      if (Date.now() > deadline)
        throw new Error(`expected ${count} daily posts per channel, have ${counts().join(", ")}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, DOUBLE_POST_GRACE_MS));
  }

  beforeAll(async () => {
    database = await createTestDatabase(server, "replicas");
    slack = await FakeSlack.start({ users: [{ ...ADMIN }, { ...NEWCOMER }] });
    // At most 3 servers a shard: neither replica could hold all six alone.
    discord = await new FakeDiscord({ guilds: sixGuilds(), maxGuildsPerShard: 3 }).start();
    discordChannels = [0, 1].map((shard) => {
      const guildId = discord.guildIds.find((g) => ownerOf(g, SHARDS) === shard) ?? "";
      return { guildId, channelId: discord.channelByName("general", guildId).id };
    });
    setClock("2026-03-02T00:00:00.000Z");
    // Both start at once: their migrations meet on one empty database (an advisory lock orders them).
    await Promise.all([start("a"), start("b")]);
    stores = await openPostgresStores(database.url);
  }, 90_000);
  afterAll(async () => {
    killAll();
    await stores?.close();
    await slack?.close();
    await discord?.close();
    await database?.drop();
    tmp.cleanup();
  });

  it("report the PostgreSQL database as ready on /readyz, and say they keep their state there", async () => {
    for (const r of [replica("a"), replica("b")]) {
      const res = await fetch(`http://127.0.0.1:${r.port}/readyz`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { checks: { name: string; ready: boolean }[] };
      expect(body.checks).toEqual([
        { name: "database", ready: true },
        { name: "index", ready: true },
        { name: "slack", ready: true },
        { name: "discord", ready: true },
      ]);
      const ready = r.s.stderrLines.find((l) => l.includes('"notes-tutor ready"')) ?? "";
      expect(JSON.parse(ready)).toMatchObject({ state: "postgres", platforms: ["slack", "discord"] });
    }
    const sessions = discord.shardSessions.filter((s) => s.connected).map((s) => s.shard);
    expect(sessions.sort((x, y) => x[0] - y[0])).toEqual([
      [0, SHARDS],
      [1, SHARDS],
    ]);
  });

  it("post each channel's daily quiz exactly once a day for 7 days, one replica restarted midweek", {
    timeout: 120_000,
  }, async () => {
    // Each schedule is set through both replicas (the admin ran it twice, each time reaching another pod):
    // one schedule per channel in the database, which both replicas post from.
    for (const name of ["a", "b"] as const) {
      const utc = await slash(replica(name), "/tutor", "daily set 09:00 UTC", ADMIN, UTC_CHANNEL);
      expect(textsOf(utc).join("\n")).toContain("every day at 09:00 (UTC)");
      const tokyo = await slash(replica(name), "/tutor", "daily set 08:30 Asia/Tokyo", ADMIN, TOKYO_CHANNEL);
      expect(textsOf(tokyo).join("\n")).toContain("every day at 08:30 (Asia/Tokyo)");
    }
    expect(await stores.schedules.enabled(["slack"])).toHaveLength(2);
    // A Discord channel of each shard's server, scheduled in the database: both replicas post to Discord
    // (by REST, whichever shard holds the server), so both race for these too.
    for (const { guildId, channelId } of discordChannels) {
      await stores.schedules.set(
        {
          platform: "discord",
          workspaceId: guildId,
          channelId,
          time: "07:00",
          timezone: "Europe/Paris",
          topic: null,
        },
        "admin",
        new Date("2026-03-02T00:00:00.000Z"),
      );
    }

    for (let d = 0; d < DAYS; d++) {
      if (d === 3) {
        // Midweek B goes down; the day comes while it is stopped, and it starts again at once: its own
        // start-up catch-up races A for the same posts.
        const { code } = await stopProcess(replica("b").s, "SIGTERM");
        expect(code).toBe(0);
        replicas.b = undefined;
        setClock(`${dayOf(d)}T09:05:00.000Z`);
        await start("b");
      } else {
        setClock(`${dayOf(d)}T09:05:00.000Z`);
      }
      await waitForPosts(d + 1);
    }

    const expected = Array.from({ length: DAYS }, (_, d) => `Daily quiz · ${dayOf(d)}`);
    for (const { channelId } of discordChannels) expect(discordDailies(channelId)).toEqual(expected);
    discord.assertNoErrors();
    for (const channel of [UTC_CHANNEL, TOKYO_CHANNEL]) {
      const headers = dailyPosts(channel).map((c) => headerOf(c.body));
      expect(headers).toEqual(expected);
      // What the database says agrees: one daily post per date, each sent (it has a message id).
      const posts = await stores.quiz.dailyPosts({
        platform: "slack",
        workspaceId: slack.teamId,
        channelId: channel,
      });
      expect(posts.map((p) => p.postDate).sort()).toEqual(Array.from({ length: DAYS }, (_, d) => dayOf(d)));
      expect(posts.every((p) => p.messageId !== null)).toBe(true);
    }
    // Neither replica failed a post or a catch-up (a lost race is no failure: the loser sends nothing).
    for (const r of [replica("a"), replica("b")])
      expect(r.s.stderr).not.toMatch(/daily (post|catch-up) failed/);
  });

  it("count a quiz click delivered to both replicas once", { timeout: 60_000 }, async () => {
    const latest = dailyPosts(UTC_CHANNEL).at(-1);
    if (!latest) throw new Error("no daily post to answer");
    const ids = buttonIdsOf(latest.body);
    const postId = Number(ids[0]?.split(":")[1]);
    expect(ids.every((id) => id.startsWith(`quiz:${postId}:`))).toBe(true);
    // Each learner's click reaches both replicas at the same moment (a retried delivery, a second pod).
    const answers = await Promise.all(
      LEARNERS.flatMap((user, i) =>
        (["a", "b"] as const).map((name) =>
          press(replica(name), ids[i % ids.length] ?? "", user, UTC_CHANNEL, false),
        ),
      ),
    );
    expect(await stores.quiz.answerCount(postId)).toMatchObject({ total: LEARNERS.length });
    // Per learner, one replica recorded it and the other said it was answered already.
    const already = answers.filter((body) =>
      textsOf(body).join("\n").includes("You already answered this one"),
    );
    expect(already).toHaveLength(LEARNERS.length);
    for (const user of LEARNERS) {
      const stats = await slash(replica("b"), "/stats", "", { id: user, name: user }, UTC_CHANNEL);
      expect(textsOf(stats).join("\n")).toMatch(/Answered: 1\b/);
    }
  });

  it("keep one newcomer's onboarding progress, whichever replica records each step", {
    timeout: 60_000,
  }, async () => {
    const set = await slash(
      replica("a"),
      "/tutor",
      `onboarding channel <#${WELCOME}|welcome>`,
      ADMIN,
      WELCOME,
    );
    expect(textsOf(set).join("\n")).toContain("is now an onboarding channel");
    // The join reaches B, which welcomes; the Start button is pressed on A.
    await slack.sendEvent(
      replica("b").url,
      SECRET,
      slack.memberJoined({ user: NEWCOMER.id, channel: WELCOME }),
    );
    const welcome = await slack.waitForCall("chat.postEphemeral", (c) => c.body.channel === WELCOME, 10_000);
    expect(buttonIdsOf(welcome.body)).toContain("onb:start");
    let body = await press(replica("a"), "onb:start", NEWCOMER.id, WELCOME, true);
    const seen: number[] = [];
    // Five lessons, the presses alternating between the replicas; a checkpoint is answered right.
    for (let press_ = 0; seen.length < 5 && press_ < 40; press_++) {
      const header = headerOf(body) ?? "";
      const lesson = /^Lesson (\d+)\/\d+/.exec(header)?.[1];
      if (lesson && seen.at(-1) !== Number(lesson)) seen.push(Number(lesson));
      const buttons = buttonIdsOf(body);
      const quiz = buttons.find((id) => id.startsWith("quiz:"));
      let next = buttons.find((id) => id.startsWith("onb:"));
      if (quiz) {
        const post = await stores.quiz.post(Number(quiz.split(":")[1]));
        const question = post ? await stores.quiz.question(post.questionId) : undefined;
        next = `quiz:${post?.id}:${question?.answer}`;
      }
      if (!next) throw new Error(`nothing to press on: ${JSON.stringify(body)}`);
      body = await press(replica(press_ % 2 === 0 ? "b" : "a"), next, NEWCOMER.id, WELCOME, true);
    }
    // Each replica showed the lesson after the one the other recorded.
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    const who = { platform: "slack", workspaceId: slack.teamId, userId: NEWCOMER.id };
    expect((await stores.onboarding.completed(who)).size).toBe(4);
    // Both report the same progress.
    const [onA, onB] = await Promise.all(
      (["a", "b"] as const).map((name) => slash(replica(name), "/onboard", "status", NEWCOMER, WELCOME)),
    );
    expect(textsOf(onA ?? {})).toEqual(textsOf(onB ?? {}));
    expect(textsOf(onA ?? {}).join("\n")).toContain("4/25");
  });
});
