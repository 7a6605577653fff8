import { ButtonStyle, ComponentType } from "discord.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeFence, neutralizeMentions, toDiscordMarkdown } from "../../../src/bots/discord/markdown.js";
import { EMBED, type Rendered, renderReply } from "../../../src/bots/discord/render.js";
import { type Block, type Reply, reply } from "../../../src/core/reply.js";

const chars = (s: string | undefined) => [...(s ?? "")].length;

/** Every Discord limit a message body must meet (the fake checks the same on the wire). */
function expectWithinLimits({ message }: Rendered): void {
  expect(message.allowedMentions).toEqual({ parse: [] });
  expect(message.embeds.length).toBeGreaterThan(0);
  expect(message.embeds.length).toBeLessThanOrEqual(EMBED.perMessage);
  let total = 0;
  for (const e of message.embeds) {
    expect(chars(e.title)).toBeLessThanOrEqual(EMBED.title);
    expect(chars(e.description)).toBeLessThanOrEqual(EMBED.description);
    expect(chars(e.author?.name)).toBeLessThanOrEqual(EMBED.author);
    expect(chars(e.footer?.text)).toBeLessThanOrEqual(EMBED.footer);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(EMBED.fields);
    for (const f of e.fields ?? []) {
      expect(chars(f.name)).toBeGreaterThan(0);
      expect(chars(f.name)).toBeLessThanOrEqual(EMBED.fieldName);
      expect(chars(f.value)).toBeGreaterThan(0);
      expect(chars(f.value)).toBeLessThanOrEqual(EMBED.fieldValue);
    }
    total +=
      chars(e.title) +
      chars(e.description) +
      chars(e.author?.name) +
      chars(e.footer?.text) +
      (e.fields ?? []).reduce((n, f) => n + chars(f.name) + chars(f.value), 0);
    expect(e.description !== undefined || (e.fields?.length ?? 0) > 0 || e.title !== undefined).toBe(true);
  }
  expect(total).toBeLessThanOrEqual(EMBED.total);
  expect(message.components.length).toBeLessThanOrEqual(5);
  for (const row of message.components) {
    expect(row.components.length).toBeGreaterThan(0);
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const b of row.components) {
      expect(b.custom_id.length).toBeLessThanOrEqual(100);
      expect(chars(b.label)).toBeLessThanOrEqual(80);
    }
  }
}

describe("core text to Discord markdown", () => {
  it("keeps code spans and bold, escapes the rest", () => {
    expect(toDiscordMarkdown("Use `docker cp *x*` to **copy** _files_ ~~now~~ ||secret||")).toBe(
      "Use `docker cp *x*` to **copy** \\_files\\_ \\~\\~now\\~\\~ \\|\\|secret\\|\\|",
    );
    expect(toDiscordMarkdown("# Title\n[click](https://evil.example)")).toBe(
      "\\# Title\n\\[click\\]\\(https\\:\u200d//evil.example\\)",
    );
    expect(toDiscordMarkdown("-# small\n- item\n  12. item\n> quote\n-d and 1.5")).toBe(
      "-\\# small\n\\- item\n  12\\. item\n\\> quote\n-d and 1.5",
    );
    expect(toDiscordMarkdown("a *b* c")).toBe("a \\*b\\* c");
    expect(toDiscordMarkdown("**`kubectl`** — the CLI")).toBe("**`kubectl`** — the CLI");
  });

  it("breaks mentions outside code spans, and leaves code spans literal", () => {
    expect(toDiscordMarkdown("hi @everyone and @here, <@123> <@!4> <@&5> <#6>")).toBe(
      "hi @\u200beveryone and @\u200bhere, \\<\u200b@123\\> \\<\u200b@!4\\> \\<\u200b@&5\\> \\<\u200b\\#6\\>",
    );
    expect(toDiscordMarkdown("You typed `@everyone <@123>`.")).toBe("You typed `@everyone <@123>`.");
    expect(neutralizeMentions("mail@everyone.example")).toBe("mail@\u200beveryone.example");
  });

  it("never lets a code block's content close its fence", () => {
    expect(codeFence("a\n```\nb", "sh")).toBe("```sh\na\n`\u200b``\nb\n```");
    expect(codeFence("x", "not a lang!")).toBe("```\nx\n```");
  });

  it("never throws, and no mention survives outside code (property)", () => {
    const piece = fc.constantFrom(
      "@everyone",
      "@here",
      "<@123>",
      "<@&9>",
      "<#7>",
      "*",
      "_",
      "**",
      "~~",
      "||",
      "\n",
      "# ",
      "x",
      " ",
      "\\",
      "[a](b)",
      "あ",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const out = toDiscordMarkdown(pieces.join(""));
        expect(out).not.toMatch(/@(everyone|here)/);
        expect(out).not.toMatch(/<(@[!&]?|#)\d+>/);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(typeof toDiscordMarkdown(s)).toBe("string");
      }),
    );
  });
});

describe("renderReply", () => {
  it("renders an answer: title, author line, description, code fence, footer, Share button", () => {
    const r = reply({
      title: "docker container cp",
      subtitle: "📖 Copy files",
      blocks: [
        { type: "text", text: "Copies files between a container and the host." },
        { type: "code", lang: "sh", code: "$ docker container cp web:/etc/hosts ." },
        { type: "note", tone: "warning", text: "Line 12 says `-rm`: the flag is `--rm`." },
      ],
      citations: [{ path: ["Docker", "cp"], source: "notes/docker.md#cp" }],
      choices: [{ id: "share:abcdefgh", label: "Share to channel", style: "secondary" }],
    });
    expect(renderReply(r, "en")).toEqual({
      ephemeral: true,
      message: {
        embeds: [
          {
            title: "docker container cp",
            author: { name: "📖 Copy files" },
            description:
              "Copies files between a container and the host.\n\n```sh\n$ docker container cp web:/etc/hosts .\n```\n\n⚠️ Line 12 says `-rm`: the flag is `--rm`.",
            color: 0xfee75c,
            footer: { text: "Source: Docker › cp (notes/docker.md#cp)" },
          },
        ],
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.Button,
                custom_id: "share:abcdefgh",
                label: "Share to channel",
                style: ButtonStyle.Secondary,
              },
            ],
          },
        ],
        allowedMentions: { parse: [] },
      },
    });
  });

  it("links the title to the source only when the source is a web address", () => {
    const web = renderReply(
      reply({
        title: "Pods",
        blocks: [{ type: "text", text: "x" }],
        citations: [
          { path: ["Kubernetes", "Pods"], source: "https://kubernetes.io/docs/concepts/workloads/pods/" },
        ],
      }),
      "ja",
    );
    expect(web.message.embeds[0]?.url).toBe("https://kubernetes.io/docs/concepts/workloads/pods/");
    expect(web.message.embeds[0]?.footer).toBeUndefined();
    const file = renderReply(
      reply({
        title: "Pods",
        blocks: [{ type: "text", text: "x" }],
        citations: [{ path: ["Kubernetes", "Pods"], source: "javascript:alert(1)", readMore: true }],
      }),
      "ja",
    );
    expect(file.message.embeds[0]?.url).toBeUndefined();
    expect(file.message.embeds[0]?.footer?.text).toBe(
      "出典: Kubernetes › Pods (javascript:alert(1)) — 続きを読む",
    );
  });

  it("keeps blocks in order: text after fields starts a new embed", () => {
    const r = reply({
      title: "docker run",
      blocks: [
        { type: "text", text: "Runs a container." },
        { type: "fields", fields: [{ name: "-d", value: "detached" }] },
        { type: "text", text: "📒 = notes" },
      ],
      citations: [{ path: ["Docker", "run"], source: "notes/d.md#run" }],
    });
    const { embeds } = renderReply(r, "en").message;
    expect(embeds.map((e) => [e.title, e.description, e.fields?.map((f) => f.name), e.footer?.text])).toEqual(
      [
        ["docker run", "Runs a container.", ["-d"], undefined],
        [undefined, "📒 = notes", undefined, "Source: Docker › run (notes/d.md#run)"],
      ],
    );
  });

  it("puts buttons in rows of five, drops ids longer than Discord's 100", () => {
    const choices = Array.from({ length: 12 }, (_, i) => ({ id: `quiz:1:${i}`, label: `Choice ${i}` }));
    choices.push({ id: `x:${"y".repeat(100)}`, label: "too long" });
    const { components } = renderReply(
      reply({ blocks: [{ type: "text", text: "?" }], choices }),
      "en",
    ).message;
    expect(components.map((row) => row.components.map((b) => b.custom_id))).toEqual([
      ["quiz:1:0", "quiz:1:1", "quiz:1:2", "quiz:1:3", "quiz:1:4"],
      ["quiz:1:5", "quiz:1:6", "quiz:1:7", "quiz:1:8", "quiz:1:9"],
      ["quiz:1:10", "quiz:1:11"],
    ]);
  });

  it("colors by what the reply says", () => {
    const color = (r: Reply) => renderReply(r, "en").message.embeds[0]?.color;
    expect(color(reply({ blocks: [{ type: "note", tone: "error", text: "no" }] }))).toBe(0xed4245);
    expect(color(reply({ blocks: [{ type: "note", tone: "success", text: "ok" }] }))).toBe(0x57f287);
    expect(color(reply({ blocks: [{ type: "text", text: "?" }], notFound: true }))).toBe(0x99aab5);
    expect(color(reply({ blocks: [{ type: "text", text: "hello" }] }))).toBe(0x5865f2);
  });

  it("never sends an empty message", () => {
    const { embeds } = renderReply(reply({ blocks: [], fallback: "" }), "en").message;
    expect(embeds).toEqual([{ description: "…", color: 0x5865f2 }]);
  });

  it("holds a huge reply to every limit, the 6,000 total included", () => {
    const long = "Pods are the smallest deployable units. ".repeat(120);
    const blocks: Block[] = [];
    for (let i = 0; i < 6; i++) {
      blocks.push({ type: "text", text: `${long} *${i}*` });
      blocks.push({ type: "code", code: "line\n".repeat(400) });
      blocks.push({
        type: "fields",
        fields: Array.from({ length: 30 }, (_, j) => ({ name: `-${j}`.repeat(60), value: "v_".repeat(700) })),
      });
    }
    const rendered = renderReply(
      reply({
        title: "T".repeat(400),
        subtitle: "S".repeat(400),
        blocks,
        citations: [{ path: ["A".repeat(3000)], source: "notes/a.md#a" }],
        choices: Array.from({ length: 40 }, (_, i) => ({ id: `c:${i}`, label: "L".repeat(200) })),
      }),
      "en",
    );
    expectWithinLimits(rendered);
    expect(rendered.message.embeds.at(-1)?.footer?.text).toMatch(/^Source: A+…/);
  });

  it("holds any reply to every limit (property)", () => {
    const text = fc.string({
      maxLength: 5000,
      unit: fc.constantFrom("a", " ", ".", "\n", "`", "*", "_", "あ", "👍🏽", "@"),
    });
    const block: fc.Arbitrary<Block> = fc.oneof(
      fc.record({ type: fc.constant("text" as const), text }),
      fc.record({
        type: fc.constant("note" as const),
        text,
        tone: fc.constantFrom("info" as const, "warning" as const, "success" as const, "error" as const),
      }),
      fc.record({ type: fc.constant("code" as const), code: text, lang: fc.constantFrom("sh", "yaml", "") }),
      fc.record({
        type: fc.constant("fields" as const),
        fields: fc.array(fc.record({ name: text, value: text }), { maxLength: 40 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.record({
          title: fc.option(text, { nil: undefined }),
          subtitle: fc.option(text, { nil: undefined }),
          blocks: fc.array(block, { maxLength: 12 }),
          source: fc.constantFrom("notes/a.md#x", "https://example.com/x"),
          path: fc.array(text, { maxLength: 4 }),
          choices: fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 120 }), label: text }), {
            maxLength: 30,
          }),
        }),
        (p) => {
          const r = reply({
            blocks: p.blocks,
            citations: [{ path: p.path, source: p.source }],
            choices: p.choices,
            ...(p.title !== undefined ? { title: p.title } : {}),
            ...(p.subtitle !== undefined ? { subtitle: p.subtitle } : {}),
          });
          expectWithinLimits(renderReply(r, "en"));
        },
      ),
      { numRuns: 150 },
    );
  });
});
