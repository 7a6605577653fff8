import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUNDLED_NOTES_DIR } from "../../src/core/config.js";
import { parseNote } from "../../src/knowledge/markdown.js";
import { MAX_FILE_BYTES } from "../../src/knowledge/note-limits.js";

const NOTE = fs.readFileSync(path.join(BUNDLED_NOTES_DIR, "docker-kubernetes.md"), "utf8");

describe("parseNote on the bundled note", () => {
  const { sections } = parseNote("docker-kubernetes.md", NOTE);

  it("makes one section per heading, with heading path, anchor and line range", () => {
    const cp = sections.find((s) => s.title === "cp");
    expect(cp?.path).toEqual(["Docker", "起動しているコンテナに対して実行できるコマンド", "cp"]);
    expect(cp?.anchor).toBe("cp");
    expect(cp?.depth).toBe(3);
    expect(NOTE.split("\n")[(cp?.lineStart ?? 0) - 1]).toBe("### cp");
    expect(cp?.codeBlocks[0]?.value).toContain("docker container cp");
    const headings = NOTE.split("\n").filter((l) => /^#{1,6} /.test(l)).length;
    // Lines starting with "## " inside code blocks are not headings.
    expect(sections.filter((s) => s.depth > 0).length).toBeLessThan(headings);
    expect(sections.filter((s) => s.depth > 0).length).toBe(34);
  });

  it("resolves every link of the note's own table of contents to exactly one section", () => {
    const toc = sections[0]?.links.filter((l) => l.url.startsWith("#")) ?? [];
    expect(toc.length).toBe(34);
    for (const link of toc) {
      const matches = sections.filter((s) => s.anchor === decodeURIComponent(link.url.slice(1)));
      expect(matches, link.url).toHaveLength(1);
      expect(matches[0]?.title).toBe(link.text);
    }
  });

  it("keeps tables with their rows and line numbers", () => {
    const options = sections.find((s) => s.title === "よく使うコマンドオプション");
    expect(options?.tables[0]?.rows.map((r) => r.cells[0])).toEqual(["-i", "-t", "-rm", "-v"]);
    const rmRow = options?.tables[0]?.rows[2];
    expect(NOTE.split("\n")[(rmRow?.line ?? 0) - 1]).toContain("| -rm |");
  });

  it("remembers the file name written just before a code block", () => {
    const pod = sections.find((s) => s.title === "Pod");
    expect(pod?.codeBlocks.find((b) => b.fileName === "simple-pod.yaml")?.value).toContain("kind: Pod");
  });
});

describe("parseNote on garbled input", () => {
  it("copes with unclosed fences, broken tables, empty headings and junk", () => {
    const text = "# A\n```\nunclosed\n## not a heading\n\n#\n| a | b\n|--\n| 1 |\n\u0000\u0001binary\n";
    const { sections } = parseNote("x.md", text);
    expect(sections[1]?.title).toBe("A");
    expect(sections[1]?.codeBlocks[0]?.value).toContain("## not a heading");
  });

  it("parses a note as large as the loader reads, with line numbers right to the end", {
    timeout: 180_000,
  }, () => {
    const copies = Math.floor(MAX_FILE_BYTES / Buffer.byteLength(`${NOTE}\n`));
    const big = `${NOTE}\n`.repeat(copies);
    const { sections, findings } = parseNote("big.md", big);
    expect(findings).toEqual([]);
    const cps = sections.filter((s) => s.title === "cp");
    expect(cps).toHaveLength(copies);
    const lines = big.split("\n");
    expect(cps.every((s) => lines[s.lineStart - 1] === "### cp")).toBe(true);
  });

  it("never throws on arbitrary text", () => {
    const markdownish = fc.array(
      fc.oneof(
        fc.constantFrom(
          "# ",
          "## ",
          "```",
          "```yaml\n",
          "| a | b |\n|---|---|\n",
          "- ",
          "> ",
          "\n",
          "`",
          "[x](#y)",
          "<!-- -->",
          "***",
        ),
        fc.string({ unit: "grapheme" }),
        fc.string({ unit: "binary" }),
      ),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(markdownish, (parts) => {
        const result = parseNote("fuzz.md", parts.join(""));
        expect(Array.isArray(result.sections)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("a quotation pasted between fences", () => {
  const text = [
    "# Namespace",
    "",
    "```",
    "You can think of a Namespace as a virtual cluster inside your cluster.",
    "They are all logically isolated from each other.",
    "```",
    "",
    "```",
    "kubectl get namespace --all-namespaces",
    "docker container ls -a",
    "```",
    "",
    "```",
    "docker run -d -p 8080:80 --name web nginx",
    "Unable to find image 'nginx:latest' locally.",
    "```",
    "",
  ].join("\n");
  const [section] = parseNote("ns.md", text).sections.filter((s) => s.depth > 0);

  it("is read as prose too, and a block of commands is not", () => {
    const prose = section?.prose.map((p) => p.text) ?? [];
    expect(prose).toContain("You can think of a Namespace as a virtual cluster inside your cluster.");
    expect(prose.some((p) => p.includes("kubectl") || p.includes("nginx"))).toBe(false);
    // The quotation is prose only, not a code block as well; the commands stay code.
    expect(section?.codeBlocks.length).toBe(2);
    expect(section?.prose.find((p) => p.text.startsWith("You can think"))?.line).toBe(4);
  });
});
