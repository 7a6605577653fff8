import { findCommand, matchFlag } from "./catalog/index.js";
import type { CatalogCommand } from "./catalog/types.js";
import { breakDown, type Breakdown, readableLine, readsAsCommandLines } from "./command-line.js";
import type { Entry, Finding } from "./entries.js";
import { findGarbledCommand } from "./garbled.js";
import {
  analyzeYaml,
  checkDockerfile,
  checkScript,
  looksLikeDockerfile,
  looksLikeYaml,
  parseDockerfile,
} from "./manifests.js";
import type { CodeBlock, ParsedNote, Section, Table } from "./markdown.js";

export interface Extracted {
  entries: Entry[];
  findings: Finding[];
}

const TOOL_START = /^(?:sudo\s+)?(docker(?:-compose)?|kubectl)(?:\s|$)/;
const KUBECTL_OUTPUT_TAIL =
  /\s+((?:[\w.-]+\/)?[\w.-]+\s+"[^"]+"\s+(?:created|deleted|configured|rolled back|unchanged|scaled|exposed|labeled|annotated|patched))\s*$/;

function proseText(section: Section): string {
  return section.prose.map((l) => l.text.trim()).join("\n");
}

/** Fence languages that say the block is plain text (pasted output, a message, a quotation), not code. */
const PLAIN_LANGS = new Set([
  "text",
  "txt",
  "plain",
  "plaintext",
  "output",
  "log",
  "quote",
  "md",
  "markdown",
]);

/** Code blocks that hold prose (a quotation, a pasted paragraph) rather than code. */
function isProseBlock(block: CodeBlock): boolean {
  if (looksLikeYaml(block) || looksLikeDockerfile(block)) return false;
  // A block whose fence names a programming language (sql, nginx, hcl, python) is code, however wordy its
  // lines; a fence word in the notes' own language (```引用) names no language.
  const lang = block.lang?.toLowerCase();
  if (lang && /^[\w+#.-]+$/.test(lang) && !PLAIN_LANGS.has(lang)) return false;
  const lines = block.value.split("\n").filter((l) => l.trim());
  if (lines.some((l) => /^\s*(\$|#!|!#)/.test(l) || TOOL_START.test(l.trim()))) return false;
  // Command lines of a tool the reference does not know (`airflow dags list`) are code too.
  if (readsAsCommandLines(block.value)) return false;
  return (
    lines.length > 0 &&
    lines.every((l) => /[\p{L}]{2,}.*\s.*[\p{L}]{2,}|[\p{Script=Han}\p{Script=Hiragana}]/u.test(l))
  );
}

interface CommandLine {
  text: string;
  line: number;
  section: Section;
  /** What the notes say just before the line (the paragraph before its code block, or its own sentence). */
  lead?: string | undefined;
  /** The comment line above it inside its code block (`# 特定のREVISIONにロールバック`). */
  comment?: string | undefined;
  /** The notes' line right after its code block, when it is not the next block's introduction. */
  follow?: string | undefined;
  /** A reading of a garbled line, not the notes' own text. */
  corrected?: boolean;
}

/** A comment line of a shell block (`# …`, `## …`, `// …`), without its marker; not a shebang. */
const COMMENT_LINE = /^(?:#+|\/\/)\s*(?!!)(\S.*)$/u;

/**
 * Command lines of a shell block: prompted lines (`$ …`), or tool lines when the block has no prompt. Each
 * carries the comment that captions it: the nearest comment above with no other command between, or the
 * comment that opens the block (a heading for all its lines) until another comment comes.
 */
function shellLines(block: CodeBlock): { text: string; line: number; comment?: string }[] {
  const lines = block.value.split("\n");
  const prompted = lines.some((l) => /^\s*\$\s?\S/.test(l));
  const out: { text: string; line: number; comment?: string }[] = [];
  let heading: string | undefined;
  let pending: string | undefined;
  lines.forEach((raw, i) => {
    const t = raw.trim();
    const line = block.line + 1 + i;
    const comment = COMMENT_LINE.exec(t)?.[1]?.trim();
    if (comment) {
      if (out.length === 0 && heading === undefined && pending === undefined) heading = comment;
      else heading = undefined;
      pending = comment;
      return;
    }
    const text = prompted ? /^\$\s?(.*)$/.exec(t)?.[1]?.trim() : TOOL_START.test(t) ? t : undefined;
    if (!text) return;
    const caption = pending ?? heading;
    out.push(caption ? { text, line, comment: caption } : { text, line });
    pending = undefined;
  });
  return out;
}

/** The last line of a block, counting its closing fence. */
function blockEnd(block: CodeBlock): number {
  return block.line + block.value.split("\n").length + 1;
}

/**
 * The notes' line right after a code block that explains it (`-d`オプションをつけることにより…), unless
 * it introduces the next command block or another block comes first. A line that introduces the command's
 * output ("It restarts the Pods. The output is similar to this:") is kept: the answer shows its sentences
 * without the one that points at the output (core/answers/plan.ts).
 */
function followOf(section: Section, index: number): string | undefined {
  const block = section.codeBlocks[index];
  if (!block) return undefined;
  const next = section.codeBlocks[index + 1];
  const end = blockEnd(block);
  const after = section.prose.find((l) => l.line > end && (!next || l.line < next.line));
  const text = after?.text.trim();
  if (!text || (next && text === next.lead?.trim() && shellLines(next).length > 0)) return undefined;
  return text;
}

/** The prose line just before a line of the notes (`- Build an image:` above `` `docker build .` ``). */
function proseBefore(section: Section, line: number): string | undefined {
  const before = section.prose.filter((l) => l.line < line && l.text.trim()).at(-1);
  if (!before) return undefined;
  const between = section.codeBlocks.some((b) => b.line > before.line && b.line < line);
  return between ? undefined : before.text.trim();
}

function catalogLine(cmd: CatalogCommand): string {
  return `${cmd.name} ${cmd.aliases.join(" ")} ${cmd.summary.en} ${cmd.summary.ja}`;
}

function flagsText(b: Breakdown): string {
  return b.pieces
    .map((p) =>
      p.kind === "flag"
        ? `${p.flag.summary.en} ${p.flag.summary.ja}`
        : p.kind === "resource"
          ? `${p.resource.summary.en} ${p.resource.summary.ja}`
          : "",
    )
    .filter(Boolean)
    .join(" ");
}

function erratumFindings(file: string, c: CommandLine, b: Breakdown): Finding[] {
  const out: Finding[] = [];
  for (const p of b.pieces) {
    if (p.kind === "flag" && p.correction) {
      out.push({
        kind: "erratum",
        file,
        line: c.line,
        excerpt: c.text,
        message: {
          en: `\`${p.text}\` should be \`${p.correction}\`: long options take two dashes (\`${p.text}\` would be read as single-letter flags).`,
          ja: `\`${p.text}\` は \`${p.correction}\` の誤りです。長いオプションはハイフン2つで書きます (\`${p.text}\` は1文字のフラグの組み合わせとして解釈されます)。`,
        },
        correction: c.text.replace(p.text, p.correction),
      });
    }
  }
  const tail = KUBECTL_OUTPUT_TAIL.exec(c.text);
  if (tail?.[1] && b.match?.command.tool === "kubectl") {
    const command = c.text.slice(0, tail.index).trim();
    out.push({
      kind: "erratum",
      file,
      line: c.line,
      excerpt: c.text,
      message: {
        en: `The command's output (\`${tail[1]}\`) is written on the same line as the command. The command is \`${command}\`.`,
        ja: `コマンドの出力 (\`${tail[1]}\`) がコマンドと同じ行に書かれています。コマンドは \`${command}\` です。`,
      },
      correction: command,
    });
  }
  if (b.match?.command.name === "kubectl apply" && /(^|\s)--record\b/.test(c.text)) {
    out.push({
      kind: "erratum",
      file,
      line: c.line,
      excerpt: c.text,
      message: {
        en: "`--record` is deprecated in kubectl and will be removed; set the `kubernetes.io/change-cause` annotation instead.",
        ja: "`--record` は kubectl で非推奨となり、削除予定です。代わりに `kubernetes.io/change-cause` アノテーションを設定します。",
      },
    });
  }
  return out;
}

/** The command the note's option table is about: the notes' command that knows the most of its flags. */
function commandForOptions(
  table: Table,
  known: { canonical: string; order: number }[],
  at: number,
): CatalogCommand | undefined {
  let best: { cmd: CatalogCommand; hits: number; distance: number } | undefined;
  for (const k of known) {
    const cmd = findCommand(k.canonical);
    if (!cmd) continue;
    const hits = table.rows.filter((r) =>
      matchFlag(cmd, (r.cells[0] ?? "").split(/[\s,、/]+/)[0] ?? ""),
    ).length;
    const distance = Math.abs(at - k.order);
    if (hits > 0 && (!best || hits > best.hits || (hits === best.hits && distance < best.distance))) {
      best = { cmd, hits, distance };
    }
  }
  return best?.cmd;
}

const OPTION_HEADER = /オプション|option|flag|フラグ|引数/i;
const TERM_LINE =
  /^([A-Za-z][\w.+-]*(?: [A-Za-z][\w.+-]*){0,4}|[^\s:：]{1,20})\s*(?:\.\.\.|…|:|：)\s+(.{4,})$/u;
const BARE_TERM_LINE = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\s+(\S*[^\x00-\x7F]\S*.*)$/u;

/** The term of a definition list (`kubelet` over `: ensures…`) is a short line, not a sentence. */
const DEFINITION_TERM_CHARS = 40;
const DEFINITION_LINE = /^[:：]\s+(.{4,})$/u;

/**
 * Lines like `etcd Kubernetesクラスタのバッキングストア` or `Infrastructure as code ... 考え方です。`, and
 * definition lists (a term on its own line, then `: its meaning`, as Hugo, kramdown and pandoc write them).
 */
function termLines(section: Section): { term: string; text: string; line: number }[] {
  const out: { term: string; text: string; line: number }[] = [];
  const bare = section.prose.map((l) => BARE_TERM_LINE.exec(l.text.trim()));
  const defined = new Set<number>();
  section.prose.forEach((l, i) => {
    const meaning = DEFINITION_LINE.exec(l.text.trim())?.[1];
    const prev = section.prose[i - 1];
    const term = prev?.text
      .trim()
      .replace(/\s*[(（][^()（）]*[)）]$/u, "")
      .trim();
    if (!meaning || !prev || !term || prev.line !== l.line - 1) return;
    if (term.length > DEFINITION_TERM_CHARS || /[。.!?！？:：]$/u.test(term)) return;
    out.push({ term, text: meaning.trim(), line: prev.line });
    defined.add(i - 1).add(i);
  });
  section.prose.forEach((l, i) => {
    if (defined.has(i)) return;
    const text = l.text.trim();
    const m = TERM_LINE.exec(text);
    if (m?.[1] && m[2] && !/^https?$/i.test(m[1]) && !text.startsWith("http")) {
      out.push({ term: m[1].trim(), text: m[2].trim(), line: l.line });
      return;
    }
    const b = bare[i];
    // A bare "term explanation" line counts only in a run of at least two, like a glossary.
    if (b?.[1] && b[2] && (bare[i - 1] || bare[i + 1]))
      out.push({ term: b[1], text: b[2].trim(), line: l.line });
  });
  return out;
}

function keyOf(...parts: (string | number)[]): string {
  return parts.join(":");
}

/** Turns parsed notes into searchable entries, and collects what is wrong in them. */
export function extractEntries(notes: ParsedNote[]): Extracted {
  const entries: Entry[] = [];
  const findings: Finding[] = [];
  for (const note of notes) extractNote(note, entries, findings);
  return { entries, findings };
}

function extractNote(note: ParsedNote, entries: Entry[], findings: Finding[]): void {
  const { file } = note;
  const anchors = new Set(note.sections.map((s) => s.anchor));
  // Names from the file's manifests help rebuild a garbled command that refers to them.
  const yamlNames = new Set<string>();
  for (const s of note.sections)
    for (const b of s.codeBlocks)
      if (looksLikeYaml(b))
        for (const m of b.value.matchAll(/name:\s*([\w.-]+)/g)) if (m[1]) yamlNames.add(m[1]);
  const seenPaths = new Map<string, number>();
  const commandsSeen: { canonical: string; order: number }[] = [];

  note.sections.forEach((section, order) => {
    const base = { file, anchor: section.anchor, path: section.path };
    if (section.depth > 0 && section.title === "") {
      findings.push({
        kind: "empty-heading",
        file,
        line: section.lineStart,
        excerpt: "#".repeat(section.depth),
        message: { en: "This heading is empty.", ja: "見出しが空です。" },
      });
    }
    const pathKey = section.path.join(" › ");
    if (section.depth > 0 && seenPaths.has(pathKey)) {
      findings.push({
        kind: "duplicate-heading",
        file,
        line: section.lineStart,
        excerpt: section.title,
        message: {
          en: `The heading "${pathKey}" also stands on line ${seenPaths.get(pathKey)}; links to it reach only the first.`,
          ja: `見出し「${pathKey}」は ${seenPaths.get(pathKey)} 行目にもあります。リンクは最初のものにしか届きません。`,
        },
      });
    } else if (section.depth > 0) seenPaths.set(pathKey, section.lineStart);

    for (const link of section.links) {
      if (!link.url.startsWith("#")) continue;
      const target = decodeURIComponent(link.url.slice(1));
      if (!anchors.has(target)) {
        findings.push({
          kind: "toc",
          file,
          line: link.line,
          excerpt: `[${link.text}](${link.url})`,
          message: {
            en: `The link "${link.text}" points to #${target}, which no heading of this file has.`,
            ja: `リンク「${link.text}」の #${target} に当たる見出しがこのファイルにありません。`,
          },
        });
      }
    }

    const quoted = section.codeBlocks.filter(isProseBlock).map((b) => b.value.trim());
    const prose = [proseText(section), ...quoted].filter(Boolean).join("\n");
    const isToc =
      section.depth === 0 && section.links.length > 0 && section.links.every((l) => l.url.startsWith("#"));

    // Commands: from shell blocks and inline code.
    const lines: CommandLine[] = [];
    section.codeBlocks.forEach((block, index) => {
      if (looksLikeYaml(block) || looksLikeDockerfile(block) || isProseBlock(block)) return;
      const follow = followOf(section, index);
      for (const l of shellLines(block)) lines.push({ ...l, section, lead: block.lead, follow });
    });
    for (const l of section.prose) {
      const m = /^\$\s+(.+)$/.exec(l.text.trim());
      if (m?.[1] && TOOL_START.test(m[1]))
        lines.push({ text: m[1].trim(), line: l.line, section, lead: proseBefore(section, l.line) });
    }
    for (const code of section.inlineCodes) {
      const value = code.value.trim();
      if (!TOOL_START.test(value)) continue;
      // A line that is the command alone (`` `docker build .` `` under its `- description:`) is captioned
      // by the line before it; a command inside a sentence is captioned by the sentence.
      const own = section.prose.find((l) => l.line === code.line)?.text.trim() ?? "";
      const alone = own.replace(/`/g, "").trim() === value;
      lines.push({
        text: value,
        line: code.line,
        section,
        lead: alone ? proseBefore(section, code.line) : own || undefined,
      });
    }
    const byCommand = new Map<string, { lines: CommandLine[]; catalog: string[] }>();
    for (const c of lines) {
      const garbled = findGarbledCommand(file, c.text, c.line, yamlNames);
      if (garbled) {
        findings.push(garbled);
        // Index what the line means, so /explain of that command finds it (the answer shows the erratum).
        if (garbled.correction) lines.push({ ...c, text: garbled.correction, corrected: true });
        continue;
      }
      // A line that names its command through tldr's choice of spellings (`docker {{[diff|container diff]}}`)
      // is read by its first spelling; one that reads as written keeps its own reading.
      const written = breakDown(c.text);
      const b = written.match ? written : breakDown(readableLine(c.text));
      if (!b.match) continue;
      findings.push(...erratumFindings(file, c, b));
      const canonical = b.match.command.name;
      commandsSeen.push({ canonical, order });
      const group = byCommand.get(canonical) ?? { lines: [], catalog: [catalogLine(b.match.command)] };
      group.lines.push(c);
      group.catalog.push(flagsText(b), b.match.canonical);
      byCommand.set(canonical, group);
    }
    for (const [canonical, group] of byCommand) {
      // One caption per example line (the first time the notes write it), aligned with `examples`.
      const firsts = group.lines.filter((l, i) => group.lines.findIndex((g) => g.text === l.text) === i);
      entries.push({
        ...base,
        kind: "command",
        key: keyOf("command", file, section.anchor, canonical),
        line: group.lines[0]?.line ?? section.lineStart,
        title: canonical,
        text: prose,
        command: canonical,
        examples: firsts.map((l) => l.text),
        catalogText: group.catalog.join(" "),
        data: {
          lines: group.lines.map((l) => String(l.line)),
          comments: firsts.map((l) => l.comment ?? ""),
          leads: firsts.map((l) => l.lead ?? ""),
          follows: firsts.map((l) => l.follow ?? ""),
          ...(group.lines.find((l) => l.lead) ? { lead: group.lines.find((l) => l.lead)?.lead ?? "" } : {}),
        },
      });
    }

    // Tables: option tables and glossaries.
    for (const table of section.tables) {
      const isOptions =
        OPTION_HEADER.test(table.header[0] ?? "") || table.rows.every((r) => /^-/.test(r.cells[0] ?? ""));
      if (isOptions) {
        const cmd = commandForOptions(table, commandsSeen.length ? commandsSeen : [], order);
        for (const row of table.rows) {
          const typed = (row.cells[0] ?? "").trim();
          if (!typed) continue;
          const fm = cmd ? matchFlag(cmd, typed.split(/[\s,、/]+/)[0] ?? typed) : null;
          if (fm?.correction) {
            findings.push({
              kind: "erratum",
              file,
              line: row.line,
              excerpt: `| ${row.cells.join(" | ")} |`,
              message: {
                en: `The option is \`${fm.correction}\`, with two dashes; \`${typed}\` would be read as \`-${typed.slice(1).split("").join(" -")}\`.`,
                ja: `オプションはハイフン2つの \`${fm.correction}\` です。\`${typed}\` と書くと \`-${typed.slice(1).split("").join(" -")}\` と解釈されます。`,
              },
              correction: fm.correction,
            });
          }
          entries.push({
            ...base,
            kind: "option",
            key: keyOf("option", file, section.anchor, typed),
            line: row.line,
            title: fm?.correction ?? typed,
            text: row.cells.slice(1).join(" ").trim(),
            ...(cmd ? { command: cmd.name } : {}),
            catalogText: fm ? `${fm.flag.summary.en} ${fm.flag.summary.ja} ${cmd?.name ?? ""}` : "",
            data: { typed, ...(fm?.correction ? { correction: fm.correction } : {}) },
          });
        }
        continue;
      }
      findings.push(...termTableFindings(file, section, table));
      for (const row of table.rows) {
        const term = (row.cells[0] ?? "").trim();
        const meaning = row.cells
          .slice(1)
          .join(" ")
          .replace(/[｜|]\s*$/u, "")
          .trim();
        if (!term || !meaning) continue;
        entries.push({
          ...base,
          kind: "term",
          key: keyOf("term", file, section.anchor, term, row.line),
          line: row.line,
          title: term,
          text: meaning,
        });
      }
    }
    for (const t of termLines(section)) {
      entries.push({
        ...base,
        kind: "term",
        key: keyOf("term", file, section.anchor, t.term),
        line: t.line,
        title: t.term,
        text: t.text,
      });
    }

    // Manifests, Dockerfiles and scripts.
    for (const block of section.codeBlocks) {
      findings.push(...checkScript(file, block));
      if (looksLikeYaml(block)) {
        const info = analyzeYaml(file, block);
        findings.push(...info.findings);
        const title = block.fileName ?? ([info.kind, info.name].filter(Boolean).join(" ") || "YAML");
        entries.push({
          ...base,
          kind: "example",
          key: keyOf("example", file, section.anchor, block.line),
          line: block.line,
          title,
          text: info.fields.map((f) => `${f.path}: ${f.value} — ${f.comment}`).join("\n") || prose,
          examples: [block.value],
          data: { format: "yaml", kind: info.kind, apiVersion: info.apiVersion, name: info.name },
        });
      } else if (looksLikeDockerfile(block)) {
        findings.push(...checkDockerfile(file, block));
        const ins = parseDockerfile(block);
        entries.push({
          ...base,
          kind: "example",
          key: keyOf("example", file, section.anchor, block.line),
          line: block.line,
          title: "Dockerfile",
          text: prose,
          examples: [block.value],
          data: { format: "dockerfile", instructions: ins.map((i) => i.instruction) },
        });
      }
    }

    // The text before the first heading is a section when the page has a title (front matter), not otherwise.
    if (
      !isToc &&
      (prose || section.codeBlocks.length > 0) &&
      (section.depth > 0 || section.path.length > 0)
    ) {
      const catalog = [...byCommand.values()].flatMap((g) => g.catalog).join(" ");
      const codeBlocks = section.codeBlocks.filter((b) => !isProseBlock(b));
      entries.push({
        ...base,
        kind: "section",
        key: keyOf("section", file, section.anchor),
        line: section.lineStart,
        title: section.title,
        text: prose,
        examples: codeBlocks.map((b) => b.value),
        catalogText: catalog,
        // Per code block, what introduces it and its fence's language (shown with it in an answer).
        data: {
          lineEnd: section.lineEnd,
          blockLeads: codeBlocks.map((b) => b.lead ?? ""),
          blockLangs: codeBlocks.map((b) => b.lang ?? ""),
        },
      });
    }
  });
}

/** A glossary that describes the same term twice, usually a copy-paste slip. */
function termTableFindings(file: string, section: Section, table: Table): Finding[] {
  const out: Finding[] = [];
  const terms = table.rows.map((r) => (r.cells[0] ?? "").trim());
  const dockerfile = section.codeBlocks.find(looksLikeDockerfile);
  const used = dockerfile ? parseDockerfile(dockerfile).map((i) => i.instruction) : [];
  const missing = [...new Set(used)].filter((u) => !terms.includes(u));
  terms.forEach((t, i) => {
    const first = terms.indexOf(t);
    if (!t || first === i) return;
    const rows = [first, i];
    // Which of the twin rows means the missing term: the one whose place matches its place in the example.
    const guess = missing[0];
    const wrongRow = guess
      ? rows.reduce((a, b) => (Math.abs(b - used.indexOf(guess)) < Math.abs(a - used.indexOf(guess)) ? b : a))
      : i;
    const row = table.rows[wrongRow];
    if (!row) return;
    out.push({
      kind: "table",
      file,
      line: row.line,
      excerpt: `| ${row.cells.join(" | ")} |`,
      message: guess
        ? {
            en: `\`${t}\` is described twice in this table, and \`${guess}\` (used in the Dockerfile above) not at all: this row describes \`${guess}\`.`,
            ja: `この表では \`${t}\` が2回説明され、上の Dockerfile で使われている \`${guess}\` の説明がありません。この行は \`${guess}\` の説明です。`,
          }
        : {
            en: `\`${t}\` is described twice in this table.`,
            ja: `この表では \`${t}\` が2回説明されています。`,
          },
      ...(guess ? { correction: guess } : {}),
    });
  });
  return out;
}
