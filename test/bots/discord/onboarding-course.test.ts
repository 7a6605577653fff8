/**
 * Onboarding end to end on Discord (issue 8): an admin marks the onboarding channel, a new member joins
 * the server (GUILD_MEMBER_ADD, with the Server Members intent switched on) and is welcomed there with a
 * Start button, presses it, answers every checkpoint right (the right choice is read from the tutor's
 * database) and presses Next through the reading lessons, until the course is finished; the admin's report
 * shows them done. Asserted on the exact message and interaction callback bodies Discord received.
 */
import { GatewayIntentBits, MessageFlags } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatWhen } from "../../../src/core/quiz/quiz.js";
import type { SentInteraction } from "../../fakes/discord.js";
import { callbackOf, type Harness, startHarness } from "./harness.js";

const envelope = { tts: false, enforce_nonce: false, allowed_mentions: { parse: [] } };
const BLURPLE = 0x5865f2;
const GREEN = 0x57f287;

interface Embed {
  title?: string;
  description?: string;
  author?: { name: string };
  footer?: { text: string };
  color?: number;
}
interface Data {
  embeds: Embed[];
  components: {
    type: number;
    components: { type: number; custom_id: string; label: string; style: number }[];
  }[];
  flags?: number;
}

const buttonIds = (d: Data) => d.components.flatMap((r) => r.components.map((c) => c.custom_id));
const descriptions = (d: Data) => d.embeds.map((e) => e.description ?? "").join("\n\n");

describe("Discord onboarding: from joining the server to the finished course", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      // Member joins need the privileged Server Members intent, enabled in the (fake) portal.
      fake: { allowedPrivilegedIntents: GatewayIntentBits.GuildMembers },
      // Every answer as the interaction's one reply (type 4), even on a loaded machine.
      settings: { memberJoins: true, deferAfterMs: 2500 },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("welcomes the member in the onboarding channel, walks all 25 lessons, and the report shows them done", async () => {
    const { fake, tutor } = h;
    const notes = fake.channelByName("notes").id;

    // 1. alice (Manage Server) makes #notes the onboarding channel.
    const set = fake.slashCommand({
      name: "tutor",
      subcommandGroup: "onboarding",
      subcommand: "channel",
      options: { channel: notes },
      user: "alice",
    });
    expect((await callbackOf(fake, set.id)).body).toEqual({
      type: 4,
      data: {
        ...envelope,
        embeds: [
          {
            description: `✅ Channel \`${notes}\` is now an onboarding channel: people who join get the course.`,
            color: GREEN,
          },
        ],
        components: [],
        flags: MessageFlags.Ephemeral,
      },
    });

    // 2. Nina joins the server: the welcome with the Start button goes to #notes (Discord has no private
    // channel messages, so it is public), pinging nobody; her name is escaped as markdown.
    const since = fake.requests.length;
    const nina = fake.memberJoin({ username: "nina", globalName: "Nina_K" }).user?.id ?? "";
    const welcome = await fake.waitForRequest("POST", `/channels/${notes}/messages`, 5_000, { since });
    expect(welcome.body).toEqual({
      ...envelope,
      embeds: [
        {
          description:
            "Welcome, Nina\\_K! This channel has a short course through the team's notes: 25 lessons, " +
            "about 25 min in all, 14 of them with a quick checkpoint.",
          color: BLURPLE,
        },
      ],
      components: [
        { type: 1, components: [{ type: 2, custom_id: "onb:start", label: "Start the course", style: 1 }] },
      ],
    });
    expect(
      fake.requests
        .slice(since)
        .filter((r) => r.method === "POST")
        .map((r) => r.path),
    ).toEqual([`/channels/${notes}/messages`]);

    /** Nina presses a button of a message; the answer is the click's callback, private to her. */
    async function press(customId: string, message: string): Promise<{ click: SentInteraction; data: Data }> {
      const click = fake.buttonClick({ customId, user: nina, channelId: notes, message });
      const cb = await callbackOf(fake, click.id);
      expect(cb.type).toBe(4);
      expect(cb.elapsedMs).toBeLessThan(3000);
      const data = (cb.body as { data: Data }).data;
      expect(cb.body).toMatchObject({ type: 4, data: { ...envelope, flags: MessageFlags.Ephemeral } });
      return { click, data };
    }

    /** The message holding the buttons of an interaction's reply (an ephemeral message Discord stored). */
    function replyMessage(click: SentInteraction): string {
      const id = fake.originalResponse(click.id)?.id;
      if (!id) throw new Error(`no stored reply for interaction ${click.id}`);
      return id;
    }

    /** The button a learner who knows the answers presses: the right choice of a checkpoint, else Next. */
    async function rightButton(data: Data): Promise<string> {
      const ids = buttonIds(data);
      const quiz = ids.find((id) => id.startsWith("quiz:"));
      if (quiz) {
        const postId = Number(quiz.split(":")[1]);
        const post = await tutor.quiz.store.post(postId);
        const question = post ? await tutor.quiz.store.question(post.questionId) : undefined;
        if (!question) throw new Error(`no question behind ${quiz}`);
        const right = `quiz:${postId}:${question.answer}`;
        expect(ids).toContain(right);
        return right;
      }
      const next = ids.find((id) => id.startsWith("onb:"));
      if (!next) throw new Error(`no button to press on: ${JSON.stringify(data)}`);
      return next;
    }

    // 3. Start (on the welcome), then the right answer of every checkpoint, or Next, to the end.
    const welcomeId = (welcome.response as { id: string }).id;
    expect(fake.message(welcomeId)?.channel_id).toBe(notes);
    let { click, data } = await press("onb:start", welcomeId);
    expect(data.embeds[0]).toMatchObject({
      title: "Lesson 1/25: Docker とは",
      author: { name: "Docker · about 1 min" },
      color: BLURPLE,
      footer: { text: "Source: Docker › Docker とは (notes/docker-kubernetes.md#docker-とは)" },
    });
    expect(data.embeds[0]?.description).toMatch(
      /^コンテナ型仮想化技術を実現するために実行される常駐アプリケーション[\s\S]*\n\n░░░░░░░░░░ 0\/25 lessons\n\nℹ️ No checkpoint here: press Next when you have read it\.$/,
    );
    expect(data.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, custom_id: expect.stringMatching(/^onb:done:[0-9a-f]{16}$/), label: "Next", style: 1 },
        ],
      },
    ]);

    const finished = "✅ 🎓 You finished the course: 25 lessons. Well done!";
    const titles: string[] = [];
    const checkpointed: string[] = [];
    const passed: string[] = [];
    let pod = "";
    for (let steps = 0; !descriptions(data).includes(finished); steps++) {
      if (steps > 200) throw new Error("the course did not end within 200 presses");
      const title = data.embeds[0]?.title;
      if (title?.startsWith("Lesson ")) {
        titles.push(title);
        if (buttonIds(data).some((id) => id.startsWith("quiz:"))) checkpointed.push(title);
      }
      const text = descriptions(data);
      passed.push(...text.split("\n\n").filter((p) => p.includes("Lesson complete")));
      if (text.includes("Lesson complete: Pod.")) pod = text;
      ({ click, data } = await press(await rightButton(data), replyMessage(click)));
    }

    expect(titles).toHaveLength(25);
    expect(titles.map((t, i) => t.startsWith(`Lesson ${i + 1}/25: `))).toEqual(titles.map(() => true));
    expect(titles.at(-1)).toBe("Lesson 25/25: ExternalName Service");
    // Every lesson with a checkpoint was completed by passing it, in order (after the note's tone icon).
    expect(checkpointed).toHaveLength(14);
    expect(passed).toEqual(
      checkpointed.map((t) => `✅ Lesson complete: ${t.replace(/^Lesson \d+\/25: /, "")}.`),
    );
    // Passing Pod's checkpoint (lesson 20): the line, then the progress bar.
    expect(pod).toContain("\n\n✅ Lesson complete: Pod.\n\n▓▓▓▓▓▓▓▓░░ 20/25 lessons");

    // The last answer, exactly as Discord received it.
    expect(data).toEqual({
      ...envelope,
      embeds: [{ description: `${finished}\n\n▓▓▓▓▓▓▓▓▓▓ 25/25 lessons`, color: BLURPLE }],
      components: [],
      flags: MessageFlags.Ephemeral,
    });

    // 4. alice's report: Nina, 25/25, her last activity and the cap.
    const member = tutor.db
      .prepare("SELECT last_activity_at, finished_at FROM onboarding_members WHERE user_id = ?")
      .get(nina) as { last_activity_at: string; finished_at: string | null };
    expect(member.finished_at).not.toBeNull();
    const report = fake.slashCommand({
      name: "tutor",
      subcommandGroup: "onboarding",
      subcommand: "report",
      user: "alice",
    });
    expect((await callbackOf(fake, report.id)).body).toEqual({
      type: 4,
      data: {
        ...envelope,
        embeds: [
          {
            title: "Onboarding report",
            description: `Nina\\_K — ▓▓▓▓▓▓▓▓▓▓ 25/25 lessons · last active ${formatWhen(new Date(member.last_activity_at), "en")} · 🎓`,
            color: BLURPLE,
          },
        ],
        components: [],
        flags: MessageFlags.Ephemeral,
      },
    });

    fake.assertNoErrors();
  }, 60_000);
});
