// The scoring rules of every retrieval evaluation (test/eval, bench/): one place, so the eval runner, the
// floors tests and the benchmark count a hit the same way.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

export const caseSchema = z.object({
  q: z.string().min(1),
  mode: z.enum(["ask", "explain"]),
  group: z.string().min(1),
  /** Acceptable headings (the last element of a result's path); null when the folder does not cover it. */
  expect: z.array(z.string().min(1)).min(1).nullable(),
});
export type EvalCase = z.infer<typeof caseSchema>;

/** Reads a JSONL set, one case per line; a bad line is an error naming its file and line number. */
export function readCases(file: string): EvalCase[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((line, i) => ({ line, at: i + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, at }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        throw new Error(`${path.basename(file)}:${at}: ${(error as Error).message}`);
      }
      const parsed = caseSchema.safeParse(json);
      if (!parsed.success) throw new Error(`${path.basename(file)}:${at}: ${parsed.error.message}`);
      return parsed.data;
    });
}

/** What an engine answered: its found flag and the headings of its results, best first. */
export interface Answer {
  found: boolean;
  headings: string[];
}

/** How many results count for top-k. */
export const TOP_K = 3;

/**
 * A heading as a reader sees it, so that the expected text written from the page and the text an engine
 * returns compare equal when they differ only in markup: NFKC (full-width letters), Hugo heading ids
 * (`{#why-...}`), empty HTML anchors (`<a name="env"></a>`, as in the Docker CLI reference), inline-code
 * backticks, shortcodes reduced to their visible `text` (or dropped), and runs of white space.
 */
export function normalizeHeading(heading: string): string {
  return heading
    .normalize("NFKC")
    .replace(/\{\{[<%]\s*[\w-]+[^}]*?\btext="([^"]*)"[^}]*[>%]\}\}/g, "$1")
    .replace(/\{\{[<%][^}]*[>%]\}\}/g, "")
    .replace(/<a\s+(?:name|id)="[^"]*"\s*>\s*<\/a>/gi, "")
    .replace(/\s*\{#[^}]*\}\s*$/, "")
    .replace(/`/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

export interface Scored {
  case: EvalCase;
  answer: Answer;
  answerable: boolean;
  /** Answerable: the first heading is expected. Not covered: found=false. */
  top1: boolean;
  /** Answerable: one of the first TOP_K headings is expected. Not covered: found=false. */
  top3: boolean;
}

export function score(c: EvalCase, answer: Answer): Scored {
  if (c.expect === null)
    return { case: c, answer, answerable: false, top1: !answer.found, top3: !answer.found };
  const expected = new Set(c.expect.map(normalizeHeading));
  const heads = answer.found ? answer.headings.map(normalizeHeading) : [];
  const hit = (h: string | undefined) => h !== undefined && expected.has(h);
  return { case: c, answer, answerable: true, top1: hit(heads[0]), top3: heads.slice(0, TOP_K).some(hit) };
}

/** Shares are null when there is nothing to count (no answerable or no negative case in the row). */
export interface Row {
  label: string;
  n: number;
  answerable: number;
  negatives: number;
  /** top-1 over the answerable cases. */
  top1: number | null;
  top3: number | null;
  /** Not-covered cases answered found=false. */
  notCovered: number | null;
  /** Answerable cases answered found=false (a false "not in your notes"). */
  falseNotCovered: number | null;
}

const share = (list: Scored[], ok: (s: Scored) => boolean): number | null =>
  list.length === 0 ? null : list.filter(ok).length / list.length;

export function summarize(label: string, list: Scored[]): Row {
  const pos = list.filter((s) => s.answerable);
  const neg = list.filter((s) => !s.answerable);
  return {
    label,
    n: list.length,
    answerable: pos.length,
    negatives: neg.length,
    top1: share(pos, (s) => s.top1),
    top3: share(pos, (s) => s.top3),
    notCovered: share(neg, (s) => !s.answer.found),
    falseNotCovered: share(pos, (s) => !s.answer.found),
  };
}

/** One row per group, in the order groups first appear, then "all". */
export function rowsByGroup(list: Scored[]): Row[] {
  const groups = new Map<string, Scored[]>();
  for (const s of list) groups.set(s.case.group, [...(groups.get(s.case.group) ?? []), s]);
  return [...[...groups].map(([g, l]) => summarize(g, l)), summarize("all", list)];
}

/**
 * Top-1 counting negatives: answerable cases right at rank 1 plus not-covered cases answered found=false,
 * over all cases. The quantity the baseline's not-covered threshold is fitted to.
 */
export function overallAccuracy(list: Scored[]): number {
  return list.length === 0 ? 0 : list.filter((s) => s.top1).length / list.length;
}
