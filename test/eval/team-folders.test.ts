import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readAnswerCases } from "./answers-eval.js";
import { readCases } from "./scoring.js";

/**
 * The team folders (team-ja, a Japanese study vault; team-en, an English team's docs site; team-ops, a
 * Docusaurus site with two pages in both languages; team-web, a web team's Jekyll site) were written for
 * judging the tutor on notes nobody tuned it to. Their sets are only read here, never run: what is checked is
 * that they say something true about their folders (the commissioned sizes, every expected heading present,
 * every answer phrase written in the notes) and that a folder's sets are different samples.
 */

const EVAL_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * Commissioned sizes of each team folder's retrieval sets (answerable, not covered) and answer-content file
 * (questions, least not covered). team-ops came later, with the trial set only; team-web (an English web
 * team's Jekyll site) later still, with the audit set only; team-data (a data team's MkDocs site) with reprise and postlude.
 */
const TEAMS = [
  {
    key: "team-ja",
    sets: { exam: [25, 6], spare: [25, 6], check: [16, 4], trial: [16, 4] },
    answers: [20, 3],
  },
  {
    key: "team-en",
    sets: { exam: [20, 5], spare: [20, 5], check: [14, 4], trial: [14, 4] },
    answers: [15, 3],
  },
  { key: "team-ops", sets: { trial: [25, 6] }, answers: [15, 2] },
  { key: "team-web", sets: { audit: [22, 6] }, answers: [16, 3] },
  { key: "team-data", sets: { reprise: [22, 6], postlude: [22, 6] }, answers: [20, 3] },
] as const satisfies readonly {
  key: string;
  sets: Record<string, readonly [number, number]>;
  answers: readonly [number, number];
}[];

/** Files a docs site keeps next to its pages that are not pages: Docusaurus' sidebar categories, MkDocs' config. */
const SITE_FILES = /(^|\/)(_category_\.json|mkdocs\.yml)$/;

interface Section {
  heading: string;
  body: string;
}

/** Compares headings as a reader sees them: NFKC (full-width parentheses), no inline-code backticks, one space. */
function normalize(text: string): string {
  return text.normalize("NFKC").replace(/`/g, "").replace(/\s+/g, " ").trim();
}

function markdownFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * A page's sections, read simply: a `#` line outside a code fence starts one, and the front-matter title (or
 * the text before the first heading, under the page's title) makes the page's intro a section of its own.
 */
function sectionsOf(content: string): Section[] {
  const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(content);
  const title = frontMatter ? /^title:\s*"?([^"\n]+?)"?\s*$/m.exec(frontMatter[1] ?? "")?.[1] : undefined;
  const body = frontMatter ? content.slice(frontMatter[0].length) : content;
  const sections: Section[] = [{ heading: title ?? "", body: "" }];
  let fence: string | null = null;
  for (const line of body.split("\n")) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === null || marker.startsWith(fence))) fence = fence === null ? marker : null;
    const heading = fence === null && !marker ? /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)?.[1] : undefined;
    if (heading !== undefined) sections.push({ heading, body: "" });
    else {
      const last = sections[sections.length - 1]!;
      last.body += `${line}\n`;
    }
  }
  return sections.filter((s) => s.heading !== "");
}

function folderOf(key: string): { files: string[]; text: string; sections: Section[] } {
  const files = markdownFiles(path.join(EVAL_DIR, "folders", key));
  const contents = files.map((f) => fs.readFileSync(f, "utf8"));
  return { files, text: contents.join("\n"), sections: contents.flatMap(sectionsOf) };
}

const setFile = (key: string, name: string): string => path.join(EVAL_DIR, "sets", key, `${name}.jsonl`);

describe("the section reader of this test", () => {
  it("takes headings outside code fences and the front-matter title, not comments inside a block", () => {
    const page = "---\ntitle: Page\n---\nintro\n## A\n```bash\n# a comment\nls\n```\n### B `x`\ntext\n";
    expect(sectionsOf(page).map((s) => s.heading)).toEqual(["Page", "A", "B `x`"]);
    expect(sectionsOf(page)[1]?.body).toContain("# a comment");
  });
});

describe.each(TEAMS)("the $key folder", ({ key, sets, answers }) => {
  const folder = folderOf(key);
  const headings = new Set(folder.sections.map((s) => normalize(s.heading)));
  const sizes: Record<string, readonly [number, number]> = sets;
  const names = Object.keys(sizes);

  it("holds only markdown pages (and a docs site's category files), each with its front matter closed", () => {
    expect(folder.files.filter((f) => !f.endsWith(".md") && !SITE_FILES.test(f))).toEqual([]);
    for (const file of folder.files.filter((f) => f.endsWith(".md"))) {
      const content = fs.readFileSync(file, "utf8");
      if (content.startsWith("---\n")) expect(content.indexOf("\n---\n", 3), file).toBeGreaterThan(0);
    }
  });

  it.each(names)("has the commissioned size of its %s set", (name) => {
    const cases = readCases(setFile(key, name));
    const [answerable, notCovered] = sizes[name] ?? [0, 0];
    expect(cases.filter((c) => c.expect !== null)).toHaveLength(answerable);
    expect(cases.filter((c) => c.expect === null)).toHaveLength(notCovered);
  });

  it.each(names)("expects in its %s set only headings the folder has", (name) => {
    const unknown = readCases(setFile(key, name)).flatMap((c) =>
      (c.expect ?? []).filter((h) => !headings.has(normalize(h))),
    );
    expect(unknown).toEqual([]);
  });

  /** The check set's helper also put questions about a command's output in explain mode: not command lines. */
  const commandLineSets = names.filter((name) => name !== "check");

  it.each(commandLineSets)("explains in its %s set each command from a section that shows it", (name) => {
    const misplaced = readCases(setFile(key, name))
      .filter((c) => c.mode === "explain")
      .filter((c) => {
        const program = c.q.split(/\s+/).slice(0, 2).join(" ");
        const shown = folder.sections.filter((s) =>
          (c.expect ?? []).some((h) => normalize(h) === normalize(s.heading)),
        );
        return !shown.some((s) => s.body.includes(program));
      })
      .map((c) => c.q);
    expect(misplaced).toEqual([]);
  });

  it("asks no question twice, within a set or across its sets", () => {
    const all = names.flatMap((name) => readCases(setFile(key, name)).map((c) => normalize(c.q)));
    expect(new Set(all).size).toBe(all.length);
  });

  it("has an answer-content file whose phrases are written in the notes", () => {
    const cases = readAnswerCases(path.join(EVAL_DIR, "answers", `${key}.jsonl`));
    const [size, leastNotCovered] = answers;
    expect(cases).toHaveLength(size);
    expect(cases.filter((c) => c.kind === "not-covered").length).toBeGreaterThanOrEqual(leastNotCovered);
    expect(
      cases.filter((c) => (c.kind === "not-covered") !== (c.mustContain.length === 0)).map((c) => c.q),
    ).toEqual([]);
    const missing = cases.flatMap((c) => c.mustContain.filter((s) => !folder.text.includes(s)));
    expect(missing).toEqual([]);
    expect(new Set(cases.map((c) => normalize(c.q))).size).toBe(cases.length);
  });
});
