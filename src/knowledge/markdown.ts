import GithubSlugger from "github-slugger";
import type { Nodes, Root, RootContent, Table as MdTable } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import type { Finding } from "./entries.js";
import { takeFrontMatter } from "./front-matter.js";
import { notesSyntax } from "./markdown-syntax.js";
import { reduceInline, reduceMarkup } from "./markup.js";
import { guardReduced, guardNote } from "./note-limits.js";

/** A fenced or indented code block, with the line its first content line is on. */
export interface CodeBlock {
  lang: string | null;
  value: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** A file name the note gives just before the block (`simple-pod.yaml`), if any. */
  fileName?: string;
  /** The last line of the paragraph just before the block: what the notes say the block is for. */
  lead?: string;
}

export interface TableRow {
  cells: string[];
  line: number;
}

export interface Table {
  header: string[];
  rows: TableRow[];
  line: number;
}

export interface InlineCode {
  value: string;
  line: number;
}

export interface Link {
  url: string;
  text: string;
  line: number;
}

/** A line of prose with where it stands. */
export interface ProseLine {
  text: string;
  line: number;
}

/** One heading of a note and everything under it up to the next heading. */
export interface Section {
  /** File path relative to the notes folder, with forward slashes. */
  file: string;
  title: string;
  /** 1–6; 0 for the text before the first heading. */
  depth: number;
  /** Heading titles from the top level down to this one. */
  path: string[];
  /** GitHub-style slug of the heading, unique within the file. */
  anchor: string;
  lineStart: number;
  lineEnd: number;
  /** Prose lines (paragraphs, list items, quotes, table rows as text), in order. */
  prose: ProseLine[];
  codeBlocks: CodeBlock[];
  tables: Table[];
  inlineCodes: InlineCode[];
  links: Link[];
}

export interface ParsedNote {
  file: string;
  sections: Section[];
  /** What the reader had to cut or could not read (caps, front matter that does not parse), with where. */
  findings?: Finding[];
}

const FILE_NAME = /^[\w.-]+\.(?:ya?ml|json|sh|dockerfile|toml|conf)$|^Dockerfile(?:\.[\w-]+)?$/i;

function lineOf(node: { position?: { start: { line: number } } }, fallback: number): number {
  return node.position?.start.line ?? fallback;
}

/** Plain text of a node: text, inline code and link text, with hard breaks as new lines. */
export function plainText(node: Nodes): string {
  switch (node.type) {
    case "text":
    case "inlineCode":
      return node.value;
    case "break":
      return "\n";
    case "html":
      return "";
    case "image":
      return node.alt ?? "";
    default:
      if ("children" in node) return (node.children as Nodes[]).map(plainText).join("");
      return "";
  }
}

function collect(node: Nodes, into: { inline: InlineCode[]; links: Link[] }, fallbackLine: number): void {
  if (node.type === "inlineCode") into.inline.push({ value: node.value, line: lineOf(node, fallbackLine) });
  if (node.type === "link")
    into.links.push({ url: node.url, text: plainText(node), line: lineOf(node, fallbackLine) });
  if ("children" in node)
    for (const c of node.children as Nodes[]) collect(c, into, lineOf(node, fallbackLine));
}

function tableOf(node: MdTable): Table {
  const rows = node.children.map((row) => ({
    cells: row.children.map((cell) => plainText(cell).trim()),
    line: lineOf(row, lineOf(node, 1)),
  }));
  const [head, ...body] = rows;
  return { header: head?.cells ?? [], rows: body, line: lineOf(node, 1) };
}

/** Splits a block's plain text into lines, each with its own line number. */
function proseLines(text: string, line: number): ProseLine[] {
  return text
    .split("\n")
    .map((t, i) => ({ text: t.replace(/\s+$/u, ""), line: line + i }))
    .filter((l) => l.text.trim() !== "");
}

/** A line that starts with a command-line tool is a command, however many words it has. */
const COMMAND_START =
  /^(?:sudo|docker|kubectl|podman|helm|git|npm|npx|yarn|pip|curl|wget|ssh|cd|ls|cat|echo|make)\b/u;

/** Words a line of running text has at least (English) to count as a sentence rather than a command. */
const QUOTE_MIN_WORDS = 5;

/**
 * Whether a fenced block without a language holds sentences rather than code: every line starts with a
 * letter and has several words, none is a shell prompt, a `key: value` line or a comment, and most end as
 * sentences or clauses do.
 */
function isQuotedProse(value: string): boolean {
  const lines = value
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return false;
  const sentence = (l: string) =>
    /^\p{L}/u.test(l) &&
    l.split(/\s+/u).length >= QUOTE_MIN_WORDS &&
    !/^[\w.-]+:\s/u.test(l) &&
    !/[{}<>$=|;`#]/u.test(l) &&
    !/(?:^|\s)--?[A-Za-z]/u.test(l) &&
    !COMMAND_START.test(l);
  // Most lines end as a sentence or a clause does.
  const ends = lines.filter((l) => /[.,!?:]$/u.test(l)).length;
  return lines.every(sentence) && ends >= lines.length / 2;
}

function addBlock(section: Section, node: RootContent, previous: RootContent | undefined): void {
  const line = lineOf(node, section.lineStart);
  const refs = { inline: section.inlineCodes, links: section.links };
  switch (node.type) {
    case "code": {
      const block: CodeBlock = { lang: node.lang?.trim() || null, value: node.value, line };
      if (previous?.type === "paragraph") {
        const last = plainText(previous).trim().split("\n").pop()?.trim() ?? "";
        if (FILE_NAME.test(last)) block.fileName = last;
        else if (last) block.lead = last;
      }
      // A quotation pasted between fences (a definition copied from a blog, in plain sentences) is prose:
      // its sentences can answer a question.
      if (!block.lang && !block.fileName && isQuotedProse(node.value)) {
        section.prose.push(...proseLines(node.value, line + 1));
        return;
      }
      section.codeBlocks.push(block);
      return;
    }
    case "table": {
      collect(node, refs, line);
      const table = tableOf(node);
      section.tables.push(table);
      for (const row of table.rows) {
        const text = row.cells.filter(Boolean).join(" — ");
        if (text) section.prose.push({ text, line: row.line });
      }
      return;
    }
    case "list":
      // A list item's paragraph introduces the code block after it, as a section's does (the Kubernetes docs
      // write their steps so: "* 以下のコマンドを実行して…" over `kubectl rollout pause …`).
      for (const item of node.children) {
        item.children.forEach((child, i) => {
          addBlock(section, child, item.children[i - 1]);
        });
      }
      return;
    case "blockquote":
      node.children.forEach((child, i) => {
        addBlock(section, child, node.children[i - 1]);
      });
      return;
    case "html": {
      // An HTML block's tags go, its text stays (`<details><summary>Why</summary>…`); scripts and comments go whole.
      const visible = node.value
        .replace(/<!--[\s\S]*?(?:-->|$)/g, (m) => "\n".repeat(m.split("\n").length - 1))
        .replace(/<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, (m) => "\n".repeat(m.split("\n").length - 1))
        .replace(/<\/?[A-Za-z][^<>]*>/g, " ")
        .replace(/&nbsp;/g, " ");
      section.prose.push(
        ...proseLines(visible.replace(/[ \t]+/g, " "), line).map((l) => ({ ...l, text: l.text.trim() })),
      );
      return;
    }
    case "thematicBreak":
    case "definition":
      return;
    default:
      collect(node, refs, line);
      section.prose.push(...proseLines(plainText(node), line));
  }
}

function newSection(
  file: string,
  title: string,
  depth: number,
  path: string[],
  anchor: string,
  line: number,
): Section {
  return {
    file,
    title,
    depth,
    path,
    anchor,
    lineStart: line,
    lineEnd: line,
    prose: [],
    codeBlocks: [],
    tables: [],
    inlineCodes: [],
    links: [],
  };
}

/** Removes bytes that make no sense in a text note (NUL and other C0 controls except tab and new line). */
function cleanInput(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
}

/** Large notes are parsed in pieces of about this size, cut before a heading outside code fences. */
const CHUNK_CHARS = 200_000;

/** Cuts a long text before ATX headings that stand outside fenced code, into pieces of about CHUNK_CHARS. */
function chunks(text: string): { text: string; lineOffset: number }[] {
  if (text.length <= CHUNK_CHARS) return [{ text, lineOffset: 0 }];
  const lines = text.split("\n");
  const out: { text: string; lineOffset: number }[] = [];
  let start = 0;
  let size = 0;
  let fence: string | null = null;
  lines.forEach((line, i) => {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && (fence === null || (f[0] === fence[0] && f.length >= fence.length)))
      fence = fence === null ? f : null;
    if (fence === null && size >= CHUNK_CHARS && /^#{1,6}(\s|$)/.test(line)) {
      out.push({ text: lines.slice(start, i).join("\n"), lineOffset: start });
      start = i;
      size = 0;
    }
    size += line.length + 1;
  });
  out.push({ text: lines.slice(start).join("\n"), lineOffset: start });
  return out;
}

type Positioned = { position?: { start: { line: number }; end: { line: number } }; children?: unknown[] };

function shiftLines(node: Positioned, offset: number): void {
  if (node.position) {
    node.position.start.line += offset;
    node.position.end.line += offset;
  }
  if (Array.isArray(node.children)) for (const c of node.children) shiftLines(c as Positioned, offset);
}

/** Built once: the syntax holds no state of its own between parses. */
const SYNTAX = notesSyntax();

/** Each node of the tree, parents before children. */
function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node);
  if ("children" in node) for (const c of node.children as Nodes[]) walk(c, visit);
}

/**
 * Reference-style links (`[text][id]`, `[text][]`, `[id]`) become the links their definitions
 * (`[id]: url`) make, so that anchors are checked and tables of contents found whichever way a link is
 * written. The parser makes a reference only of a defined label; the first definition of a label wins.
 * A note over CHUNK_CHARS is parsed in parts, and a reference there meets only the definitions of its
 * own part.
 */
function resolveReferences(tree: Root): void {
  const targets = new Map<string, { url: string; title: string | null }>();
  walk(tree, (n) => {
    if (n.type === "definition" && !targets.has(n.identifier))
      targets.set(n.identifier, { url: n.url, title: n.title ?? null });
  });
  if (targets.size === 0) return;
  walk(tree, (n) => {
    if (n.type !== "linkReference") return;
    const target = targets.get(n.identifier);
    if (target) Object.assign(n, { type: "link" }, target);
  });
}

function parseTree(text: string): RootContent[] {
  const nodes: RootContent[] = [];
  for (const chunk of chunks(text)) {
    const tree: Root = fromMarkdown(chunk.text, {
      extensions: SYNTAX,
      mdastExtensions: [gfmFromMarkdown()],
    });
    resolveReferences(tree);
    if (chunk.lineOffset > 0) for (const n of tree.children) shiftLines(n as Positioned, chunk.lineOffset);
    nodes.push(...tree.children);
  }
  return nodes;
}

/** Whether a `#…` link's escapes decode; a malformed one (`#%E0%A4%A`) is a finding and the link is dropped. */
function wellFormedAnchor(file: string, link: Link, findings: Finding[]): boolean {
  if (!link.url.startsWith("#")) return true;
  try {
    decodeURIComponent(link.url.slice(1));
    return true;
  } catch {
    findings.push({
      kind: "toc",
      file,
      line: link.line,
      excerpt: `[${link.text}](${link.url})`,
      message: {
        en: `The link "${link.text}" has a malformed %-escape in its address, so it cannot point to a heading.`,
        ja: `リンク「${link.text}」のアドレスに壊れた % エスケープがあり、見出しを指せません。`,
      },
    });
    return false;
  }
}

/** A note's name without its markdown extension: the page title when it has no other. */
function baseTitle(file: string): string {
  return file.replace(/\.(?:md|markdown|mdx)$/i, "");
}

function sameTitle(a: string, b: string): boolean {
  const norm = (t: string) => t.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();
  return norm(a) === norm(b);
}

/**
 * Parses one markdown note into sections, one per heading, with the text before the first heading as a
 * depth-0 section. Front matter is the page's metadata: its title names that section and heads every
 * heading path, its description is the section's first line. Docs-site markup is reduced to its text
 * first (see markup.ts) and the caps of note-limits.ts apply. Never throws: markdown has no syntax
 * errors, junk bytes are dropped, and a parser failure is a finding.
 */
export function parseNote(file: string, markdown: string): ParsedNote {
  const guarded = guardNote(file, cleanInput(markdown));
  const front = takeFrontMatter(file, guarded.text);
  const findings = [...guarded.findings, ...front.findings];
  try {
    const reduced = guardReduced(file, reduceMarkup(front.text));
    findings.push(...reduced.findings);
    const sections = sectionsOf(file, reduced.text, front.meta);
    for (const s of sections) s.links = s.links.filter((l) => wellFormedAnchor(file, l, findings));
    return { file, sections, findings };
  } catch (err) {
    findings.push({
      kind: "parse",
      file,
      line: 1,
      excerpt: file,
      message: {
        en: `This file could not be parsed (${err instanceof Error ? err.message : String(err)}); it is not indexed.`,
        ja: `このファイルを解析できませんでした。索引に入れていません。`,
      },
    });
    return { file, sections: [newSection(file, baseTitle(file), 0, [], "", 1)], findings };
  }
}

function sectionsOf(
  file: string,
  text: string,
  meta: { title?: string; description?: string; descriptionLine?: number },
): Section[] {
  const slugger = new GithubSlugger();
  const totalLines = text.split("\n").length;
  const nodes = parseTree(text);
  const pageTitle = meta.title ? reduceInline(meta.title).replace(/\s+/g, " ").trim() : "";
  const firstHeading = nodes.find((n) => n.type === "heading");
  // Docusaurus and MkDocs pages often repeat the title as their H1: that H1 is then the page section.
  const titledByH1 =
    pageTitle !== "" &&
    firstHeading?.type === "heading" &&
    firstHeading.depth === 1 &&
    sameTitle(plainText(firstHeading), pageTitle);
  const top = pageTitle && !titledByH1 ? [pageTitle] : [];
  const preamble = newSection(file, pageTitle || baseTitle(file), 0, pageTitle ? [pageTitle] : [], "", 1);
  const sections: Section[] = [preamble];
  const stack: Section[] = [];
  let current = preamble;
  let previous: RootContent | undefined;
  let pageSection: Section = preamble;
  for (const node of nodes) {
    if (node.type === "heading") {
      const raw = plainText(node).replace(/\s+/g, " ").trim();
      // A custom heading id (`## Title {#custom-id}`, as Hugo and kramdown write it) is the anchor.
      const custom = /\s*\{#([\w-]+)\}$/.exec(raw);
      const title = custom ? raw.slice(0, custom.index).trim() : raw;
      const line = lineOf(node, current.lineEnd);
      while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= node.depth) stack.pop();
      const path = [...(stack[stack.length - 1]?.path ?? top), title];
      current = newSection(file, title, node.depth, path, custom?.[1] ?? slugger.slug(title), line);
      if (titledByH1 && node === firstHeading) pageSection = current;
      collect(node, { inline: current.inlineCodes, links: current.links }, line);
      sections.push(current);
      stack.push(current);
    } else {
      addBlock(current, node, previous);
    }
    previous = node;
  }
  if (meta.description) {
    const description = reduceInline(meta.description).replace(/\s+/g, " ").trim();
    if (description) pageSection.prose.unshift({ text: description, line: meta.descriptionLine ?? 1 });
  }
  const empty = (s: Section) =>
    s.prose.length === 0 && s.codeBlocks.length === 0 && s.tables.length === 0 && s.links.length === 0;
  if (titledByH1 && empty(preamble)) sections.shift();
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    const next = sections[i + 1];
    s.lineEnd = next ? Math.max(s.lineStart, next.lineStart - 1) : Math.max(s.lineStart, totalLines);
  }
  return sections;
}
