/**
 * Text the bot did not write — a member's nickname, the notes, what someone typed — never becomes a live
 * link or formatting on Discord, on every path: the public leaderboard, /stats, /ask and its Share, an
 * answer echoing the query, autocomplete. Through the real discord.js client against the fake Discord.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIEmbed } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { autocompleteChoices } from "../../../src/bots/discord/interactions.js";
import { toDiscordMarkdown } from "../../../src/bots/discord/markdown.js";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import { defaultGuildOptions } from "../../fakes/discord.js";
import { formattedLines, liveLinks } from "../../fakes/discord-markdown.js";
import { callbackOf, type Harness, startHarness } from "./harness.js";

const HOSTILE_NICK = "[a](b)[Free Nitro](https://x.co)";

/** Notes a contributor could write: escaped brackets are literal text, so the answer quotes them. */
const HOSTILE_NOTES = `# Accounts

## Password reset

A password reset link is sent by mail. \\[a](b) \\[Reset your password](https://evil.example/reset) is what
the mail says, and \\[Free
Nitro](https://x.co) is spam; see https://evil.example/bare too.

# Heading lookalikes

## Mail lines

Mail lines in the notes:
-# small print <https://evil.example/angle>
`;

interface Body {
  embeds?: APIEmbed[];
  components?: { components: { custom_id: string; label: string }[] }[];
  allowed_mentions?: unknown;
}

const bodyOf = (raw: unknown): Body => ((raw as { data?: Body }).data ?? (raw as Body)) as Body;

/** Every piece of text of a message that Discord shows as markdown, and the plain ones. */
function texts(body: Body): { markdown: string[]; plain: string[] } {
  const markdown: string[] = [];
  const plain: string[] = [];
  for (const e of body.embeds ?? []) {
    markdown.push(e.title ?? "", e.description ?? "");
    for (const f of e.fields ?? []) markdown.push(f.name, f.value);
    plain.push(e.author?.name ?? "", e.footer?.text ?? "");
    expect(e.url).toBeUndefined();
  }
  for (const row of body.components ?? []) for (const b of row.components) plain.push(b.label);
  return { markdown, plain };
}

/** No live link, no formatting from someone else's text, nobody pinged. */
function expectInert(raw: unknown): void {
  const body = bodyOf(raw);
  expect(body.allowed_mentions).toEqual({ parse: [] });
  const { markdown, plain } = texts(body);
  for (const m of markdown) {
    expect(liveLinks(m)).toEqual([]);
    expect(formattedLines(m)).toEqual([]);
  }
  for (const p of plain) expect(p).not.toMatch(/[a-z]:\/\//i);
}

let h: Harness;
let notesDir: string;

beforeAll(async () => {
  notesDir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-notes-"));
  fs.writeFileSync(path.join(notesDir, "accounts.md"), HOSTILE_NOTES);
  // The bundled notes too, for quiz questions.
  fs.copyFileSync(
    path.join(BUNDLED_NOTES_DIR, "docker-kubernetes.md"),
    path.join(notesDir, "docker-kubernetes.md"),
  );
  const guild = defaultGuildOptions();
  guild.members = [...(guild.members ?? []), { username: "mallory", nick: HOSTILE_NICK }];
  h = await startHarness({ fake: { guilds: [guild] }, notesDir });
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(notesDir, { recursive: true, force: true });
});
afterEach(() => {
  h.fake.assertNoErrors();
  h.fake.reset();
});

describe("the Discord markdown model used here", () => {
  it("sees the links and formatting Discord would show", () => {
    expect(liveLinks(HOSTILE_NICK)).toEqual(["https://x.co"]);
    expect(liveLinks("\\[a](b)[Free Nitro](https://x.co)")).toEqual(["https://x.co"]);
    expect(liveLinks("[Free\nNitro](https://x.co) <https://a.example> https://b.example/x.")).toEqual([
      "https://x.co",
      "https://a.example",
      "https://b.example/x",
    ]);
    expect(liveLinks("`https://in.code` \\[x\\]\\(https\\://no\\) https:\u200d//no")).toEqual([]);
    expect(formattedLines("# h\n-# s\n> q\n - l\n1. n\n\\# no")).toEqual([
      "# h",
      "-# s",
      "> q",
      " - l",
      "1. n",
    ]);
  });
});

describe("hostile text on Discord", () => {
  it("shows a hostile nickname on the public leaderboard and in /stats as text, never as a link", async () => {
    const quiz = h.fake.slashCommand({ name: "quiz", user: "bob" });
    const question = bodyOf((await callbackOf(h.fake, quiz.id)).body);
    const button = question.components?.[0]?.components[0]?.custom_id ?? "";
    const message = h.fake.originalResponse(quiz.id) as { id: string };
    const answer = h.fake.buttonClick({ customId: button, user: "mallory", message: message.id });
    await callbackOf(h.fake, answer.id);

    const board = h.fake.slashCommand({ name: "leaderboard", user: "bob" });
    const shown = (await callbackOf(h.fake, board.id)).body;
    expectInert(shown);
    const description = bodyOf(shown).embeds?.[0]?.description ?? "";
    // The name is all there, each markdown character escaped.
    expect(description).toContain("\\[a\\]\\(b\\)\\[Free Nitro\\]\\(https\\:\u200d//x.co\\)");

    const stats = h.fake.slashCommand({ name: "stats", user: "bob", options: { user: "mallory" } });
    expectInert((await callbackOf(h.fake, stats.id)).body);
  });

  it("quotes hostile notes in /ask and in the shared answer without a live link", async () => {
    const ask = h.fake.slashCommand({
      name: "ask",
      user: "mallory",
      options: { question: "how is a password reset link sent" },
    });
    const answer = (await callbackOf(h.fake, ask.id)).body;
    expectInert(answer);
    const description = bodyOf(answer).embeds?.[0]?.description ?? "";
    expect(description).toContain("Reset your password");
    expect(description).toContain("evil.example/reset");

    const share = bodyOf(answer).components?.[0]?.components[0]?.custom_id ?? "";
    expect(share).toMatch(/^share:/);
    const click = h.fake.buttonClick({ customId: share, user: "mallory" });
    await callbackOf(h.fake, click.id);
    const post = await h.fake.waitForRequest("POST", `/channels/${h.fake.channelId}/messages`);
    expectInert(post.body);
    // The presser's hostile nickname is on the author line, shown as plain text, its link broken.
    expect(bodyOf(post.body).embeds?.[0]?.author?.name).toContain(
      "Shared by [a](b)[Free Nitro](https:\u200d//x.co)",
    );
  });

  it("keeps a notes line that looks like subtext or a quote plain", async () => {
    const ask = h.fake.slashCommand({
      name: "ask",
      user: "bob",
      options: { question: "mail lines in the notes" },
    });
    const answer = (await callbackOf(h.fake, ask.id)).body;
    expectInert(answer);
  });

  it("echoes a hostile query in a not-found answer as text", async () => {
    const explain = h.fake.slashCommand({
      name: "explain",
      user: "bob",
      options: { command: "[Free Nitro](https://x.co) https://evil.example/x" },
    });
    expectInert((await callbackOf(h.fake, explain.id)).body);
  });

  it("breaks links in autocomplete choice names, keeping the value as typed", () => {
    const [choice] = autocompleteChoices(["open https://evil.example/x"]);
    expect(choice?.name).toBe("open https:\u200d//evil.example/x");
    expect(choice?.value).toBe("open https://evil.example/x");
  });

  it("escapes every markdown form, whatever the input (property-style sample)", () => {
    for (const s of [
      "[x](https://a.example)[y](https://b.example)",
      "[x](<https://a.example>)",
      "<https://a.example>",
      "\\[x](https://a.example)",
      "[multi\nline](https://a.example)",
      "# h\n## h2\n-# sub\n> q\n>>> qq\n- a\n* b\n+ c\n12. d",
      "discord://-/channels/1 steam://run/1",
    ]) {
      const out = toDiscordMarkdown(s);
      expect(liveLinks(out)).toEqual([]);
      expect(formattedLines(out)).toEqual([]);
    }
  });
});
