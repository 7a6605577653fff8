import GithubSlugger from "github-slugger";
import type { Nodes, Root, RootContent, Table as MdTable } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

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
      for (const item of node.children) {
        for (const child of item.children) addBlock(section, child, undefined);
      }
      return;
    case "blockquote":
      for (const child of node.children) addBlock(section, child, undefined);
      return;
    case "html":
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

function parseTree(text: string): RootContent[] {
  const nodes: RootContent[] = [];
  for (const chunk of chunks(text)) {
    const tree: Root = fromMarkdown(chunk.text, {
      extensions: [gfm()],
      mdastExtensions: [gfmFromMarkdown()],
    });
    if (chunk.lineOffset > 0) for (const n of tree.children) shiftLines(n as Positioned, chunk.lineOffset);
    nodes.push(...tree.children);
  }
  return nodes;
}

/**
 * Parses one markdown note into sections, one per heading, with the text before the first heading as a
 * depth-0 section. Never throws: markdown has no syntax errors, and junk bytes are dropped first.
 */
export function parseNote(file: string, markdown: string): ParsedNote {
  const text = cleanInput(markdown);
  const slugger = new GithubSlugger();
  const totalLines = text.split("\n").length;
  const preamble = newSection(file, file.replace(/\.md$/i, ""), 0, [], "", 1);
  const sections: Section[] = [preamble];
  const stack: Section[] = [];
  let current = preamble;
  let previous: RootContent | undefined;
  for (const node of parseTree(text)) {
    if (node.type === "heading") {
      const raw = plainText(node).replace(/\s+/g, " ").trim();
      // A custom heading id (`## Title {#custom-id}`, as Hugo and kramdown write it) is the anchor.
      const custom = /\s*\{#([\w-]+)\}$/.exec(raw);
      const title = custom ? raw.slice(0, custom.index).trim() : raw;
      const line = lineOf(node, current.lineEnd);
      while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= node.depth) stack.pop();
      const path = [...(stack[stack.length - 1]?.path ?? []), title];
      current = newSection(file, title, node.depth, path, custom?.[1] ?? slugger.slug(title), line);
      collect(node, { inline: current.inlineCodes, links: current.links }, line);
      sections.push(current);
      stack.push(current);
    } else {
      addBlock(current, node, previous);
    }
    previous = node;
  }
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    const next = sections[i + 1];
    s.lineEnd = next ? Math.max(s.lineStart, next.lineStart - 1) : Math.max(s.lineStart, totalLines);
  }
  return { file, sections };
}
