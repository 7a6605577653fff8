import { describe, expect, it } from "vitest";
import { parseNote } from "../../src/knowledge/markdown.js";

/** Milliseconds `fn` took. */
const timed = (fn: () => void): number => {
  const started = performance.now();
  fn();
  return performance.now() - started;
};

const NOTE = [
  "# Links",
  "",
  "Text[^1] and ![^1] here, see https://example.com/a and www.example.org or ops@example.com.",
  "",
  "[^1]: The footnote text.",
  "",
].join("\n");

describe("the notes' markdown syntax", () => {
  it("still makes bare addresses links, word for word in the text", () => {
    const section = parseNote("links.md", NOTE).sections[1];
    expect(section?.prose[0]?.text).toContain(
      "see https://example.com/a and www.example.org or ops@example.com.",
    );
    expect(section?.links.map((l) => l.url)).toEqual([
      "https://example.com/a",
      "http://www.example.org",
      "mailto:ops@example.com",
    ]);
  });

  it("still reads footnote calls, the image form among them, and keeps the footnote's text", () => {
    const section = parseNote("links.md", NOTE).sections[1];
    expect(section?.prose.map((p) => p.text)).toEqual([
      "Text and ! here, see https://example.com/a and www.example.org or ops@example.com.",
      "The footnote text.",
    ]);
  });

  it("reads a `]` with no footnote definition in the note as text", () => {
    const section = parseNote("plain.md", "# Plain\n\nA list [a] b] c]] and ![x] done.\n").sections[1];
    expect(section?.prose[0]?.text).toBe("A list [a] b] c]] and ![x] done.");
  });

  it("reads references to the note's link definitions, in every form, as links, and undefined ones as text", () => {
    const note = [
      "# Refs",
      "",
      "See [the docs], [guide][docs], [docs][] and [inline](https://example.com/i), not [nothing].",
      "",
      "[the docs]: https://example.com/d",
      "[docs]: https://example.com/g",
      "",
    ].join("\n");
    // A reference whose definition exists loses its brackets and is a link; the undefined one stays text.
    const section = parseNote("refs.md", note).sections[1];
    expect(section?.prose[0]?.text).toBe("See the docs, guide, docs and inline, not [nothing].");
    expect(section?.links.map((l) => [l.text, l.url])).toEqual([
      ["the docs", "https://example.com/d"],
      ["guide", "https://example.com/g"],
      ["docs", "https://example.com/g"],
      ["inline", "https://example.com/i"],
    ]);
  });

  it.each([
    ["a note with no link definition", ""],
    ["a note with one", "[x]: https://example.com/x\n"],
  ])(
    "reads thousands of unclosed `[` before thousands of `]` over many lines in linear time: %s",
    (_, definition) => {
      const note = (n: number) =>
        `# Brackets\n\n${"[".repeat(n)}${"note\n".repeat(n)}${"]".repeat(n)}\n\n${definition}`;
      parseNote("warm.md", note(200));
      let section: ReturnType<typeof parseNote>["sections"][number] | undefined;
      const small = timed(() => parseNote("b.md", note(2_000)));
      const large = timed(() => {
        section = parseNote("b.md", note(8_000)).sections[1];
      });
      expect(section?.prose[0]?.text.startsWith("[[[[")).toBe(true);
      // Four times the text: 2–4 times the time here; it was 17–20 times (9 s) while each `]` read the text
      // since its `[`.
      expect(large / small).toBeLessThan(10);
    },
  );
});
