import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/core/storage/database.js";
import { buildEntries, ensureIndex } from "../../src/knowledge/index-store.js";
import { parseNote, type Section } from "../../src/knowledge/markdown.js";
import { loadNotes } from "../../src/knowledge/notes-loader.js";
import { KnowledgeIndex } from "../../src/knowledge/search.js";

const KINDS = path.join(import.meta.dirname, "../fixtures/notes-kinds");
const read = (kind: string, file: string) => fs.readFileSync(path.join(KINDS, kind, file), "utf8");
const sectionsOf = (kind: string, file: string) => parseNote(file, read(kind, file)).sections;
const allText = (sections: Section[]) =>
  sections.flatMap((s) => [s.title, ...s.path, ...s.prose.map((l) => l.text)]).join("\n");
/** Markup that must never reach a title, a path or prose. */
const LEFTOVER =
  /\{\{|\}\}|\{%|%\}|\[\[|\]\]|^---$|^\+\+\+$|:::|!!!|%%|<\/?[A-Za-z]|content_type|sidebar_position|weight/m;
const lineOf = (kind: string, file: string, n: number) => read(kind, file).split("\n")[n - 1] ?? "";

describe("front matter", () => {
  it("titles the page section with a YAML title, heads every heading path with it, keeps the description first", () => {
    const sections = sectionsOf("hugo", "pod.md");
    const page = sections[0];
    expect(page).toMatchObject({ depth: 0, title: "Pod", path: ["Pod"], anchor: "", lineStart: 1 });
    expect(page?.prose[0]?.text).toMatch(/^A Pod is the smallest unit the cluster schedules/);
    expect(lineOf("hugo", "pod.md", page?.prose[0]?.line ?? 0)).toMatch(/^description:/);
    const using = sections.find((s) => s.title === "Using Pods");
    expect(using?.path).toEqual(["Pod", "Using Pods"]);
    expect(using?.anchor).toBe("using-pods");
    expect(lineOf("hugo", "pod.md", using?.lineStart ?? 0)).toBe("## Using Pods {#using-pods}");
    expect(sections.every((s) => !/content_type|weight|concept/.test(allText([s])))).toBe(true);
  });

  it("reads TOML and JSON front matter", () => {
    const service = sectionsOf("hugo", "service.md");
    expect(service[0]).toMatchObject({ title: "Service", path: ["Service"] });
    expect(service[0]?.prose[0]?.text).toBe("A Service gives a stable address to a changing set of Pods.");
    expect(service.find((s) => s.depth === 2)?.path).toEqual(["Service", "Service types"]);
    const index = sectionsOf("hugo", "_index.md");
    expect(index).toHaveLength(1);
    expect(index[0]).toMatchObject({ title: "Workloads", path: ["Workloads"] });
    expect(index[0]?.prose.map((l) => l.text)).toEqual([
      "Workloads are the applications you run on the cluster.",
    ]);
  });

  it("makes an H1 that repeats the title the page section, with no duplicate", () => {
    const sections = sectionsOf("docusaurus", "volumes.md");
    expect(sections.map((s) => s.path)).toEqual([["Volumes"], ["Volumes", "Named volumes stable"]]);
    const intro = sectionsOf("docusaurus", "intro.mdx");
    expect(intro[0]).toMatchObject({ depth: 1, title: "Getting started", path: ["Getting started"] });
    expect(intro[0]?.prose[0]?.text).toBe("How to install the command-line tool and run a first container.");
  });

  it("reports front matter that does not parse, and never indexes it as prose", () => {
    const { sections, findings } = parseNote("bad.md", "---\ntitle: [unclosed\n---\n\n# Real\n\nText.\n");
    expect(findings?.map((f) => [f.kind, f.file, f.line])).toEqual([["parse", "bad.md", 1]]);
    expect(allText(sections)).not.toContain("unclosed");
    expect(sections.find((s) => s.title === "Real")?.lineStart).toBe(5);
  });

  it("keeps the text of a note that only opens with a `---` rule", () => {
    const { sections, findings } = parseNote(
      "rule.md",
      "---\nA line of prose between rules.\n\n---\n\n# Heading\n",
    );
    expect(findings).toEqual([]);
    expect(sections[0]).toMatchObject({ title: "rule", path: [] });
    expect(sections[0]?.prose.map((l) => [l.text, l.line])).toEqual([["A line of prose between rules.", 2]]);
  });

  it("leaves a note without front matter as before: file name as title, empty path", () => {
    const sections = sectionsOf("plain", "notes.md");
    expect(sections[0]).toMatchObject({ title: "notes", path: [], anchor: "" });
    expect(sections[0]?.prose.map((l) => l.text)).toEqual([
      "Short notes without a heading.",
      "copy with cp -r src dst",
      "move with mv old new",
    ]);
  });
});

describe("docs-site and vault markup", () => {
  it("reduces Hugo shortcodes to what the page shows, and leaves code blocks alone", () => {
    const sections = sectionsOf("hugo", "pod.md");
    const text = allText(sections);
    expect(text).toContain("A Pod groups containers that always run on the same");
    expect(text).toContain("A Pod that is deleted is not brought back unless a controller owns it.");
    expect(text).toContain("On Linux nodes the containers share one cgroup parent.");
    expect(sections.find((s) => s.depth === 2 && s.title === "What's next")?.path).toEqual([
      "Pod",
      "What's next",
    ]);
    expect(text).not.toMatch(LEFTOVER);
    expect(text).not.toMatch(/feature-state|glossary_tooltip|v1\.25/);
    const code = sections.flatMap((s) => s.codeBlocks);
    expect(code[0]?.value).toBe("kubectl apply -f simple-pod.yaml {{< not-a-shortcode-in-code >}}");
  });

  it("drops MDX imports and exports, keeps JSX tabs' content, turns admonitions into their title and body", () => {
    const sections = sectionsOf("docusaurus", "intro.mdx");
    const install = sections.find((s) => s.title === "Install");
    expect(install?.prose.map((l) => l.text)).toEqual([
      "Use the package manager: brew install example-tool.",
      "Download the archive and put the binary on your PATH.",
      "Check the version",
      "Run example-tool --version to see which release you have.",
    ]);
    expect(lineOf("docusaurus", "intro.mdx", install?.prose[0]?.line ?? 0)).toContain("brew install");
    expect(allText(sections)).not.toMatch(LEFTOVER);
    expect(allText(sections)).not.toMatch(/import|export|Badge|TabItem/);
    expect(install?.codeBlocks[0]?.value).toBe("<Tabs>{/* code stays as written */}</Tabs>");
  });

  it("reads MkDocs admonition bodies as prose and their fenced code as code", () => {
    const sections = sectionsOf("mkdocs", "index.md");
    const images = sections[0];
    expect(images?.path).toEqual(["Images"]);
    expect(images?.prose.map((l) => l.text)).toContain("Layer cache");
    expect(images?.prose.map((l) => l.text)).toContain(
      "Each instruction of a Dockerfile makes a layer, and an unchanged layer is reused",
    );
    expect(images?.codeBlocks).toHaveLength(1);
    expect(images?.codeBlocks[0]).toMatchObject({
      lang: "dockerfile",
      value: "FROM alpine:3.20\nRUN apk add --no-cache curl",
    });
    const tags = sections.find((s) => s.title === "Tags");
    expect(tags?.prose[0]?.text).toBe("The tag latest is only a name; it does not mean the newest build.");
    expect(allText(sectionsOf("mkdocs", "networks.md"))).toContain("On the default bridge network");
  });

  it("turns Liquid highlight blocks into code and drops other Liquid tags", () => {
    const sections = sectionsOf("jekyll", "compose.markdown");
    expect(sections[0]?.title).toBe("Compose");
    const starting = sections.find((s) => s.title === "Starting services");
    expect(starting?.codeBlocks[0]).toMatchObject({ lang: "shell", value: "docker compose up -d" });
    expect(allText(sections)).not.toMatch(/\{%|site\.tool_name|toc\.html|\{: #/);
    expect(allText(sectionsOf("jekyll", "logs.md"))).not.toContain("{:");
  });

  it("reads Obsidian links as their visible text, drops comments, tag lines and picture embeds", () => {
    const sections = sectionsOf("obsidian", "Deployment.md");
    const prose = sections.flatMap((s) => s.prose.map((l) => l.text));
    expect(prose).toEqual([
      "A Deployment keeps a number of identical Pods running and replaces them on update.",
      "It manages a ReplicaSet for each version; see Rollout > Undo for going back.",
      "Change the replica count with kubectl scale deployment web --replicas=3.",
    ]);
    expect(sections.find((s) => s.title === "Scaling")?.lineStart).toBe(14);
    expect(allText(sectionsOf("obsidian", "ReplicaSet.md"))).not.toContain("#todo");
  });
});

describe("loading a folder of any kind", () => {
  it("reads .md, .markdown and .mdx files", () => {
    const files = loadNotes(KINDS).files.map((f) => f.file);
    expect(files).toContain("docusaurus/intro.mdx");
    expect(files).toContain("jekyll/compose.markdown");
    expect(files).toHaveLength(13);
  });

  it("builds entries whose titles and paths hold no front matter or markup", () => {
    const { entries, findings } = buildEntries(loadNotes(KINDS));
    expect(findings.filter((f) => f.kind === "parse")).toEqual([]);
    expect(entries.length).toBeGreaterThan(20);
    for (const e of entries) {
      expect([e.title, ...e.path].join("\n"), e.key).not.toMatch(LEFTOVER);
    }
    const pod = entries.find((e) => e.kind === "section" && e.file === "hugo/pod.md" && e.anchor === "");
    expect(pod?.path).toEqual(["Pod"]);
    expect(pod?.text).toContain("A Pod is the smallest unit the cluster schedules");
  });
});

describe("asking a docs site", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "notes-kinds-"));
  const db = openDatabase(path.join(dir, "t.sqlite"));
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("finds a page's section from its title, with no front-matter key in any result", () => {
    const info = ensureIndex(db, KINDS, true);
    expect(info.files).toBe(13);
    const index = new KnowledgeIndex(db);
    const { response } = index.ask("What is a Pod?");
    expect(response.found).toBe(true);
    expect(response.results[0]?.source).toBe("notes-kinds/hugo/pod.md");
    expect(response.results[0]?.path).toEqual(["Pod"]);
    for (const question of ["What is a Pod?", "Service", "Compose", "Images layer cache", "Deployment"]) {
      for (const r of index.ask(question).response.results) {
        expect([r.title, ...r.path].join("\n"), question).not.toMatch(LEFTOVER);
      }
    }
  });
});
