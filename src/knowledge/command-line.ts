import {
  type CommandMatch,
  type FlagReading,
  isFlagWord,
  parseResourceToken,
  readFlagWord,
  resolveCommand,
} from "./catalog/index.js";
import type { CatalogArg, CatalogCommand, CatalogFlag, ResourceType } from "./catalog/types.js";

// ---------------------------------------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------------------------------------

interface Token {
  text: string;
  /** A shell operator (`|`, `&&`, `;`, `>` …) rather than a word. */
  op: boolean;
}

const OPERATOR_CHARS = "|&;<>";
const PLACEHOLDER_MAX = 200;

/** Index of the `>` closing a `<placeholder>` that starts at `i`, or -1 when `<` is not a placeholder. */
function placeholderEnd(s: string, i: number): number {
  const next = s[i + 1];
  if (next === undefined || /\s|[<>]/.test(next)) return -1;
  const limit = Math.min(s.length, i + PLACEHOLDER_MAX);
  for (let j = i + 1; j < limit; j++) {
    const c = s[j];
    if (c === ">") return /\s/.test(s[j - 1] ?? "") ? -1 : j;
    if (c === "<" || c === "\n") return -1;
  }
  return -1;
}

/** Where the command starts: after a `$ ` prompt, or a `# ` root prompt that is followed by a command. */
function afterPrompt(s: string): number {
  const dollar = /^\s*\$[ \t]+/.exec(s);
  if (dollar) return dollar[0].length;
  const hash = /^\s*#[ \t]+(?=[A-Za-z0-9_./~-])/.exec(s);
  return hash ? hash[0].length : 0;
}

/** Index just after the `$(…)`, `${…}` or backquoted expansion that starts at `i` (nesting counted). */
function expansionEnd(s: string, i: number): number {
  if (s[i] === "`") {
    const close = s.indexOf("`", i + 1);
    return close < 0 ? s.length : close + 1;
  }
  const open = s[i + 1] ?? "(";
  const close = open === "(" ? ")" : "}";
  let depth = 0;
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === open) depth++;
    else if (s[j] === close && --depth === 0) return j + 1;
  }
  return s.length;
}

function endOfLine(s: string, i: number): number {
  const nl = s.indexOf("\n", i);
  return nl < 0 ? s.length : nl;
}

function lex(line: string): Token[] {
  const s = line;
  const n = s.length;
  const out: Token[] = [];
  let cur = "";
  let inWord = false;
  const flush = () => {
    if (inWord) out.push({ text: cur, op: false });
    cur = "";
    inWord = false;
  };

  let i = afterPrompt(s);
  while (i < n) {
    const c = s[i] ?? "";
    if (c === "\\") {
      const next = s[i + 1];
      if (next === undefined) {
        cur += c;
        inWord = true;
        i++;
      } else {
        if (next !== "\n") {
          cur += next;
          inWord = true;
        }
        i += 2;
      }
    } else if (c === "'") {
      const close = s.indexOf("'", i + 1);
      const end = close < 0 ? n : close;
      cur += s.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = true;
      i++;
      while (i < n && s[i] !== '"') {
        const d = s[i] ?? "";
        const e = s[i + 1];
        if (d === "\\" && e !== undefined && '"\\$`\n'.includes(e)) {
          if (e !== "\n") cur += e;
          i += 2;
        } else {
          cur += d;
          i++;
        }
      }
      i++;
    } else if ((c === "$" && (s[i + 1] === "(" || s[i + 1] === "{")) || c === "`") {
      // `$(…)`, `${…}` and `…` stay inside the word, spaces and all, as the shell expands them later.
      const end = expansionEnd(s, i);
      cur += s.slice(i, end);
      inWord = true;
      i = end;
    } else if (/\s/.test(c)) {
      flush();
      i++;
    } else if (!inWord && c === "#") {
      i = endOfLine(s, i);
    } else if (!inWord && c === "/" && s[i + 1] === "/" && (i + 2 >= n || /\s/.test(s[i + 2] ?? ""))) {
      i = endOfLine(s, i);
    } else if (c === "<" && placeholderEnd(s, i) > 0) {
      const close = placeholderEnd(s, i);
      cur += s.slice(i, close + 1);
      inWord = true;
      i = close + 1;
    } else if (OPERATOR_CHARS.includes(c)) {
      // `2>` and `2>&1`: a file-descriptor number belongs to the redirection.
      let op = "";
      if (inWord && /^\d+$/.test(cur) && (c === ">" || c === "<")) {
        op = cur;
        cur = "";
        inWord = false;
      } else {
        flush();
      }
      let j = i;
      while (j < n && OPERATOR_CHARS.includes(s[j] ?? "") && !(s[j] === "<" && placeholderEnd(s, j) > 0)) j++;
      op += s.slice(i, j);
      if (/[<>]&$/.test(op)) {
        while (j < n && /[\d-]/.test(s[j] ?? "")) op += s[j++];
      }
      out.push({ text: op, op: true });
      i = j;
    } else {
      cur += c;
      inWord = true;
      i++;
    }
  }
  flush();
  return out;
}

/**
 * Splits a command line into words like a POSIX shell, with a few allowances for notes:
 * strips a leading `$ ` or `# ` prompt, honours '…' and "…" quotes and backslash escapes, keeps a
 * `<placeholder with spaces>` in one word (also inside `<a>:<b>`), drops `# comment` and `// comment`
 * tails, and returns shell operators (`|`, `&&`, `;`, `>` …) as words of their own. Never throws.
 */
export function tokenize(line: string): string[] {
  return lex(line).map((t) => t.text);
}

// ---------------------------------------------------------------------------------------------------------
// Breakdown
// ---------------------------------------------------------------------------------------------------------

export type Piece =
  | { kind: "command"; text: string; canonical: string }
  | { kind: "flag"; text: string; flag: CatalogFlag; value?: string; correction?: string }
  | { kind: "unknown-flag"; text: string; value?: string }
  | { kind: "argument"; text: string; arg?: CatalogArg; placeholder: boolean }
  | { kind: "resource"; text: string; resource: ResourceType };

export interface Breakdown {
  match: CommandMatch | null;
  pieces: Piece[];
}

const PLACEHOLDER = /<[^<>\s][^<>]*>|\{\{[^{}]+\}\}/;

/** Does the word hold a placeholder such as `<コンテナ名>` or tldr's `{{path}}`? */
export function isPlaceholder(word: string): boolean {
  return PLACEHOLDER.test(word);
}

function argumentPiece(text: string, arg: CatalogArg | undefined): Piece {
  return { kind: "argument", text, ...(arg ? { arg } : {}), placeholder: isPlaceholder(text) };
}

function flagPieces(readings: FlagReading[], value: string | undefined): Piece[] {
  return readings.map((r): Piece => {
    const v = r.needsValue ? value : r.value;
    if (!r.flag) return { kind: "unknown-flag", text: r.text, ...(v !== undefined ? { value: v } : {}) };
    return {
      kind: "flag",
      text: r.text,
      flag: r.flag,
      ...(v !== undefined ? { value: v } : {}),
      ...(r.correction ? { correction: r.correction } : {}),
    };
  });
}

/** Reads the flag word at `i` (and its value word); returns the pieces and the index after them. */
function readFlagAt(
  flags: readonly CatalogFlag[],
  tokens: readonly string[],
  i: number,
): { pieces: Piece[]; next: number } {
  const readings = readFlagWord(flags, tokens[i] ?? "");
  const wantsValue = readings.some((r) => r.needsValue);
  const value = wantsValue ? tokens[i + 1] : undefined;
  return { pieces: flagPieces(readings, value), next: value !== undefined ? i + 2 : i + 1 };
}

/** The declared arg for the k-th positional argument; extra ones go to a variadic last arg. */
function argAt(command: CatalogCommand, k: number): CatalogArg | undefined {
  const last = command.args[command.args.length - 1];
  return command.args[k] ?? (last?.variadic ? last : undefined);
}

const TYPE_SLASH_NAME = /^[a-z][a-z0-9.-]*\/[^/\s:]+$/i;

/** Pieces for the command's own flags and arguments, from `start` on. */
function commandPieces(
  command: CatalogCommand,
  tokens: readonly string[],
  start: number,
  resourceIndex?: number,
): Piece[] {
  const pieces: Piece[] = [];
  let argIndex = 0;
  let positionalSeen = false;
  let endOfOptions = false;
  let i = start;
  while (i < tokens.length) {
    const t = tokens[i] ?? "";
    const optionsOpen = !endOfOptions && !(command.flagsBeforeArgsOnly && positionalSeen);
    if (optionsOpen && t === "--") {
      endOfOptions = true;
      i++;
      continue;
    }
    if (optionsOpen && isFlagWord(t)) {
      const read = readFlagAt(command.flags, tokens, i);
      pieces.push(...read.pieces);
      i = read.next;
      continue;
    }
    positionalSeen = true;
    i++;
    const asResource = i - 1 === resourceIndex || (command.tool === "kubectl" && TYPE_SLASH_NAME.test(t));
    const parsed = asResource ? parseResourceToken(t) : null;
    if (parsed && (i - 1 === resourceIndex || parsed.name !== undefined)) {
      for (const item of parsed.items)
        pieces.push({ kind: "resource", text: item.text, resource: item.resource });
      // The resource fills the TYPE slot of verbs like `get`; `TYPE/NAME` also fills the name slot.
      if (command.takesResource && argIndex === 0) argIndex = 1;
      if (parsed.name !== undefined) pieces.push(argumentPiece(parsed.name, argAt(command, argIndex++)));
      continue;
    }
    pieces.push(argumentPiece(t, argAt(command, argIndex++)));
  }
  return pieces;
}

/**
 * Breaks a command line into its parts: the command (resolved to its canonical name), each flag
 * (combined short flags split, values attached, errata such as `-rm` corrected), kubectl resources and
 * the positional arguments mapped onto the command's declared args. Reading stops at a pipe or another
 * shell operator, and at a `#` or `//` comment. `--` (end of options) is not a piece of its own.
 */
export function breakDown(line: string): Breakdown {
  const all = lex(line);
  const stop = all.findIndex((t) => t.op);
  const words = (stop < 0 ? all : all.slice(0, stop)).map((t) => t.text);
  // What runs the command is not part of it: `sudo [-E]` and `NAME=value` assignments before the tool.
  let skip = 0;
  while (
    skip < words.length &&
    (/^sudo$/.test(words[skip] ?? "") ||
      (/^-[a-zA-Z]+$/.test(words[skip] ?? "") && words[skip - 1] === "sudo") ||
      /^[A-Z_][A-Z0-9_]*=\S*$/.test(words[skip] ?? ""))
  )
    skip++;
  const tokens = words.slice(skip);
  const resolved = resolveCommand(tokens);
  if (!resolved) {
    return {
      match: null,
      pieces: tokens.map(
        (t): Piece => (isFlagWord(t) ? { kind: "unknown-flag", text: t } : argumentPiece(t, undefined)),
      ),
    };
  }
  const { match, wordIndexes, prefixFlags, end, resourceIndex } = resolved;
  const pieces: Piece[] = [
    {
      kind: "command",
      text: wordIndexes.map((k) => tokens[k] ?? "").join(" "),
      canonical: match.command.name,
    },
  ];
  for (const span of prefixFlags)
    pieces.push(...readFlagAt(span.flags, tokens.slice(0, span.end), span.start).pieces);
  pieces.push(...commandPieces(match.command, tokens, end, resourceIndex));
  return { match, pieces };
}
