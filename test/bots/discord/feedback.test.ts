/**
 * Feedback, the gaps report and a notes push on Discord, end to end against the fake Discord: 👍 then a
 * changed vote with a reason, a "Request a note" listed by /tutor gaps, and a git push answered from
 * without a restart.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCloneSync } from "../../../src/core/notes-sync/git.js";
import { tempDir } from "../../helpers/tutor.js";
import { notesRepository, QUESTION, widgetNote } from "../../core/notes-sync/helpers.js";
import { callbackOf, type Harness, startHarness } from "./harness.js";

interface Data {
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  components?: { components: { custom_id: string; label: string }[] }[];
}
const dataOf = (body: unknown) => (body as { data: Data }).data;
const buttons = (d: Data) => d.components?.flatMap((r) => r.components) ?? [];
const text = (d: Data) => JSON.stringify(d.embeds ?? []);

describe("Discord: feedback and the gaps report", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function press(customId: string, user: string): Promise<Data> {
    const click = h.fake.buttonClick({ customId, user });
    return dataOf((await callbackOf(h.fake, click.id)).body);
  }

  it("takes a 👍, then a changed vote with a reason", async () => {
    const { id } = h.fake.slashCommand({
      name: "ask",
      options: { question: "how do I copy a file out of a container" },
      user: "bob",
    });
    const answer = dataOf((await callbackOf(h.fake, id)).body);
    const up = buttons(answer).find((b) => b.custom_id.endsWith(":up"));
    const down = buttons(answer).find((b) => b.custom_id.endsWith(":down"));
    expect(up?.label).toBe("👍 Helpful");
    expect(down?.label).toBe("👎 Not helpful");

    expect(text(await press(up?.custom_id ?? "", "bob"))).toMatch(/noted as helpful/);
    const changed = await press(down?.custom_id ?? "", "bob");
    expect(text(changed)).toMatch(/now 👎 not helpful/);
    const outdated = buttons(changed).find((b) => b.label === "Outdated");
    expect(text(await press(outdated?.custom_id ?? "", "bob"))).toMatch(/reason is noted: Outdated/);

    const answerId = up?.custom_id.split(":")[1] ?? "";
    const bob = h.fake.user("bob").id;
    expect(
      await h.tutor.state.feedback.voteOf({
        platform: "discord",
        workspaceId: h.fake.guildId,
        answerId,
        userId: bob,
      }),
    ).toEqual({
      vote: "down",
      reason: "outdated",
    });
  });

  it("lists a requested note in /tutor gaps for an admin", async () => {
    const { id } = h.fake.slashCommand({
      name: "ask",
      options: { question: "how do I rotate vault secrets" },
      user: "bob",
    });
    const miss = dataOf((await callbackOf(h.fake, id)).body);
    const request = buttons(miss).find((b) => b.custom_id.startsWith("gap:"));
    expect(request?.label).toBe("📝 Request a note");
    expect(text(await press(request?.custom_id ?? "", "bob"))).toMatch(/on the list/);

    const denied = h.fake.slashCommand({ name: "tutor", subcommand: "gaps", user: "bob" });
    expect(text(dataOf((await callbackOf(h.fake, denied.id)).body))).toMatch(/Only admins/);
    const gaps = h.fake.slashCommand({ name: "tutor", subcommand: "gaps", user: "alice" });
    const report = text(dataOf((await callbackOf(h.fake, gaps.id)).body));
    expect(report).toMatch(/What to write next in the notes/);
    expect(report).toMatch(/how do I rotate vault secrets/);
    expect(report).toMatch(/asked 1× · 1 request/);
    // The 👎 of the first test is among the worst-rated answers.
    expect(report).toMatch(/👎 1 · 👍 0/);
  });
});

describe("Discord: command of the day", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    h?.tutor.daily.stop();
    await h?.close();
  });

  it("is set by an admin and posted in the channel with the command's explanation", async () => {
    const set = h.fake.slashCommand({
      name: "tutor",
      subcommandGroup: "daily",
      subcommand: "command",
      options: { time: "00:00", timezone: "UTC" },
      user: "alice",
    });
    expect(text(dataOf((await callbackOf(h.fake, set.id)).body))).toMatch(
      /command of the day will be posted here/,
    );
    await h.tutor.daily.start([h.surface.poster]); // 00:00 UTC has passed: today's post goes out now
    await expect.poll(() => h.fake.channelMessages(h.fake.channelId).length).toBeGreaterThan(0);
    const post = h.fake.channelMessages(h.fake.channelId).at(-1);
    const title = post?.embeds[0]?.title ?? "";
    expect(title).toMatch(/^Command of the day: /);
    expect(h.tutor.index.notesCommands()).toContain(title.replace("Command of the day: ", ""));
    expect(post?.embeds[0]?.footer?.text).toMatch(/^Source: /);
  });
});

describe("Discord: a notes push picked up without a restart", () => {
  const tmp = tempDir("discord-git");
  let h: Harness;
  let repo: ReturnType<typeof notesRepository>;
  beforeAll(async () => {
    repo = notesRepository(tmp.dir, { "widgets.md": widgetNote("alpha") });
    const clone = path.join(tmp.dir, "clone");
    const source = { url: repo.url, branch: "main" };
    ensureCloneSync(source, clone);
    h = await startHarness({ notesDir: clone });
    h.tutor.notes.start({ watch: false, git: source, intervalMs: 200 });
  });
  afterAll(async () => {
    await h?.close();
    tmp.cleanup();
  });

  it("answers from the pushed notes", async () => {
    const ask = async () => {
      const { id } = h.fake.slashCommand({ name: "ask", options: { question: QUESTION }, user: "bob" });
      return text(dataOf((await callbackOf(h.fake, id)).body));
    };
    expect(await ask()).toMatch(/--alpha/);
    repo.push({ "widgets.md": widgetNote("beta") }, "beta");
    await expect.poll(ask, { timeout: 15_000, interval: 300 }).toMatch(/--beta/);
  });
});
