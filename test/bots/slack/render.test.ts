import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeSlack, renderSlack, toMrkdwn } from "../../../src/bots/slack/render.js";
import { type Block, type Reply, reply } from "../../../src/core/reply.js";
import { validateBlocks } from "../../fakes/slack.js";
import { expectSafe, headerOf, mrkdwnObjectsOf, textsOf } from "./harness.js";

const asObj = (m: ReturnType<typeof renderSlack>) => m as unknown as Record<string, unknown>;

describe("Slack rendering", () => {
  it("escapes &, < and > and nothing else", () => {
    expect(escapeSlack("a & b <!channel> <@U1> <http://x|y> 'q' \"d\"")).toBe(
      "a &amp; b &lt;!channel&gt; &lt;@U1&gt; &lt;http://x|y&gt; 'q' \"d\"",
    );
    expect(escapeSlack("&amp;")).toBe("&amp;amp;");
  });

  it("turns **bold** into Slack's *bold* outside inline code, and keeps line-start quotes", () => {
    expect(toMrkdwn("The answer is **B. nginx**, not `**x**`.")).toBe(
      "The answer is *B. nginx*, not `**x**`.",
    );
    expect(toMrkdwn("Which command?\n> copy files <a>")).toBe("Which command?\n> copy files &lt;a&gt;");
    expect(toMrkdwn("a > b")).toBe("a &gt; b");
  });

  it("renders header, subtitle, sections, code, fields, note, sources and buttons", () => {
    const r = reply({
      title: "docker <b>",
      subtitle: "📖 sub",
      blocks: [
        { type: "text", text: "Some **bold** text & `code <x>`" },
        { type: "code", code: "$ docker cp <a> <b>", lang: "sh" },
        { type: "fields", fields: [{ name: "-d", value: "detach" }] },
        { type: "note", tone: "warning", text: "careful" },
      ],
      citations: [
        { path: ["Docker", "cp"], source: "notes/docker-kubernetes.md#cp", readMore: true },
        { path: ["Docker", "exec"], source: "notes/docker-kubernetes.md#exec" },
      ],
      choices: [
        { id: "share:abcdefgh", label: "Share to channel", style: "secondary" },
        { id: "quiz:1:0", label: "A", style: "primary" },
        { id: "quiz:1:0", label: "duplicate", style: "danger" },
      ],
    });
    const m = renderSlack(r, "en");
    expect(m.blocks.map((b) => b.type)).toEqual([
      "header",
      "context",
      "section",
      "section",
      "section",
      "section",
      "context",
      "actions",
    ]);
    expect(headerOf(asObj(m))).toBe("docker &lt;b&gt;");
    const texts = textsOf(asObj(m));
    expect(texts).toContain("Some *bold* text &amp; `code &lt;x&gt;`");
    expect(texts).toContain("```\n$ docker cp &lt;a&gt; &lt;b&gt;\n```");
    expect(texts).toContain("*-d*\ndetach");
    expect(texts).toContain("⚠️ careful");
    expect(texts).toContain("Source: Docker › cp · `notes/docker-kubernetes.md#cp` (read more)");
    expect(texts).toContain("See also: Docker › exec · `notes/docker-kubernetes.md#exec`");
    const actions = m.blocks.at(-1) as { elements: { action_id: string; value: string; style?: string }[] };
    expect(actions.elements).toEqual([
      expect.objectContaining({ action_id: "share:abcdefgh", value: "share:abcdefgh" }),
      expect.objectContaining({ action_id: "quiz:1:0", style: "primary" }),
    ]);
    expect(actions.elements[0]?.style).toBeUndefined();
    expect(mrkdwnObjectsOf(asObj(m)).every((o) => o.verbatim === true)).toBe(true);
    expect(m.text).toBe(
      "docker &lt;b&gt;: Some **bold** text &amp; `code &lt;x&gt;`".replace("**bold**", "*bold*"),
    );
    expectSafe(asObj(m));
  });

  it("says it in Japanese for a Japanese reader", () => {
    const m = renderSlack(
      reply({ blocks: [{ type: "text", text: "x" }], citations: [{ path: ["A"], source: "a.md#a" }] }),
      "ja",
    );
    expect(textsOf(asObj(m))).toContain("出典: A · `a.md#a`");
  });

  it("keeps within Slack's limits even when escaping lengthens the text", () => {
    const angles = "<".repeat(2900);
    const m = renderSlack(
      reply({
        title: "&".repeat(150),
        blocks: [
          { type: "text", text: angles },
          { type: "code", code: Array.from({ length: 400 }, (_, i) => `line <${i}> & more`).join("\n") },
          {
            type: "fields",
            fields: Array.from({ length: 12 }, (_, i) => ({ name: `<${i}>`, value: ">".repeat(1900) })),
          },
          ...Array.from({ length: 60 }, (_, i): Block => ({ type: "text", text: `block ${i}` })),
        ],
        choices: Array.from({ length: 30 }, (_, i) => ({ id: `quiz:1:${i}`, label: "<".repeat(75) })),
        citations: Array.from({ length: 15 }, (_, i) => ({ path: ["<".repeat(200)], source: `s${i}` })),
      }),
      "en",
    );
    expect(validateBlocks(m.blocks)).toEqual([]);
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    const code = textsOf(asObj(m)).find((t) => t.startsWith("```"));
    expect(code?.endsWith("\n…\n```")).toBe(true);
    expectSafe(asObj(m));
  });

  it("drops empty blocks and always has a fallback text", () => {
    const m = renderSlack(
      {
        ...reply({
          blocks: [
            { type: "text", text: "  " },
            { type: "fields", fields: [] },
            { type: "code", code: "" },
          ],
        }),
        fallback: "",
      },
      "en",
    );
    expect(m.blocks).toEqual([]);
    expect(m.text).toBe("notes-tutor");
  });

  it("property: any reply renders to blocks Slack accepts, with nothing that can ping or link", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.constantFrom("<!channel>", "<!here>", "<@U123>", "<http://x.test|x>", "&lt;", "**b**", "`c`", "> q"),
      fc.string({
        unit: fc.constantFrom("<", ">", "&", "*", "`", "\n", "a", "あ", "👍🏽", " "),
        maxLength: 4000,
      }),
    );
    const block: fc.Arbitrary<Block> = fc.oneof(
      text.map((t): Block => ({ type: "text", text: t })),
      text.map((t): Block => ({ type: "note", tone: "info", text: t })),
      text.map((t): Block => ({ type: "code", code: t })),
      fc
        .array(fc.record({ name: text, value: text }), { maxLength: 14 })
        .map((fields): Block => ({ type: "fields", fields })),
    );
    const anyReply: fc.Arbitrary<Reply> = fc
      .record({
        title: fc.option(text, { nil: undefined }),
        subtitle: fc.option(text, { nil: undefined }),
        blocks: fc.array(block, { maxLength: 60 }),
        citations: fc.array(fc.record({ path: fc.array(text, { maxLength: 4 }), source: text }), {
          maxLength: 12,
        }),
        choices: fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 100 }), label: text }), {
          maxLength: 30,
        }),
        fallback: text,
      })
      .map((r) => ({ ...reply(r), fallback: r.fallback }));
    fc.assert(
      fc.property(anyReply, fc.constantFrom("en" as const, "ja" as const), (r, locale) => {
        const m = renderSlack(r, locale);
        expect(m.text.length).toBeGreaterThan(0);
        expectSafe(asObj(m));
      }),
      { numRuns: 300 },
    );
  });
});
