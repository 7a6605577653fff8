import type { Finding } from "./entries.js";

/*
 * Every cap the notes reader applies, in one place. A note past a cap is cut or skipped with a
 * finding that names the file, so that one pathological file never blocks the index of the others.
 */

/** A file larger than this is skipped with a finding: 2 MB is about 90 copies of a long study note, and takes the parser seconds. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** A folder's files past this count (in path order) are skipped with one finding. */
export const MAX_FILES = 5_000;
/** Files past this many bytes in total (in path order) are skipped with one finding: under a minute of parsing on a slow machine. */
export const MAX_TOTAL_BYTES = 8 * 1024 * 1024;
/** Longer lines are cut to this many characters (the parser's inline rules are superlinear on runs like `***…`). */
export const MAX_LINE_CHARS = 10_000;
/** Container depth (list markers, `>` and every two columns of indentation) kept per line; deeper prefixes are cut. */
export const MAX_NESTING = 32;
/** Table cells per file; rows past the cap are not indexed (a 2,000 × 50 table costs the parser a gigabyte). */
export const MAX_TABLE_CELLS = 10_000;
/** Headings per file; the text after the heading past the cap is not indexed. */
export const MAX_HEADINGS = 5_000;
/**
 * Underlined (setext) headings per file: the parser walks back over the whole file at each one, so
 * 4,500 of them in 27 KB took 6 s. Underlines past the cap are blanked and their headings read as text.
 */
export const MAX_SETEXT_HEADINGS = 200;
/** A file whose parse takes longer than this is skipped with a finding (parsing runs in a worker). */
export const PARSE_TIME_LIMIT_MS = 8_000;
/** How long the parse worker may take to start before the notes are parsed in-process instead. */
export const WORKER_START_LIMIT_MS = 15_000;
/** Heap of the parse worker; a file that needs more is skipped with a finding. */
export const PARSE_HEAP_MB = 192;
/** Folders with fewer bytes than this are parsed in-process: the worker's start-up would cost more than the parse. */
export const IN_PROCESS_BYTES = 512 * 1024;

function finding(file: string, line: number, excerpt: string, en: string, ja: string): Finding {
  return { kind: "parse", file, line, excerpt, message: { en, ja } };
}

export function skippedFileFinding(file: string, en: string, ja: string): Finding {
  return finding(file, 1, file, en, ja);
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** A setext heading's underline, when it stands under a line of text. */
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;

/** Cuts a line's container prefix (indentation, `>`, list markers) where it gets deeper than MAX_NESTING. */
function clampNesting(line: string): string | null {
  let depth = 0;
  let columns = 0;
  let i = 0;
  let cut = -1;
  while (i < line.length) {
    const c = line[i];
    let length = 1;
    if (c === " " || c === "\t") {
      columns += c === "\t" ? 4 : 1;
      depth += Math.floor(columns / 2);
      columns %= 2;
    } else if (c === ">") {
      depth++;
    } else {
      const marker = LIST_MARKER.exec(line.slice(i, i + 11));
      if (!marker) break;
      depth++;
      length = marker[0].length;
    }
    if (depth > MAX_NESTING && cut < 0) cut = i;
    i += length;
  }
  return cut < 0 ? null : line.slice(0, cut) + line.slice(i);
}

function deepNestingFinding(file: string, deepLines: number, firstDeep: number): Finding {
  return finding(
    file,
    firstDeep,
    `${deepLines} line(s)`,
    `${deepLines} line(s) nest lists, quotes or indentation deeper than ${MAX_NESTING} levels; the extra levels were flattened (first on line ${firstDeep}).`,
    `${deepLines} 行でリスト・引用・インデントの入れ子が ${MAX_NESTING} 段を超えたため平らにしました（最初は ${firstDeep} 行目）。`,
  );
}

/**
 * The caps that apply to the text the parser reads, after docs-site markup is reduced to its text.
 * - Nesting, again: a shortcode or comment at the start of a line (`{{% tab %}}- - - …`) hides the
 *   list markers behind it from guardNote, and the parser is quadratic in the depth it then finds.
 * - Underlined headings (a line of `=` or `-` under a line of text), past MAX_SETEXT_HEADINGS.
 * Lines inside fences are code and stay as they are; cut lines keep their place, so line numbers stay right.
 */
export function guardReduced(file: string, text: string): Guarded {
  const lines = text.split("\n");
  let fence: string | null = null;
  let deepLines = 0;
  let firstDeep = 0;
  let setext = 0;
  let firstSetextCut = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const f = FENCE.exec(line)?.[1];
    if (f && (fence === null || (f[0] === fence[0] && f.length >= fence.length))) {
      fence = fence === null ? f : null;
    } else if (fence === null) {
      const clamped = clampNesting(line);
      if (clamped !== null) {
        lines[i] = clamped;
        deepLines++;
        firstDeep ||= i + 1;
      }
      if (
        SETEXT_UNDERLINE.test(line) &&
        (lines[i - 1] ?? "").trim() !== "" &&
        ++setext > MAX_SETEXT_HEADINGS
      ) {
        lines[i] = "";
        firstSetextCut ||= i + 1;
      }
    }
  }
  const findings: Finding[] = [];
  if (deepLines > 0) findings.push(deepNestingFinding(file, deepLines, firstDeep));
  if (firstSetextCut > 0)
    findings.push(
      finding(
        file,
        firstSetextCut,
        `${setext} underlined headings`,
        `This file has more than ${MAX_SETEXT_HEADINGS} underlined headings (a line of = or - under a line of text); from line ${firstSetextCut} on they are read as text.`,
        `下線式の見出し（文の下に = や - の行）が ${MAX_SETEXT_HEADINGS} 個を超えています。${firstSetextCut} 行目以降は本文として読みました。`,
      ),
    );
  return findings.length === 0 ? { text, findings } : { text: lines.join("\n"), findings };
}

export interface Guarded {
  text: string;
  findings: Finding[];
}

/**
 * Applies the per-file caps to a note's text before it is parsed: long lines, deep nesting, huge
 * tables and too many headings are cut. Cut lines become blank, so line numbers stay right; only
 * the text past MAX_HEADINGS is dropped as a whole.
 */
export function guardNote(file: string, text: string): Guarded {
  const findings: Finding[] = [];
  const lines = text.split("\n");
  let longLines = 0;
  let firstLong = 0;
  let deepLines = 0;
  let firstDeep = 0;
  let cells = 0;
  let headings = 0;
  let fence: string | null = null;
  let inTable = false;
  let tableCut = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? "";
    if (line.length > MAX_LINE_CHARS) {
      line = line.slice(0, MAX_LINE_CHARS);
      longLines++;
      firstLong ||= i + 1;
    }
    const f = FENCE.exec(line)?.[1];
    if (f && (fence === null || (f[0] === fence[0] && f.length >= fence.length))) {
      fence = fence === null ? f : null;
      inTable = false;
    } else if (fence === null) {
      const clamped = clampNesting(line);
      if (clamped !== null) {
        line = clamped;
        deepLines++;
        firstDeep ||= i + 1;
      }
      if (HEADING.test(line)) {
        headings++;
        if (headings > MAX_HEADINGS) {
          findings.push(
            finding(
              file,
              i + 1,
              line.slice(0, 80),
              `This file has more than ${MAX_HEADINGS} headings; the text from line ${i + 1} on is not indexed.`,
              `見出しが ${MAX_HEADINGS} 個を超えています。${i + 1} 行目以降は索引に入れていません。`,
            ),
          );
          // The rest goes, not blanked: the parser spends a megabyte on every thousand blank lines.
          lines.length = i;
          break;
        }
      }
      if (!inTable && line.includes("|") && DELIMITER_ROW.test((lines[i + 1] ?? "").slice(0, MAX_LINE_CHARS)))
        inTable = true;
      else if (inTable && line.trim() === "") inTable = false;
      if (inTable) {
        cells += Math.max(1, line.split("|").length - 1);
        if (cells > MAX_TABLE_CELLS) {
          tableCut ||= i + 1;
          line = "";
        }
      }
    }
    lines[i] = line;
  }
  if (longLines > 0)
    findings.push(
      finding(
        file,
        firstLong,
        `${longLines} line(s)`,
        `${longLines} line(s) are longer than ${MAX_LINE_CHARS} characters and were cut (first on line ${firstLong}).`,
        `${MAX_LINE_CHARS} 文字を超える行が ${longLines} 行あり、切り詰めました（最初は ${firstLong} 行目）。`,
      ),
    );
  if (deepLines > 0) findings.push(deepNestingFinding(file, deepLines, firstDeep));
  if (tableCut > 0)
    findings.push(
      finding(
        file,
        tableCut,
        `${cells} cells`,
        `The tables of this file have more than ${MAX_TABLE_CELLS} cells; rows from line ${tableCut} on are not indexed.`,
        `この文書の表のセルが ${MAX_TABLE_CELLS} 個を超えたため、${tableCut} 行目以降の行は索引に入れていません。`,
      ),
    );
  return { text: lines.join("\n"), findings };
}
