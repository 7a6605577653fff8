import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Block,
  DISCORD_LIMITS,
  ELLIPSIS,
  fitReply,
  type Limits,
  type Reply,
  reply,
  SLACK_LIMITS,
  TERMINAL_LIMITS,
  truncate,
  truncateCode,
} from "../../src/core/reply.js";

const PLATFORMS: [string, Limits][] = [
  ["discord", DISCORD_LIMITS],
  ["slack", SLACK_LIMITS],
  ["terminal", TERMINAL_LIMITS],
];

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Offsets (UTF-16) where a grapheme of `s` starts or ends. */
function graphemeBoundaries(s: string): Set<number> {
  const out = new Set<number>([s.length]);
  for (const { index } of segmenter.segment(s)) out.add(index);
  return out;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Every way a reply can break a surface's limits, as readable lines (empty when it fits). */
function violations(r: Reply, limits: Limits): string[] {
  const out: string[] = [];
  if ((r.title?.length ?? 0) > limits.title) out.push(`title ${r.title?.length}`);
  if ((r.subtitle?.length ?? 0) > limits.title) out.push(`subtitle ${r.subtitle?.length}`);
  if (r.blocks.length > limits.blocks) out.push(`${r.blocks.length} blocks`);
  let total = (r.title?.length ?? 0) + (r.subtitle?.length ?? 0);
  for (const b of r.blocks) {
    switch (b.type) {
      case "text":
      case "note":
        if (b.text.length > limits.text) out.push(`${b.type} of ${b.text.length}`);
        total += b.text.length;
        break;
      case "code":
        if (b.code.length > limits.code) out.push(`code of ${b.code.length}`);
        total += b.code.length;
        break;
      case "fields":
        if (b.fields.length > limits.fields) out.push(`${b.fields.length} fields`);
        for (const f of b.fields) {
          if (f.name.length > limits.fieldName) out.push(`field name of ${f.name.length}`);
          if (f.value.length > limits.fieldValue) out.push(`field value of ${f.value.length}`);
          total += f.name.length + f.value.length;
        }
        break;
    }
  }
  if (total > limits.total) out.push(`total ${total}`);
  if (r.choices.length > limits.choices) out.push(`${r.choices.length} choices`);
  for (const c of r.choices)
    if (c.label.length > limits.choiceLabel) out.push(`choice label of ${c.label.length}`);
  return out;
}

/** The code block as a chat platform shows it: inside a ``` fence. */
function fenced(code: string): string {
  return `\`\`\`sh\n${code}\n\`\`\``;
}

function fenceLines(text: string): number {
  return text.split("\n").filter((l) => /^\s*(```|~~~)/.test(l)).length;
}

/** Graphemes that are easy to cut wrongly: emoji sequences, flags, combining marks, boundaries, backticks. */
const tricky = fc.constantFrom(
  "a",
  "b",
  " ",
  "日",
  "本",
  "。",
  ". ",
  "\n",
  "`",
  "é", // e + U+0301
  "が", // か + U+3099
  "👍",
  "👍🏽",
  "👨‍👩‍👧‍👦",
  "🇯🇵",
  "𠮷",
  "。\u0301",
  "!\u20dd",
  "\u0600`", // a prepended mark before a backtick: one grapheme
  "`\u0301",
  "\r\n",
);
const trickyText = fc.array(tricky, { maxLength: 80 }).map((parts) => parts.join(""));

describe("truncate", () => {
  it("returns short text unchanged", () => {
    expect(truncate("docker cp", 20)).toBe("docker cp");
    expect(truncate("", 0)).toBe("");
  });

  it("cuts Japanese text at the end of a sentence (。) with …", () => {
    const text = "これは一文目です。これは二文目の文です。これは三文目の長い文で、ここで切れるはずです。";
    const cut = truncate(text, 30);
    expect(cut).toBe("これは一文目です。これは二文目の文です。…");
    expect(cut.length).toBeLessThanOrEqual(30);
  });

  it("cuts English text at a sentence end (. followed by a space)", () => {
    const text = "The first sentence is here. The second sentence is a little longer. The third one is cut.";
    expect(truncate(text, 75)).toBe("The first sentence is here. The second sentence is a little longer.…");
  });

  it("cuts at a line break when there is no sentence end", () => {
    const text = "line one of the block\nline two of the block\nline three is much too long to fit here";
    expect(truncate(text, 50)).toBe("line one of the block\nline two of the block…");
  });

  it("cuts at a word boundary when the text has no sentence end or line break", () => {
    const text = "alpha beta gamma delta epsilon zeta eta theta iota kappa";
    const cut = truncate(text, 30);
    expect(cut).toBe("alpha beta gamma delta…");
  });

  it("does not keep a tiny first sentence when most of the text would be lost", () => {
    const text = `Short. ${"word ".repeat(40)}`;
    const cut = truncate(text, 60);
    expect(cut.length).toBeGreaterThan(40);
    expect(cut.endsWith(ELLIPSIS)).toBe(true);
  });

  it("never leaves an inline code span open", () => {
    const text =
      "Run `docker container cp <コンテナ名>:<パス> <ホストのパス>` to copy a file out of a container.";
    const cut = truncate(text, 25);
    expect(cut.endsWith(ELLIPSIS)).toBe(true);
    expect(cut.match(/`/g)?.length ?? 0).toBe(0);
    expect(truncate("Use `docker ps` and then `docker container ls --all` to see them", 45)).toBe(
      "Use `docker ps` and then…",
    );
  });

  it("never splits an emoji, a flag or a combining mark", () => {
    const family = "👨‍👩‍👧‍👦";
    expect(truncate(`${family}${family}${family}`, 20)).toBe(`${family}${ELLIPSIS}`);
    expect(truncate("🇯🇵🇯🇵🇯🇵🇯🇵", 6)).toBe(`🇯🇵${ELLIPSIS}`);
    const e = "e\u0301";
    expect(truncate(e.repeat(6), 6)).toBe(`${e}${e}${ELLIPSIS}`);
    expect(truncate("Wow!\u20dd and more words here", 10)).toBe(`Wow!\u20dd${ELLIPSIS}`);
    expect(truncate("𠮷𠮷𠮷𠮷", 4)).toBe(`𠮷${ELLIPSIS}`);
  });

  it("gives the ellipsis alone when there is no room for anything else", () => {
    expect(truncate("abcdef", 1)).toBe(ELLIPSIS);
    expect(truncate("abcdef", 0)).toBe("");
    expect(truncate("👨‍👩‍👧‍👦", 5)).toBe(ELLIPSIS);
  });

  const property = (text: fc.Arbitrary<string>) =>
    fc.property(text, fc.integer({ min: 0, max: 120 }), (s, n) => {
      const out = truncate(s, n);
      expect(out.length).toBeLessThanOrEqual(n);
      if (s.length <= n) {
        expect(out).toBe(s);
        return;
      }
      if (n === 0) {
        expect(out).toBe("");
        return;
      }
      expect(out.endsWith(ELLIPSIS)).toBe(true);
      const head = out.slice(0, -ELLIPSIS.length);
      // A prefix of the text, cut where a character (grapheme) ends: no surrogate pair, emoji or mark split.
      expect(s.startsWith(head)).toBe(true);
      if (head.length > 0) expect(isHighSurrogate(head.charCodeAt(head.length - 1))).toBe(false);
      expect(graphemeBoundaries(s).has(head.length)).toBe(true);
      // No inline code span left open.
      expect((head.match(/`/g)?.length ?? 0) % 2).toBe(0);
    });

  it("property: any grapheme string fits, is a prefix up to the ellipsis, and splits no character", () => {
    fc.assert(property(fc.string({ unit: "grapheme", maxLength: 200 })), { numRuns: 500 });
  });

  it("property: the same with emoji sequences, combining marks, sentence ends and backticks", () => {
    fc.assert(property(trickyText), { numRuns: 1000 });
  });
});

describe("truncateCode", () => {
  const code = Array.from({ length: 40 }, (_, i) => `echo line-${i} && docker ps -a`).join("\n");

  it("returns short code unchanged", () => {
    expect(truncateCode("docker ps\ndocker cp a:b c", 100)).toBe("docker ps\ndocker cp a:b c");
  });

  it("cuts at whole lines and marks the cut with a line of its own", () => {
    const cut = truncateCode(code, 200);
    expect(cut.length).toBeLessThanOrEqual(200);
    const lines = cut.split("\n");
    expect(lines.at(-1)).toBe(ELLIPSIS);
    const kept = lines.slice(0, -1);
    expect(kept.length).toBeGreaterThan(0);
    expect(code.split("\n").slice(0, kept.length)).toEqual(kept);
  });

  it("cuts a single very long line at a character boundary", () => {
    const cut = truncateCode("👍".repeat(100), 21);
    expect(cut.length).toBeLessThanOrEqual(21);
    expect(cut.endsWith(ELLIPSIS)).toBe(true);
    expect(isHighSurrogate(cut.charCodeAt(cut.length - 2))).toBe(false);
  });

  it("never leaves a fence open when rendered, even when the code holds fenced blocks", () => {
    const markdown = [
      "# README",
      "```sh",
      "docker build -t app .",
      "docker run --rm app",
      "```",
      "Then:",
      "```yaml",
      "kind: Pod",
      "metadata:",
      "  name: app",
      "```",
      "done",
    ].join("\n");
    for (let max = 8; max <= markdown.length + 1; max++) {
      const cut = truncateCode(markdown, max);
      expect(cut.length, `max ${max}`).toBeLessThanOrEqual(max);
      expect(fenceLines(fenced(cut)) % 2, `max ${max}: ${cut}`).toBe(0);
    }
  });

  it("property: whole lines, within the limit, fences balanced when rendered", () => {
    const line = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => s.replace(/\r|\n/g, " ")),
      fc.constantFrom("```", "```yaml", "~~~", "$ docker ps -a", "  - name: web", ""),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.integer({ min: 3, max: 400 }), (lines, max) => {
        const input = lines.join("\n");
        const out = truncateCode(input, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (input.length <= max) {
          expect(out).toBe(input);
          return;
        }
        const outLines = out.split("\n");
        expect(outLines.at(-1)?.endsWith(ELLIPSIS)).toBe(true);
        const kept = outLines.slice(0, -1);
        expect(lines.slice(0, kept.length)).toEqual(kept);
        if (fenceLines(input) % 2 === 0) expect(fenceLines(fenced(out)) % 2).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});

function longJapanese(chars: number): string {
  const sentence =
    "コンテナ内のアプリケーションが公開しているポート番号とホストOS側のポート番号を結びつけます。";
  return sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
}

const citation = { path: ["Docker", "ポートフォワーディング"], source: "notes/docker-kubernetes.md#x" };

describe("fitReply", () => {
  it("leaves a reply that fits alone, without read more", () => {
    const r = reply({
      title: "docker container cp",
      blocks: [
        { type: "text", text: "起動しているコンテナとホストOS間でファイルの受け渡しができます。" },
        { type: "code", code: "$ docker container cp web:/etc/hosts ." },
      ],
      citations: [citation],
    });
    for (const [, limits] of PLATFORMS) {
      const fitted = fitReply(r, limits);
      expect(fitted.blocks).toEqual(r.blocks);
      expect(fitted.citations[0]?.readMore).toBeUndefined();
    }
  });

  it("marks the first citation read more when a text block was cut, and only the first", () => {
    const r = reply({
      title: "ポートフォワーディング",
      blocks: [{ type: "text", text: longJapanese(5000) }],
      citations: [citation, { path: ["Docker", "名前付きコンテナ"], source: "notes/x.md#y" }],
    });
    for (const [name, limits] of PLATFORMS) {
      const fitted = fitReply(r, limits);
      expect(fitted.citations[0]?.readMore, name).toBe(true);
      expect(fitted.citations[1]?.readMore, name).toBeUndefined();
      const text = fitted.blocks[0]?.type === "text" ? fitted.blocks[0].text : "";
      expect(text.endsWith(`。${ELLIPSIS}`), name).toBe(true);
      expect(violations(fitted, limits), name).toEqual([]);
    }
  });

  it("marks read more when code, fields, blocks or the total were cut", () => {
    const cases: [string, Block[]][] = [
      ["code", [{ type: "code", code: "echo hello\n".repeat(500) }]],
      [
        "fields",
        [{ type: "fields", fields: Array.from({ length: 60 }, (_, i) => ({ name: `-${i}`, value: "x" })) }],
      ],
      ["blocks", Array.from({ length: 60 }, (): Block => ({ type: "text", text: "short" }))],
      ["total", Array.from({ length: 15 }, (): Block => ({ type: "text", text: longJapanese(1500) }))],
    ];
    for (const [what, blocks] of cases) {
      for (const [name, limits] of PLATFORMS) {
        const fitted = fitReply(reply({ title: "t", blocks, citations: [citation] }), limits);
        expect(fitted.citations[0]?.readMore, `${what} on ${name}`).toBe(true);
        expect(violations(fitted, limits), `${what} on ${name}`).toEqual([]);
      }
    }
  });

  it("respects each platform's block, field and total limits, keeping blocks in order", () => {
    const blocks: Block[] = [
      { type: "text", text: "intro" },
      {
        type: "fields",
        fields: Array.from({ length: 30 }, (_, i) => ({ name: `--flag-${i}`, value: longJapanese(300) })),
      },
      ...Array.from({ length: 50 }, (_, i): Block => ({ type: "note", tone: "info", text: `note ${i}` })),
    ];
    for (const [name, limits] of PLATFORMS) {
      const fitted = fitReply(reply({ title: "many", blocks, citations: [citation] }), limits);
      expect(violations(fitted, limits), name).toEqual([]);
      expect(fitted.blocks[0], name).toEqual({ type: "text", text: "intro" });
      // The breakdown is shortened to the fields that fit, never dropped whole.
      const fields = fitted.blocks[1];
      expect(fields?.type, name).toBe("fields");
      if (fields?.type === "fields") {
        expect(fields.fields.length, name).toBeGreaterThan(0);
        expect(
          fields.fields.map((f) => f.name),
          name,
        ).toEqual(Array.from({ length: fields.fields.length }, (_, i) => `--flag-${i}`));
      }
    }
  });

  it("keeps the title and the rest of the reply when the title itself is too long", () => {
    const r = reply({
      title: "題".repeat(2000),
      subtitle: "副".repeat(2000),
      blocks: [{ type: "text", text: "The answer." }],
      citations: [citation],
    });
    for (const [name, limits] of PLATFORMS) {
      const fitted = fitReply(r, limits);
      expect(violations(fitted, limits), name).toEqual([]);
      expect(fitted.title?.endsWith(ELLIPSIS), name).toBe(true);
      expect(fitted.blocks, name).toEqual([{ type: "text", text: "The answer." }]);
    }
  });

  it("cuts buttons to the platform's number and label length", () => {
    const r = reply({
      blocks: [],
      choices: Array.from({ length: 30 }, (_, i) => ({ id: `quiz:${i}`, label: `選択肢 ${i} `.repeat(20) })),
    });
    for (const [name, limits] of PLATFORMS) {
      const fitted = fitReply(r, limits);
      expect(violations(fitted, limits), name).toEqual([]);
      expect(
        fitted.choices.map((c) => c.id),
        name,
      ).toEqual(r.choices.slice(0, limits.choices).map((c) => c.id));
    }
  });

  it("makes a 50 KB section fit every platform's limits", () => {
    const section = Array.from(
      { length: 300 },
      (_, i) =>
        `${i + 1}. ${longJapanese(120)} Also \`docker container run -d -p 9000:8080 nginx\` 👨‍👩‍👧‍👦.`,
    ).join("\n");
    expect(section.length).toBeGreaterThan(50_000);
    const code = Array.from({ length: 2000 }, (_, i) => `$ docker container run --name web-${i} nginx`).join(
      "\n",
    );
    const r = reply({
      title: "ポートフォワーディング",
      subtitle: "Docker › ポートフォワーディング",
      blocks: [
        { type: "text", text: section },
        { type: "code", lang: "sh", code },
        {
          type: "fields",
          fields: Array.from({ length: 40 }, (_, i) => ({ name: `-${i}`, value: section.slice(0, 5000) })),
        },
        { type: "note", tone: "warning", text: section },
      ],
      citations: [citation],
    });
    for (const [name, limits] of PLATFORMS) {
      const fitted = fitReply(r, limits);
      expect(violations(fitted, limits), name).toEqual([]);
      expect(fitted.citations[0]?.readMore, name).toBe(true);
      const first = fitted.blocks[0];
      expect(first?.type, name).toBe("text");
      if (first?.type === "text") {
        expect(section.startsWith(first.text.slice(0, -1)), name).toBe(true);
        expect(first.text.endsWith(ELLIPSIS), name).toBe(true);
        expect((first.text.match(/`/g)?.length ?? 0) % 2, name).toBe(0);
      }
      for (const b of fitted.blocks)
        if (b.type === "code") expect(fenceLines(fenced(b.code)) % 2, name).toBe(0);
    }
  });

  it("property: any reply fits every platform after fitReply, and read more is set exactly when cut", () => {
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 60 }),
      trickyText,
      fc.constant(longJapanese(3000)),
    );
    const block: fc.Arbitrary<Block> = fc.oneof(
      text.map((t): Block => ({ type: "text", text: t })),
      text.map((t): Block => ({ type: "note", tone: "info", text: t })),
      fc.array(text, { maxLength: 50 }).map((ls): Block => ({ type: "code", code: ls.join("\n") })),
      fc
        .array(fc.record({ name: text, value: text }), { maxLength: 30 })
        .map((fields): Block => ({ type: "fields", fields })),
    );
    fc.assert(
      fc.property(
        fc.option(text, { nil: undefined }),
        fc.array(block, { maxLength: 50 }),
        (title, blocks) => {
          const r = reply({ ...(title !== undefined ? { title } : {}), blocks, citations: [citation] });
          for (const [, limits] of PLATFORMS) {
            const fitted = fitReply(r, limits);
            expect(violations(fitted, limits)).toEqual([]);
            const unchanged = JSON.stringify(fitted.blocks) === JSON.stringify(r.blocks);
            expect(fitted.citations[0]?.readMore === true).toBe(!unchanged);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
