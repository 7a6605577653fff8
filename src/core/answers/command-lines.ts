import { findCommand } from "../../knowledge/catalog/index.js";
import { breakDown, readableLine } from "../../knowledge/command-line.js";
import type { StoredEntry } from "../../knowledge/search.js";
import type { KnowledgeContext } from "../context.js";
import { type Term, termHits } from "./passages.js";

/** One command line as the notes write it, with the notes' words around it. */
export interface NotesLine {
  /** The command entry it belongs to (its section is the answer's section). */
  entry: StoredEntry;
  text: string;
  /** The comment above it inside its code block (`# 特定のREVISIONにロールバック`), or "". */
  comment: string;
  /** The sentence that introduces its block (or its own line's sentence), or "". */
  lead: string;
  /** The notes' line right after its block, or "". */
  follow: string;
  /** Rank of its section among the search's hits (0: best). */
  rank: number;
  /** Its section's search score as a share of the best hit's (1 for the best, and when scores are not known). */
  standing: number;
}

function listAt(entry: StoredEntry, key: string, i: number): string {
  const list = entry.data?.[key];
  return Array.isArray(list) ? (list[i] ?? "") : "";
}

/** The caption the notes give a line: its comment in the block, else the sentence introducing the block. */
export function captionOf(line: NotesLine): string {
  return line.comment || line.lead;
}

/**
 * The command lines of the sections the search found, best section first, in the notes' order; `scores`, when
 * given, are the search's scores of `sections` (for each line's standing).
 */
export function notesLines(
  tutor: KnowledgeContext,
  sections: readonly StoredEntry[],
  scores?: readonly number[],
): NotesLine[] {
  const out: NotesLine[] = [];
  const seen = new Set<string>();
  const best = scores?.[0] ?? 0;
  sections.forEach((hit, rank) => {
    if (seen.has(hit.source)) return;
    seen.add(hit.source);
    const score = scores?.[rank];
    const standing = score !== undefined && best > 0 ? Math.min(1, Math.max(0, score / best)) : 1;
    for (const entry of tutor.index.entriesOfSection(hit.file, hit.anchor)) {
      if (entry.kind !== "command") continue;
      (entry.examples ?? []).forEach((text, i) => {
        out.push({
          entry,
          text,
          comment: listAt(entry, "comments", i),
          lead: listAt(entry, "leads", i),
          follow: listAt(entry, "follows", i),
          rank,
          standing,
        });
      });
    }
  });
  return out;
}

/** The notes' own words about a line count twice as much as the command reference's one-liner. */
const OWN_WORDS_WEIGHT = 2;
/** The section's heading names what its commands are for ("名前付きコンテナ"), once. */
const HEADING_WEIGHT = 1;
/**
 * The notes' line after a block says what its lines lead to (`kubectl proxy`, then "open localhost:8001/…
 * dashboard"), once, for a word neither the line nor the reference has.
 */
const FOLLOW_WEIGHT = 1;
/** Words that open the next step of a procedure, in a line after a block. */
const NEXT_STEP = /^\s*(?:次に|次は|続いて|その後|それから|最後に|then\b|next\b|after that\b|finally\b)/iu;
/**
 * How much a long caption is discounted (BM25's b, over characters among the lines weighed): a caption that
 * lists many things names the asked word among others, a short one is about it. The reference's one-liners
 * are not discounted, as a line's flags lengthen them with what the line does.
 */
const LENGTH_NORMALIZATION = 0.3;
/**
 * What a line that does not hold the verb of a how-to question loses, in that verb's weights: of a section's
 * lines, the one that does what is asked (作成: `kubectl apply`) answers, not one about the same thing that
 * does another (`kubectl delete`).
 */
const ACTION_MISS_COST = 2;
/**
 * What a line that acts on everything at once (`docker container prune`: 一括破棄, remove all stopped
 * containers) loses when the question asks for one thing: "delete a container" is answered by the line
 * that deletes one, "remove all stopped containers in one go" by the one that deletes them all.
 */
const BULK_COST = 2.5;
/**
 * What a line that clears everything at once gains when the question asks for that ("remove all stopped
 * containers in one go"): `docker container prune` in the next section, not `docker container rm` in the best.
 */
const BULK_GAIN = 1;
/** Words that ask for everything at once, or for a clean-up, in a question. */
const BULK_ASKED =
  /一括|まとめて|全部|ぜんぶ|全て|すべて|全削除|一気に|丸ごと|不要|要らない|いらない|未使用|使(?:用し|っ)て(?:い)?(?:ない|ません)|使わない|掃除|片付け|整理|\ball\b|\bevery|\bunused\b|\bbulk\b|\bat once\b|\bin one go\b|\bclean|\bprune|\bpurge|\bdangling|\bstale\b|\bleftover/iu;
/**
 * Words that say a line removes everything at once, in its caption, heading, text or reference one-liner
 * (not a flag's name: `--all-namespaces` lists, it does not clear).
 */
const BULK_LINE =
  /一括|まとめて|全て|すべて|不要な|未使用|使用していない|(?<![\w-])all(?![\w-])|\bunused\b|\bprune\b|\bbulk\b|\bdangling\b/iu;
/** Words of removing, which the bulk cost is about (a line that lists all namespaces is not a clean-up). */
const REMOVAL =
  /削除|破棄|消|掃除|片付|一掃|\bwip(?:e|ing)|\berase|\bremov|\bdelet|\bprune\b|\bclean|\bpurge\b|\brm\b/iu;
/** What being in a lower-ranked section costs a line, per rank. */
const RANK_COST = 0.75;
/**
 * A section the search scored within this share of the best stands as well as the best: a near-tie in the
 * search says little about which page's line answers, so its lines are weighed on their words alone.
 */
const STANDING_MARGIN = 0.1;
/**
 * Below that margin, a line's words count in proportion to its section's standing (its score over the margin's
 * floor) to this power: a page the search scored well below the best needs clearly more of the question's
 * words to be shown instead of the best page's line (tldr: `kubectl run … --restart Never` at 79 % of the best
 * does not answer "restart all pods of a deployment" over `kubectl rollout restart`), while the bundled note's
 * runner-up at 86 % still answers "remove all stopped containers in one go" with its `docker container prune`.
 */
const STANDING_EXPONENT = 2;
/** A bare mention (`docker image build` alone, in prose) next to full example lines is worth less. */
const BARE_MENTION_COST = 1;
/** Another line of the same command in the section, scoring at least this share of the best, is shown too. */
const NEAR_TOP_SHARE = 0.6;
/**
 * A line of another command in the section scoring at least this share of the best is shown too: two
 * commands that both do it (`docker image prune` and `docker system prune` for unused images).
 */
const CLOSE_SHARE = 0.9;
/** A line that only asks its command for help (`docker {{[rename|container rename]}} --help`). */
const HELP_LINE = /^[^-]*\s(?:--help|-h|\{\{\[-h\|--help\]\}\}|\{\{\[--help\|-h\]\}\})\s*$/u;
/** Words that ask for a command's help or usage, in a question. */
const HELP_ASKED = /\bhelp\b|\busage\b|\bflags\b|\boptions\b|ヘルプ|使い方|使用法|オプション一覧/iu;
/** A caption that introduces a line showing the command's help ("Display help:", "Show help for a subcommand:"). */
const HELP_CAPTION = /^(?:display|show|print)\s+(?:the\s+)?help\b/iu;

/** Whether a line of the notes only shows its command's help: by its text (`--help`) or by its caption. */
export function showsHelp(line: NotesLine): boolean {
  return isHelpLine(line.text) || HELP_CAPTION.test(captionOf(line).trim());
}

/** Whether a line only shows its command's help (`docker volume {{subcommand}} --help`). */
export function isHelpLine(text: string): boolean {
  return HELP_LINE.test(text);
}

/**
 * A section's text without the lines that only show its command's help, each with the caption introducing it
 * (tldr's "Display help:" and `docker {{[diff|container diff]}} --help`): what a section answer shows of a page,
 * unless the question asks for help (asksForHelp).
 */
export function withoutHelpLines(text: string): string {
  const lines = text.split("\n");
  const drop = new Set<number>();
  lines.forEach((line, i) => {
    const prev = lines[i - 1]?.trim() ?? "";
    if (!line.trim() || !(isHelpLine(line.trim()) || (HELP_CAPTION.test(prev) && /[:：]$/u.test(prev))))
      return;
    drop.add(i);
    if (/[:：]$/u.test(prev)) drop.add(i - 1);
  });
  return lines.filter((_, i) => !drop.has(i)).join("\n");
}

/** Whether a question asks for a command's help, usage or options. */
export function asksForHelp(question: string): boolean {
  return HELP_ASKED.test(question);
}

/** Most lines one answer shows. */
export const MAX_LINES = 3;
/**
 * A caption that at most this many lines of a section share is one step's (`## トークン取得` heading a block
 * of the two lines that get the token): the lines under it are shown together. A caption over more lines
 * titles a list of commands, each line its own answer.
 */
const CAPTION_GROUP_MAX = MAX_LINES;

/** What the command reference says a line does: its command's one-liner and those of its flags. */
function referenceText(line: NotesLine): string {
  const command = line.entry.command ? findCommand(line.entry.command) : undefined;
  const flags = breakDown(readableLine(line.text)).pieces.flatMap((p) =>
    p.kind === "flag" ? [p.flag.summary.en, p.flag.summary.ja] : [],
  );
  return [command?.summary.en ?? "", command?.summary.ja ?? "", ...flags].join(" ");
}

/** Where a line's words come from, for scoring. */
interface LineTexts {
  own: string;
  heading: string;
  follow: string;
  reference: string;
}

function textsOf(line: NotesLine): LineTexts {
  return {
    own: `${captionOf(line)} ${line.text}`,
    heading: line.entry.path.at(-1) ?? "",
    follow: line.follow,
    reference: referenceText(line),
  };
}

/**
 * How well a line answers a question of these words: each word found in its caption and text (twice), its
 * section's heading or the reference's one-liner, weighted by `weights` (how few lines have it), the caption
 * discounted by its length against `averages`.
 */
function scoreOf(
  line: NotesLine,
  texts: LineTexts,
  terms: readonly Term[],
  weights: readonly number[],
  averages?: { own: number },
  oneThing?: boolean,
): number {
  let score = 0;
  const b = LENGTH_NORMALIZATION;
  const ownN = 1 / (1 - b + (b * texts.own.length) / (averages?.own || 1));
  // A line after the block that starts the next step ("次に…", "Then …") is not what this block leads to.
  const follows = !NEXT_STEP.test(texts.follow);
  terms.forEach((term, i) => {
    const w = weights[i] ?? 1;
    const own = termHits(texts.own, [term]) > 0;
    const heading = termHits(texts.heading, [term]) > 0;
    const reference = termHits(texts.reference, [term]) > 0;
    if (own) score += OWN_WORDS_WEIGHT * w * ownN;
    if (heading) score += HEADING_WEIGHT * w;
    if (!own && !reference && follows && termHits(texts.follow, [term]) > 0) score += FOLLOW_WEIGHT * w;
    if (reference) score += w;
    if (typeof term !== "string" && term.action && !own && !reference) score -= ACTION_MISS_COST * w;
  });
  const bare = line.text.trim() === line.entry.command ? BARE_MENTION_COST : 0;
  const said = `${texts.own} ${texts.heading} ${texts.reference}`;
  const clears = BULK_LINE.test(said) && REMOVAL.test(said);
  const bulk = oneThing === true && clears ? BULK_COST : oneThing === false && clears ? -BULK_GAIN : 0;
  const standing = Math.min(1, line.standing / (1 - STANDING_MARGIN)) ** STANDING_EXPONENT;
  return score * standing - RANK_COST * line.rank - bare - bulk;
}

/**
 * A word most lines have (`pod` among a Pod section's commands) says little about which line is meant; one
 * that few have (`logs`) says a lot: 1 + ln(lines / lines having it).
 */
function termWeights(all: readonly LineTexts[], terms: readonly Term[]): number[] {
  return terms.map((term) => {
    const having = all.filter(
      (t) =>
        termHits(`${t.own} ${t.heading} ${NEXT_STEP.test(t.follow) ? "" : t.follow} ${t.reference}`, [term]) >
        0,
    ).length;
    return having === 0 ? 0 : 1 + Math.log(all.length / having);
  });
}

function averagesOf(all: readonly LineTexts[]): { own: number } {
  const n = all.length || 1;
  return { own: all.reduce((s, t) => s + t.own.length, 0) / n };
}

/** How well a line answers a question of these words, among the given lines. */
export function lineScore(
  line: NotesLine,
  terms: readonly Term[],
  among: readonly NotesLine[] = [line],
): number {
  const all = among.map(textsOf);
  const weights = termWeights(all, terms);
  return scoreOf(line, textsOf(line), terms, weights, averagesOf(all));
}

/**
 * The lines that do what the question asks: the best-scoring line, and the lines of its section that score
 * as well (both ways to delete a Pod), at most MAX_LINES. Empty when no line shares a word with the question.
 */
export function bestLines(
  lines: readonly NotesLine[],
  terms: readonly Term[],
  question?: string,
): NotesLine[] {
  const texts = lines.map(textsOf);
  const weights = termWeights(texts, terms);
  const averages = averagesOf(texts);
  // Whether the question asks to remove one thing (true), everything at once (false), or neither: no question,
  // or one that asks for all without removing ("show every stopped container") (undefined).
  const oneThing =
    question === undefined
      ? undefined
      : !BULK_ASKED.test(question)
        ? true
        : REMOVAL.test(question)
          ? false
          : undefined;
  const scored = lines.map((line, order) => ({
    line,
    order,
    score: scoreOf(line, texts[order] ?? textsOf(line), terms, weights, averages, oneThing),
  }));
  const related = scored.filter((s) => s.score + RANK_COST * s.line.rank > 0);
  // A line that only shows the command's help ("Display help", short, so its caption weighs more) says nothing
  // about what was asked: it answers only a question that asks for help or usage, or when no other line does.
  const helpAsked = question !== undefined && asksForHelp(question);
  const doing = related.filter((s) => !showsHelp(s.line));
  const relevant = helpAsked || doing.length === 0 ? related : doing;
  relevant.sort((a, b) => b.score - a.score || a.order - b.order);
  const top = relevant[0];
  if (!top) return [];
  const sameSection = (s: { line: NotesLine }) => s.line.entry.source === top.line.entry.source;
  // Shares compare scores without the rank's cost (one section, one rank), which `relevant` keeps positive.
  const own = (s: { line: NotesLine; score: number }) => s.score + RANK_COST * s.line.rank;
  const group = top.line.comment
    ? scored.filter((s) => sameSection(s) && s.line.comment === top.line.comment)
    : [];
  const chosen = relevant.filter(
    (s) =>
      sameSection(s) &&
      (own(s) >= CLOSE_SHARE * own(top) ||
        (s.line.entry === top.line.entry && own(s) >= NEAR_TOP_SHARE * own(top))),
  );
  const extra = group.length <= CAPTION_GROUP_MAX ? group.filter((s) => !chosen.includes(s)) : [];
  const shown = [...chosen, ...extra].filter((s) => !showsHelp(s.line) || relevant.includes(s));
  // A bare mention of a command (`docker container prune`, named in prose) says nothing a full line of it
  // shown beside it does not.
  const isBare = (l: NotesLine) => l.text.trim() === l.entry.command;
  return shown
    .filter(
      (s) =>
        !isBare(s.line) ||
        !shown.some((o) => o !== s && !isBare(o.line) && o.line.text.startsWith(`${s.line.text} `)),
    )
    .slice(0, MAX_LINES)
    .sort((a, b) => a.order - b.order)
    .map((s) => s.line);
}

const ANGLE = /<[^<>\s|][^<>|]*>/gu;
const BRACES = /\{\{([^{}[\]][^{}]*)\}\}/gu;

/** The placeholders of a line (`<コンテナ名>`, `{{name:tag}}`), as written, once each. */
export function placeholdersOf(text: string): string[] {
  const found = [...text.matchAll(ANGLE), ...text.matchAll(BRACES)].map((m) => m[0]);
  return [...new Set(found)];
}
