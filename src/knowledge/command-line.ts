import { referenceMessage } from "./catalog/messages.js";
import {
  type CommandMatch,
  commandsWithFlag,
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
  | {
      kind: "unknown-flag";
      text: string;
      value?: string;
      /** Commands of the same tool that do have a flag of this name (`kubectl rollout undo` for --dry-run). */
      alsoIn?: string[];
    }
  | { kind: "argument"; text: string; arg?: CatalogArg; placeholder: boolean }
  | { kind: "resource"; text: string; resource: ResourceType };

export interface Breakdown {
  match: CommandMatch | null;
  pieces: Piece[];
  /**
   * Set by {@link breakDownLine}: every part of a pasted line, in order (`sudo docker build . && docker run
   * … | tee log`): each docker/kubectl command with its own breakdown, other programs named, output lines
   * told apart. `match` and `pieces` above are those of the first docker/kubectl command.
   */
  segments?: Segment[];
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

/** tldr's `{{[a|b]}}`: a choice between spellings of the same thing, short first. */
const CHOICE = /\{\{\[([^|\]]+)\|([^\]]*)\]\}\}/gu;

/**
 * A tldr-style choice of spellings read as its first one: `{{[-d|--detach]}}` as `-d`, and
 * `docker {{[diff|container diff]}}` as `docker diff`, for the command reference.
 */
export function readableLine(text: string): string {
  return text.replace(CHOICE, (_, first: string) => first);
}

/**
 * A line read through each way of taking its choices of spellings: as written, every choice as its first
 * spelling, and as its last (`docker {{[ps|container ls]}}`: `docker ps` and `docker container ls`), once each.
 */
export function spellingsOfLine(text: string): string[] {
  const last = text.replace(CHOICE, (_, _first: string, rest: string) => rest.split("|").at(-1) ?? rest);
  return [...new Set([text, readableLine(text), last])];
}

/**
 * Breaks a command line into its parts: the command (resolved to its canonical name), each flag
 * (combined short flags split, values attached, errata such as `-rm` corrected), kubectl resources and
 * the positional arguments mapped onto the command's declared args. What only runs the command (`sudo`,
 * `NAME=value`) is skipped; in a pipe or `&&`/`;` chain the first docker/kubectl part is read
 * (`cat x | kubectl apply -f -`); reading stops at the end of the first line, at a redirection and at a
 * `#` or `//` comment. `--` (end of options) is not a piece of its own. See {@link breakDownLine} for
 * every part of a paste.
 */
export function breakDown(line: string): Breakdown {
  const first = logicalLines(line).find((l) => lex(l).length > 0) ?? "";
  const all = lex(first);
  const parts: string[][] = [[]];
  let stopped = false;
  for (const t of all) {
    if (!t.op) {
      if (!stopped) parts[parts.length - 1]?.push(t.text);
    } else if (CONTROL.test(t.text)) {
      if (parts.length >= MAX_SEGMENTS) break;
      parts.push([]);
      stopped = false;
    } else stopped = true;
  }
  for (const words of parts) {
    const rest = runnerSkipped(words).words;
    if (rest.length > 0 && resolveCommand(rest)) return breakDownWords(rest);
  }
  return breakDownWords(runnerSkipped(parts[0] ?? []).words);
}

/** {@link breakDown} of words already split, starting at the tool word. */
function breakDownWords(tokens: readonly string[]): Breakdown {
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
  for (const p of commandPieces(match.command, tokens, end, resourceIndex)) {
    if (p.kind === "unknown-flag") {
      const alsoIn = commandsWithFlag(match.command, p.text);
      pieces.push(alsoIn.length > 0 ? { ...p, alsoIn } : p);
    } else pieces.push(p);
  }
  return { match, pieces };
}

// ---------------------------------------------------------------------------------------------------------
// Whole pasted lines
// ---------------------------------------------------------------------------------------------------------

export type Segment =
  /** A docker or kubectl command, broken down. `nested`: inside `$(…)` or backquotes of another part. */
  | { kind: "command"; text: string; breakdown: Breakdown; nested?: boolean; runners?: string[] }
  /** Another program (`grep`, `tee`, `cat`): named, not explained. */
  | { kind: "other"; text: string; program: string; nested?: boolean }
  /** A line of output pasted with the command (`deployment "echo" rolled back`). */
  | { kind: "output"; text: string };

/** Most lines of a paste looked at; the rest is left out. */
const MAX_LINES = 40;
/** How deep `$(…)` inside `$(…)` is followed. */
const MAX_NESTING = 3;
/** Most parts of one paste that are broken down. */
const MAX_SEGMENTS = 40;

/** Programs that commonly stand beside docker and kubectl in READMEs: a line starting so is a command. */
const SHELL_PROGRAMS = new Set(
  (
    "awk base64 bash cat cd chmod chown cp curl cut date echo env eval exec export find git grep gunzip gzip " +
    "head helm jq kind kill less ls make minikube mkdir mv nc nohup npm openssl printf ps pwd rm sed set sh " +
    "sleep sort source ssh sudo tail tar tee test time touch tr uniq unset watch wc wget xargs yq zsh " +
    "apt apt-get yum dnf apk brew systemctl journalctl"
  ).split(" "),
);

const CONTROL = /^(?:\|\|?|\|&|&&?|;;?)$/;
const REDIRECT = /^(?:\d*(?:>>?|<<?)(?:&\d*-?)?|&>>?)$/;

/** Text inside the `$(…)` and backquoted expansions of a word. */
function expansionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if ((c === "$" && word[i + 1] === "(") || c === "`") {
      const end = expansionEnd(word, i);
      const inner = c === "`" ? word.slice(i + 1, end - 1) : word.slice(i + 2, end - 1);
      if (inner.trim()) out.push(inner);
      i = end - 1;
    }
  }
  return out;
}

/** Logical lines: a backslash at the end of a line continues it. */
function logicalLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/(?<!\\)\n/)
    .slice(0, MAX_LINES);
}

const PROMPT = /^\s*(?:\$|#)[ \t]+\S/;

/** The words of one command part, without what only runs it: `sudo [-E]`, `NAME=value`, `env`, `time`. */
function runnerSkipped(words: readonly string[]): { words: string[]; skipped: number } {
  let skip = 0;
  while (skip < words.length) {
    const w = words[skip] ?? "";
    const prev = words[skip - 1];
    if (
      w === "sudo" ||
      w === "env" ||
      w === "time" ||
      w === "nohup" ||
      (/^-[a-zA-Z]+$/.test(w) && prev === "sudo") ||
      /^[A-Za-z_][A-Za-z0-9_]*=\S*$/.test(w)
    )
      skip++;
    else break;
  }
  return { words: words.slice(skip), skipped: skip };
}

function segmentsOf(text: string, depth: number, out: Segment[], outputAllowed: boolean): void {
  const lines = logicalLines(text);
  const prompted = lines.some((l) => PROMPT.test(l));
  let commandsSeen = 0;
  for (const raw of lines) {
    if (out.length >= MAX_SEGMENTS) return;
    const line = raw.trim();
    if (!line) continue;
    const tokens = lex(line);
    if (tokens.length === 0) continue;
    // Output pasted with the command: in a paste with prompts, the lines without one; otherwise a line
    // after a command that starts with neither a docker/kubectl word nor a known program.
    if (outputAllowed && commandsSeen > 0) {
      const first = runnerSkipped(tokens.filter((t) => !t.op).map((t) => t.text)).words[0] ?? "";
      const isCommand = prompted
        ? PROMPT.test(raw)
        : SHELL_PROGRAMS.has(first) || resolveCommand([first, "x"]) !== null;
      if (!isCommand) {
        out.push({ kind: "output", text: line });
        continue;
      }
    }
    let words: string[] = [];
    const flush = () => {
      if (words.length === 0) return;
      const { words: rest, skipped } = runnerSkipped(words);
      const shown = words.join(" ");
      const nested = depth > 0 ? { nested: true } : {};
      const runners = skipped > 0 ? { runners: words.slice(0, skipped) } : {};
      if (rest.length > 0) {
        const resolved = resolveCommand(rest);
        if (resolved) {
          out.push({ kind: "command", text: shown, breakdown: breakDownWords(rest), ...nested, ...runners });
        } else {
          out.push({ kind: "other", text: shown, program: rest[0] ?? "", ...nested });
        }
        commandsSeen++;
      }
      if (depth < MAX_NESTING)
        for (const w of words) for (const inner of expansionsOf(w)) segmentsOf(inner, depth + 1, out, false);
      words = [];
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (!t) continue;
      if (t.op && CONTROL.test(t.text)) flush();
      else if (t.op && REDIRECT.test(t.text)) {
        // `> pods.txt`, `2>&1`: where the output goes, not an argument of the command.
        if (!/&\d*-?$/.test(t.text) && tokens[i + 1] && !tokens[i + 1]?.op) i++;
      } else if (!t.op) words.push(t.text);
    }
    flush();
  }
}

/**
 * Breaks a whole pasted line (or several) into its parts: each docker/kubectl command (also after `sudo`,
 * environment assignments, in pipes, `&&`/`;` chains and inside `$(…)` or backquotes) with its own
 * breakdown; other programs named; output lines pasted after a command told apart; redirections dropped.
 * `match` and `pieces` are those of the first docker/kubectl command, or, when there is none, what
 * {@link breakDown} makes of the text.
 */
export function breakDownLine(text: string): Breakdown {
  const segments: Segment[] = [];
  segmentsOf(text, 0, segments, true);
  const main =
    segments.find((s) => s.kind === "command" && !s.nested) ?? segments.find((s) => s.kind === "command");
  const base = main?.kind === "command" ? main.breakdown : breakDown(text);
  return { match: base.match, pieces: base.pieces, segments };
}

/** One piece of a command, as plain data (for a JSON answer): what was typed and what it means. */
export interface ExplainedPiece {
  text: string;
  kind: Piece["kind"];
  meaning: string;
  value?: string;
  /** The canonical form of a flag: `--publish` for `-p`; the canonical command; the resource's plural. */
  canonical?: string;
  correction?: string;
  deprecated?: true;
  hidden?: true;
  /** An unknown flag: the commands that do have it. */
  alsoIn?: string[];
}

export interface ExplainedPart {
  text: string;
  kind: Segment["kind"];
  /** What runs the command, before it (`sudo`, `FOO=bar`, `time`), with what each does. */
  runners?: { text: string; meaning: string }[];
  /** The canonical docker/kubectl command of the part. */
  command?: string;
  /** The other program (`grep`). */
  program?: string;
  pieces?: ExplainedPiece[];
}

function explainedPiece(p: Piece, locale: "en" | "ja"): ExplainedPiece {
  switch (p.kind) {
    case "command":
      return { text: p.text, kind: p.kind, canonical: p.canonical, meaning: "" };
    case "flag":
      return {
        text: p.text,
        kind: p.kind,
        canonical: p.flag.long ? `--${p.flag.long}` : `-${p.flag.short}`,
        meaning: p.flag.summary[locale],
        ...(p.value !== undefined ? { value: p.value } : {}),
        ...(p.correction ? { correction: p.correction } : {}),
        ...(p.flag.deprecated ? { deprecated: true as const } : {}),
        ...(p.flag.hidden ? { hidden: true as const } : {}),
      };
    case "unknown-flag":
      return {
        text: p.text,
        kind: p.kind,
        meaning: "",
        ...(p.value !== undefined ? { value: p.value } : {}),
        ...(p.alsoIn ? { alsoIn: p.alsoIn } : {}),
      };
    case "resource":
      return { text: p.text, kind: p.kind, canonical: p.resource.name, meaning: p.resource.summary[locale] };
    case "argument":
      return { text: p.text, kind: p.kind, meaning: p.arg ? `${p.arg.name}: ${p.arg.summary[locale]}` : "" };
  }
}

/** What a word that runs a command does (`sudo`, `NAME=value`, `env`, `time`, `nohup`); a flag of sudo's too. */
export function runnerMeaning(word: string, locale: "en" | "ja"): string {
  const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(word);
  if (assignment?.[1]) return referenceMessage("runnerEnv", locale, { name: assignment[1] });
  if (word === "time") return referenceMessage("runnerTime", locale);
  if (word === "nohup") return referenceMessage("runnerNohup", locale);
  if (word === "env") return referenceMessage("runnerEnvCommand", locale);
  if (word.startsWith("-")) return referenceMessage("runnerSudoFlag", locale);
  return referenceMessage("runnerSudo", locale);
}

/**
 * Every part of a pasted line as plain data: each docker/kubectl command with each piece's meaning from
 * the reference, other programs and output lines named. For a JSON answer next to the notes' results.
 */
export function explainLine(text: string, locale: "en" | "ja" = "en"): ExplainedPart[] {
  return (breakDownLine(text).segments ?? []).map((s): ExplainedPart => {
    if (s.kind === "output") return { text: s.text, kind: s.kind };
    if (s.kind === "other") return { text: s.text, kind: s.kind, program: s.program };
    const command = s.breakdown.match?.command;
    return {
      text: s.text,
      kind: s.kind,
      ...(command ? { command: command.name } : {}),
      ...(s.runners
        ? { runners: s.runners.map((r) => ({ text: r, meaning: runnerMeaning(r, locale) })) }
        : {}),
      pieces: s.breakdown.pieces.map((p) => {
        const e = explainedPiece(p, locale);
        return p.kind === "command" && command ? { ...e, meaning: command.summary[locale] } : e;
      }),
    };
  });
}

/**
 * The `explain --json` object: the DESIGN contract's keys unchanged, plus `breakdown`, every part of the
 * pasted line piece by piece from the command reference (present whether or not the notes cover it, so
 * `found: false` still explains each flag).
 */
export function withBreakdown<R extends object>(
  response: R,
  text: string,
  locale: "en" | "ja" = "en",
): R & { breakdown: ExplainedPart[] } {
  return { ...response, breakdown: explainLine(text, locale) };
}

/** A line that reads as a command: a lower-case program name, then arguments; not a sentence, not Japanese. */
const COMMAND_LIKE =
  /^[a-z][\w.-]*\s+(?![\s\S]*[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[^\s][\s\S]*[^.!?,;:]$/u;

/**
 * Whether a block is command lines, of any tool (`airflow dags list`, `uv lock --upgrade`, whether the
 * reference knows it or not): every line but comments, after a `$ ` prompt, a lower-case program name and
 * its arguments, with no Japanese and no sentence's end.
 */
export function readsAsCommandLines(code: string): boolean {
  const lines = code
    .split("\n")
    .map((l) => l.trim().replace(/^\$\s+/u, ""))
    .filter((l) => l && !l.startsWith("#"));
  return lines.length > 0 && lines.every((l) => COMMAND_LIKE.test(l));
}
