/**
 * Answer-content evaluation: does the reply a person reads hold the answer? Each case is run through the
 * Tutor as the terminal runs a typed line (`/ask …`, `/explain …`), rendered to the plain text the terminal
 * prints, and checked: every `mustContain` appears, no `mustNotContain` does; a `not-covered` case must get
 * the "not in your notes" reply.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { renderText } from "../../src/bots/terminal/render.js";
import type { Locale } from "../../src/core/i18n.js";
import type { Tutor } from "../../src/core/tutor.js";
import { invocation } from "../helpers/tutor.js";

export const answerCaseSchema = z.object({
  q: z.string().min(1),
  mode: z.enum(["ask", "explain"]),
  kind: z.enum(["howto", "definition", "difference", "which-command", "which-option", "list", "not-covered"]),
  lang: z.enum(["en", "ja"]),
  mustContain: z.array(z.string()),
  mustNotContain: z.array(z.string()).default([]),
});
export type AnswerCase = z.infer<typeof answerCaseSchema>;

export function readAnswerCases(file: string): AnswerCase[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = answerCaseSchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${path.basename(file)}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export interface AnswerResult {
  case: AnswerCase;
  held: boolean;
  /** What the terminal printed. */
  shown: string;
  missing: string[];
  unwanted: string[];
  notFound: boolean;
}

export interface AnswerGroup {
  kind: string;
  lang: string;
  n: number;
  held: number;
}

export interface AnswerReport {
  results: AnswerResult[];
  groups: AnswerGroup[];
  /** Share of all cases held. */
  held: number;
}

/** Runs one case as the terminal would and checks what it printed. */
export async function runAnswerCase(tutor: Tutor, c: AnswerCase): Promise<AnswerResult> {
  const locale: Locale = c.lang;
  const r = await tutor.runText(invocation(locale), `/${c.mode} ${c.q}`);
  const shown = renderText(r, locale);
  const notFound = r.notFound === true;
  const missing = c.mustContain.filter((m) => !shown.includes(m));
  const unwanted = c.mustNotContain.filter((m) => shown.includes(m));
  const held =
    c.kind === "not-covered"
      ? notFound && unwanted.length === 0
      : !notFound && missing.length === 0 && unwanted.length === 0;
  return { case: c, held, shown, missing, unwanted, notFound };
}

export async function evaluateAnswers(tutor: Tutor, cases: readonly AnswerCase[]): Promise<AnswerReport> {
  const results: AnswerResult[] = [];
  for (const c of cases) results.push(await runAnswerCase(tutor, c));
  const groups = new Map<string, AnswerGroup>();
  for (const r of results) {
    const key = `${r.case.kind}\t${r.case.lang}`;
    const g = groups.get(key) ?? { kind: r.case.kind, lang: r.case.lang, n: 0, held: 0 };
    g.n++;
    if (r.held) g.held++;
    groups.set(key, g);
  }
  const held = results.length ? results.filter((r) => r.held).length / results.length : 1;
  return { results, groups: [...groups.values()], held };
}
