import { type QuestionShape, questionKind } from "../../knowledge/question-kind.js";
import type { StoredEntry } from "../../knowledge/search.js";
import type { Locale } from "../i18n.js";
import type { Block } from "../reply.js";
import type { KnowledgeContext } from "../context.js";
import {
  asksForHelp,
  bestLines,
  captionOf,
  lineScore,
  type NotesLine,
  notesLines,
  placeholdersOf,
  showsHelp,
} from "./command-lines.js";
import { definitionOf, normalSubject } from "./definition.js";
import { breakDown, type Piece, readableLine, readsAsCommandLines } from "../../knowledge/command-line.js";
import { isCommandHeading } from "../../knowledge/ranking/heading-signals.js";
import { segmentWords } from "../../knowledge/segment.js";
import { bestPassage, introducesBlock, sentences, type Term, termHits, wordOf } from "./passages.js";
import { placeholderLine } from "./words.js";

/** What answers the question, and the section it comes from. */
export interface PlannedAnswer {
  kind: "answer";
  main: StoredEntry;
  blocks: Block[];
  /** Only part of the section is shown: its citation says there is more to read. */
  trimmed: boolean;
  /** The notes' command lines shown, when the answer is made of them. */
  lines?: string[];
}

/** A planned answer, or "the notes do not cover this" with the thing they never name. */
export type Plan = PlannedAnswer | { kind: "not-covered"; missing: string };

/** Characters of the section's prose shown after a definition. */
const DEFINITION_CONTEXT_CHARS = 400;
/** Sentences that name both sides of a difference, at most. */
const MAX_DIFFERENCE_SENTENCES = 2;
/** Items of a list answer, at most. */
const MAX_LIST_ITEMS = 12;
/**
 * When the best section holds no command line, a how-to is answered with a lower section's line only if that
 * section scored at least this share of the best; below it, the best section's prose answers. Lower, more
 * questions got a command from a page about something else (a cp line for sharing a folder with -v); higher,
 * a step-by-step question lost the build command of the page just below the Dockerfile's own.
 */
const LOWEST_LINE_STANDING = 0.65;
/** What being in a lower-ranked section costs an option, per rank (as for command lines). */
const OPTION_RANK_COST = 0.75;

function sectionOf(tutor: KnowledgeContext, entry: StoredEntry): StoredEntry {
  return tutor.index.entriesOfSection(entry.file, entry.anchor).find((e) => e.kind === "section") ?? entry;
}

/** Each line with its caption, the explaining line after its block, and what to put in its placeholders. */
function lineBlocks(locale: Locale, lines: readonly NotesLine[], codeFirst: boolean): Block[] {
  const blocks: Block[] = [];
  const shownCaptions = new Set<string>();
  for (const line of lines) {
    const caption = captionOf(line);
    const fresh = caption && !shownCaptions.has(caption);
    if (fresh) shownCaptions.add(caption);
    const code: Block = { type: "code", lang: "sh", code: `$ ${line.text}` };
    if (codeFirst) blocks.push(code);
    if (fresh) blocks.push({ type: "text", text: caption });
    if (!codeFirst) blocks.push(code);
  }
  const placeholders = [...new Set(lines.flatMap((l) => placeholdersOf(l.text)))];
  if (placeholders.length > 0) blocks.push({ type: "text", text: placeholderLine(locale, placeholders) });
  const follows = [
    ...new Set(lines.map((l) => withoutPointer(l.follow)).filter((f) => f && !shownCaptions.has(f))),
  ];
  if (follows.length > 0) blocks.push({ type: "text", text: follows.join("\n") });
  return blocks;
}

/**
 * The line after a command's block up to the sentence that points at what comes next (「実行結果は以下の
 * とおりです。」, "The output is similar to this:"): the output it introduces is not shown, and what follows
 * that sentence is about the output.
 */
function withoutPointer(follow: string): string {
  const parts = sentences(follow);
  const end = parts.findIndex((p) => introducesBlock(p));
  return end < 0 ? follow : parts.slice(0, end).join("\n");
}

/** Words that say what kind of answer is wanted ("コマンド", "option"), not what it is about. */
const KIND_MARKERS = /^(?:コマンド|command|オプション|option|フラグ|flag)s?$/iu;

function withoutMarkers(terms: readonly Term[]): Term[] {
  const kept = terms.filter((t) => !KIND_MARKERS.test(wordOf(t)));
  return kept.length > 0 ? kept : [...terms];
}

/** Fence languages of shell sessions. */
const SHELL_LANGS = new Set(["bash", "sh", "shell", "console", "zsh", "powershell", "ps1", "cmd", "fish"]);

/**
 * Whether a section shows command lines but none the command reference knows: a shell block, or (a tldr
 * page, a note's `## helm install`) lines of the command its heading names (`helm install {{name}} …`).
 */
function shellOfUnknownTools(tutor: KnowledgeContext, hit: StoredEntry): boolean {
  const section = sectionOf(tutor, hit);
  const langs: unknown[] = Array.isArray(section.data?.blockLangs) ? section.data.blockLangs : [];
  const shell = (section.examples ?? []).some((code, i) => {
    const given = langs[i];
    const lang = typeof given === "string" ? given.toLowerCase() : "";
    return SHELL_LANGS.has(lang) || (lang === "" && readsAsCommandLines(code));
  });
  const heading = section.path.at(-1) ?? "";
  const named =
    isCommandHeading(heading) &&
    section.text.split("\n").some((line) => line.trim().startsWith(`${heading} `));
  return (
    (shell || named) &&
    !tutor.index.entriesOfSection(section.file, section.anchor).some((e) => e.kind === "command")
  );
}

function commandAnswer(
  tutor: KnowledgeContext,
  locale: Locale,
  question: string,
  entries: readonly StoredEntry[],
  terms: readonly Term[],
  codeFirst: boolean,
  scores?: readonly number[],
): PlannedAnswer | null {
  // The best section's own shell block answers when the command reference knows none of its tools
  // (`airflow dags …`, `uv lock …`): its section answer shows that block, not another section's kubectl line.
  if (entries[0] && shellOfUnknownTools(tutor, entries[0])) return null;
  const all = notesLines(tutor, entries, scores);
  const lines = bestLines(all, withoutMarkers(terms), question);
  const first = lines[0];
  if (!first) return null;
  // The best section writes no command and the lines found stand far below it: its prose answers (the section
  // on a Service's DNS name, not a command line from the section on Services without selectors).
  if (!all.some((l) => l.rank === 0) && lines.every((l) => l.standing < LOWEST_LINE_STANDING)) return null;
  return {
    kind: "answer",
    main: sectionOf(tutor, first.entry),
    blocks: lineBlocks(locale, lines, codeFirst),
    trimmed: true,
    lines: lines.map((l) => l.text),
  };
}

function definitionAnswer(
  tutor: KnowledgeContext,
  shape: QuestionShape,
  entries: readonly StoredEntry[],
  terms: readonly Term[],
): PlannedAnswer | null {
  const def = definitionOf(tutor, shape.subject ?? "", entries);
  if (!def) return null;
  if (def.entry.kind === "term")
    return { kind: "answer", main: def.entry, blocks: [{ type: "text", text: def.text }], trimmed: false };
  // The definition, then what else the section says that matches, without saying the definition twice.
  const rest = bestPassage(def.entry.text, terms, DEFINITION_CONTEXT_CHARS)
    .split("\n")
    .filter((s) => s.trim() && !def.text.includes(s.trim()))
    .join("\n");
  const text = [def.text, rest].filter(Boolean).join("\n");
  const trimmed = text.replace(/\s+/gu, "") !== sentences(def.entry.text).join("").replace(/\s+/gu, "");
  return { kind: "answer", main: def.entry, blocks: [{ type: "text", text }], trimmed };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether a text names one side of a comparison: loosely for words, exactly for a flag (`-i` is not `-it`). */
function mentions(text: string, side: string): boolean {
  if (/^--?[A-Za-z]/.test(side))
    return new RegExp(`(?<![\\w-])${escapeRegExp(side)}(?![\\w-])`, "u").test(text);
  const s = normalSubject(side);
  return s.length > 0 && normalSubject(text).includes(s);
}

/** A word that names a thing (`ENTRYPOINT`, `Ingress`, `-i`, `デーモンセット`), not a verb or a common word. */
const NAME_WORD = /^(?:--?[A-Za-z][\w-]*|[A-Z][\w.-]*|[\p{Script=Katakana}ー]{2,})$/u;

/**
 * The words of a side that name a thing, spaced or not ("ReplicaSetを直接使う" names ReplicaSet): its runs of
 * Latin letters (with a leading dash for a flag) and of katakana, those NAME_WORD accepts.
 */
function namesIn(side: string): string[] {
  return [...side.matchAll(/--?[A-Za-z][\w-]*|[A-Za-z][\w.-]*|[\p{Script=Katakana}ー]{2,}/gu)]
    .map((m) => m[0])
    .filter((w) => NAME_WORD.test(w));
}

/**
 * Whether the notes name a side anywhere (a heading, prose, a table row, a command line). Only the words of
 * the side that name a thing are checked: "stopping" may be written 停止.
 */
function inNotes(tutor: KnowledgeContext, side: string): boolean {
  const names = namesIn(side);
  if (names.length === 0) return true;
  const entries = tutor.index.allEntries();
  const said = (word: string) =>
    entries.some(
      (e) =>
        mentions(e.title, word) ||
        mentions(e.text, word) ||
        (e.examples ?? []).some((x) => mentions(x, word)),
    );
  return names.every(said);
}

/** One side of a difference in the notes' words: its definition, else the command line that does it. */
function sideBlocks(
  tutor: KnowledgeContext,
  locale: Locale,
  side: string,
  entries: readonly StoredEntry[],
  terms: readonly Term[],
  prefer: StoredEntry | undefined,
): { blocks: Block[]; main: StoredEntry } | null {
  // "ReplicaSet を直接使う" is about ReplicaSet: a side with one name in it is defined by that name.
  const names = namesIn(side);
  const def =
    definitionOf(tutor, side, entries) ??
    (names.length === 1 && names[0] !== side ? definitionOf(tutor, names[0] ?? "", entries) : null);
  if (def)
    return {
      main:
        def.entry.kind === "term" || def.entry.kind === "option" ? def.entry : sectionOf(tutor, def.entry),
      blocks: [{ type: "text", text: mentions(def.text, side) ? def.text : `${side} — ${def.text}` }],
    };
  // The question's words (as the search read them: `remov` → `remove`) that belong to this side.
  const own = segmentWords(side);
  const sideTerms = terms.filter((t) => own.some((w) => wordOf(t).startsWith(w) || w.startsWith(wordOf(t))));
  // Like is compared with like: the section that answered the other side comes first.
  const sections = prefer ? [prefer, ...entries] : entries;
  const all = notesLines(tutor, sections);
  const asked = sideTerms.length > 0 ? sideTerms : own;
  // One line per side: the best of those that do it.
  const line = bestLines(all, asked)
    .map((l) => ({ l, score: lineScore(l, asked, all) }))
    .sort((x, y) => y.score - x.score)[0]?.l;
  if (!line) return null;
  return { main: sectionOf(tutor, line.entry), blocks: lineBlocks(locale, [line], false) };
}

/**
 * The sentences that name both sides, then each side in the notes' words (its definition or its command).
 * "Not covered" when the notes never name one of the sides: they cannot say how the two differ.
 */
function differenceAnswer(
  tutor: KnowledgeContext,
  locale: Locale,
  shape: QuestionShape,
  entries: readonly StoredEntry[],
  terms: readonly Term[],
): Plan | null {
  const [a, b] = shape.sides ?? [];
  if (!a || !b) return null;
  const missing = [a, b].find((side) => !inNotes(tutor, side));
  if (missing) return { kind: "not-covered", missing };
  const sections = [...entries.map((e) => sectionOf(tutor, e)), ...tutor.index.allEntries("section")];
  const blocks: Block[] = [];
  let main: StoredEntry | undefined;
  for (const section of sections) {
    const both = sentences(section.text).filter((s) => mentions(s, a) && mentions(s, b));
    if (both.length === 0) continue;
    blocks.push({ type: "text", text: both.slice(0, MAX_DIFFERENCE_SENTENCES).join("\n") });
    main = section;
    break;
  }
  const shown = () =>
    blocks.map((x) => (x.type === "text" ? x.text : x.type === "code" ? x.code : "")).join("\n");
  for (const side of [a, b]) {
    const part = sideBlocks(tutor, locale, side, entries, terms, main);
    if (!part) continue;
    main ??= part.main;
    const fresh = part.blocks.filter((x) => x.type !== "text" || !shown().includes(x.text));
    blocks.push(...fresh);
  }
  if (!main || blocks.length === 0) return null;
  return { kind: "answer", main, blocks, trimmed: true };
}

const FLAG = /(?<![\w-])(--?[A-Za-z][\w-]*)/u;

/** The option itself first: an option table row, or the notes' sentence about a flag, that fits best. */
function optionAnswer(
  tutor: KnowledgeContext,
  locale: Locale,
  entries: readonly StoredEntry[],
  terms: readonly Term[],
): PlannedAnswer | null {
  const ranks = new Map(entries.map((e, i) => [e.source, i] as const));
  const rankOf = (e: StoredEntry) => ranks.get(e.source) ?? entries.length;
  const asked = withoutMarkers(terms);
  const candidates: { main: StoredEntry; blocks: Block[]; score: number; flag?: string }[] = [];
  const text = (t: string): Block[] => [{ type: "text", text: t }];
  for (const option of tutor.index.allEntries("option")) {
    const score = termHits(`${option.title} ${option.text} ${option.catalogText ?? ""}`, asked);
    const flag = FLAG.exec(option.title)?.[1];
    if (score > 0)
      candidates.push({
        main: option,
        blocks: text(`\`${option.title}\` — ${option.text}`),
        score: score - OPTION_RANK_COST * rankOf(option),
        ...(flag ? { flag } : {}),
      });
  }
  for (const hit of entries) {
    const section = sectionOf(tutor, hit);
    for (const s of sentences(section.text)) {
      // A command line (or a tldr-style template of one) is not a sentence about a flag; its flags are
      // weighed below.
      if (s.includes("{{") || breakDown(s.replace(/^\$\s*/u, "")).match) continue;
      const flag = FLAG.exec(s)?.[1];
      const score = flag ? termHits(s, asked) : 0;
      if (flag && score > 0)
        candidates.push({
          main: section,
          blocks: text(`\`${flag}\` — ${s}`),
          score: score - OPTION_RANK_COST * rankOf(hit),
          flag,
        });
    }
  }
  // The flags of the notes' command lines, by what the command reference says they do (`--rm`: remove the
  // container when it exits), shown with the line that uses them.
  for (const line of notesLines(tutor, entries)) {
    for (const p of breakDown(readableLine(line.text)).pieces) {
      if (p.kind !== "flag") continue;
      const score = termHits(`${p.flag.summary.en} ${p.flag.summary.ja}`, asked);
      if (score === 0) continue;
      const caption = captionOf(line);
      candidates.push({
        main: sectionOf(tutor, line.entry),
        blocks: [
          ...text(`\`${p.text}\` — ${caption || p.flag.summary[locale]}`),
          { type: "code", lang: "sh", code: `$ ${line.text}` },
        ],
        score: score - OPTION_RANK_COST * line.rank,
      });
    }
  }
  candidates.sort((x, y) => y.score - x.score);
  const best = candidates[0];
  if (!best) return null;
  // A sentence about a flag is shown with the notes' own line that uses it (`-p` with `docker container run
  // -d -p 9000:8080 …`): what to type, as the learner asked, next to what it does.
  const example =
    best.flag && !best.blocks.some((b) => b.type === "code")
      ? lineUsing(tutor, entries, best.flag, best.main)
      : undefined;
  const blocks: Block[] = example
    ? [...best.blocks, { type: "code", lang: "sh", code: `$ ${example}` }]
    : best.blocks;
  return { kind: "answer", main: best.main, blocks, trimmed: true };
}

/** Whether a flag as the command line reads it is the one written `written` (`-p`, `--publish`). */
function isWritten(piece: Piece, written: string): boolean {
  if (piece.kind === "unknown-flag") return piece.text === written;
  if (piece.kind !== "flag") return false;
  return written === `--${piece.flag.long}` || written === `-${piece.flag.short}`;
}

/**
 * The notes' command line (of the search's sections) that uses a flag: one in the answer's own section
 * first, else the best-ranked of the option's command.
 */
function lineUsing(
  tutor: KnowledgeContext,
  entries: readonly StoredEntry[],
  flag: string,
  section: StoredEntry,
): string | undefined {
  // The same letters are another flag of another command (`kubectl logs -f`, `kubectl apply -f`): an option
  // of a known command is shown with a line of that command only, a flag named in prose with a line of its
  // own section only.
  const mine = (line: NotesLine) =>
    section.command
      ? line.entry.command === section.command
      : sectionOf(tutor, line.entry).source === section.source;
  const uses = (line: NotesLine) =>
    mine(line) && breakDown(readableLine(line.text)).pieces.some((p) => isWritten(p, flag));
  const lines = notesLines(tutor, entries).filter(uses);
  const own = lines.find((l) => sectionOf(tutor, l.entry).source === section.source);
  return (own ?? lines[0])?.text;
}

/**
 * A heading that can be a name (a kind's): three words at most, KIND_NAME_CHARS characters at most, and no
 * hiragana but の (a Japanese name is written in kanji, katakana or Latin letters; 失敗した行を見る says what
 * to do).
 */
const KIND_NAME_WORDS = 3;
const KIND_NAME_CHARS = 24;
const nameLike = (heading: string): boolean =>
  heading.trim().split(/\s+/u).length <= KIND_NAME_WORDS &&
  [...heading.trim()].length <= KIND_NAME_CHARS &&
  !/\p{Script=Hiragana}/u.test(heading.replace(/の/gu, ""));

/** A list question that asks for the kinds of something ("Service にはどんな種類がある？", "what types of Service"). */
const KINDS_OF = /種類|どんな|\b(?:kinds?|types?|sorts?) of\b/iu;

/**
 * The kinds of a thing the notes describe one per heading: the subheadings of the best section when it is
 * about the thing ("Service の種類" › "ClusterIP", "NodePort"), else the best section and its siblings under
 * a heading about it: a heading that says they are kinds ("Service の種類"), or one whose subheadings all
 * hold the question's word too ("Service について" › "Cluster IP Service", "NodePort Service", …). Each
 * heading with its opening sentence, in the notes' order.
 */
function kindsList(tutor: KnowledgeContext, main: StoredEntry, terms: readonly Term[]): PlannedAnswer | null {
  const words = withoutMarkers(terms).map((t) => wordOf(t).toLowerCase());
  const holds = (heading: string) => words.some((w) => w.length >= 2 && heading.toLowerCase().includes(w));
  const key = (path: readonly string[]) => path.join("\u0000");
  const under = (parent: readonly string[]) =>
    tutor.index
      .allEntries("section")
      .filter(
        (e) =>
          e.file === main.file &&
          e.path.length === parent.length + 1 &&
          key(e.path.slice(0, -1)) === key(parent),
      );
  // A section about the thing lists its kinds as subheadings that name one each ("ClusterIP", "NodePort
  // Service"), not as ones that say what to do with it ("Seeing the rows that failed" under "Tests"): those
  // that name a kind, when they are most of them (one "どれを使うか" among the kinds does not undo them).
  const all = holds(main.title) ? under(main.path) : [];
  const named = all.filter((e) => holds(e.title) || nameLike(e.title));
  const children = named.length * 2 > all.length ? named : [];
  const parent = main.path.slice(0, -1);
  const siblings = parent.length > 0 && holds(parent[parent.length - 1] ?? "") ? under(parent) : [];
  // Siblings are kinds when their parent says so ("Service の種類") or each names the thing too.
  const parentSaysKinds = KINDS_OF.test(parent[parent.length - 1] ?? "");
  const kinds =
    children.length >= 2
      ? children
      : parentSaysKinds || siblings.every((e) => holds(e.title))
        ? siblings
        : [];
  if (kinds.length < 2 || kinds.length > MAX_LIST_ITEMS) return null;
  return {
    kind: "answer",
    main,
    blocks: [
      {
        type: "text",
        text: kinds.map((e) => [e.title, sentences(e.text)[0]].filter(Boolean).join(" — ")).join("\n"),
      },
    ],
    trimmed: true,
  };
}

/**
 * The list the section holds: its glossary, else (for the kinds of a thing) the headings kindsList finds,
 * else its command lines with their captions.
 */
function listAnswer(
  tutor: KnowledgeContext,
  question: string,
  entries: readonly StoredEntry[],
  terms: readonly Term[],
): PlannedAnswer | null {
  const first = entries[0];
  if (!first) return null;
  const here = tutor.index.entriesOfSection(first.file, first.anchor);
  const main = sectionOf(tutor, first);
  const glossary = here.filter((e) => e.kind === "term");
  if (glossary.length >= 2)
    return {
      kind: "answer",
      main,
      blocks: [
        {
          type: "text",
          text: glossary
            .slice(0, MAX_LIST_ITEMS)
            .map((e) => `${e.title} — ${e.text}`)
            .join("\n"),
        },
      ],
      trimmed: glossary.length > MAX_LIST_ITEMS,
    };
  // Kinds asked of a thing the notes describe one per heading (no glossary here to list them).
  const kinds = KINDS_OF.test(question) ? kindsList(tutor, main, terms) : null;
  if (kinds) return kinds;
  // Every line of the section, as the notes write it (`docker volume ls` too), but a line that only shows the
  // help unless the question asks for it; a caption loses the colon that introduced its line.
  const helpAsked = asksForHelp(question);
  const all = notesLines(tutor, [first]);
  const lines = all.filter((l) => helpAsked || !showsHelp(l));
  if (all.length >= 2 && lines.length >= 1)
    return {
      kind: "answer",
      main,
      blocks: [
        {
          type: "text",
          text: lines
            .slice(0, MAX_LIST_ITEMS)
            .map((l) => [`\`${l.text}\``, captionOf(l).replace(/[:：]\s*$/u, "")].filter(Boolean).join(" — "))
            .join("\n"),
        },
      ],
      trimmed: lines.length > MAX_LIST_ITEMS,
    };
  return null;
}

/**
 * The answer planned by the kind of question: for a how-to, the command lines that do it with the notes'
 * captions; for a definition, the defining sentence first; for a difference, the sentences naming both
 * sides; for "which command/option", the command or option itself first; for a list, the list. Null when
 * the kind has no plan or the notes hold nothing of that shape: the section answer is used then. `scores`,
 * the search's scores of `entries`, make a command line from a page the search scored far below the first
 * count for less, and let the first section's prose answer when it writes no command and every line found
 * stands far below it.
 */
export function planAnswer(
  tutor: KnowledgeContext,
  locale: Locale,
  question: string,
  entries: readonly StoredEntry[],
  terms: readonly Term[],
  scores?: readonly number[],
): Plan | null {
  const shape = questionKind(question);
  switch (shape.kind) {
    case "howto":
      return commandAnswer(tutor, locale, question, entries, terms, false, scores);
    case "which-command":
      return commandAnswer(tutor, locale, question, entries, terms, true, scores);
    case "definition":
      return definitionAnswer(tutor, shape, entries, terms);
    case "difference":
      return differenceAnswer(tutor, locale, shape, entries, terms);
    case "which-option":
      return (
        optionAnswer(tutor, locale, entries, terms) ??
        commandAnswer(tutor, locale, question, entries, terms, true, scores)
      );
    case "list":
      return listAnswer(tutor, question, entries, terms);
    case "other":
      // The search's best entry of the best section is one of its command lines: that line is what the
      // question is about ("イメージに名前とタグを付けてビルド"), so it is shown with its caption, not left out.
      return entries[0]?.kind === "command"
        ? commandAnswer(tutor, locale, question, entries, terms, false, scores)
        : null;
  }
}
