import { describe, expect, it } from "vitest";
import { parseNote } from "../../src/knowledge/markdown.js";

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
});
