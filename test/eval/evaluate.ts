import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { KnowledgeIndex, SearchResponse } from "../../src/knowledge/search.js";

export const caseSchema = z.object({
  q: z.string().min(1),
  mode: z.enum(["ask", "explain"]),
  group: z.string().min(1),
  /** Acceptable headings (the last element of a result's path); null when the notes do not cover it. */
  expect: z.array(z.string()).nullable(),
});
export type EvalCase = z.infer<typeof caseSchema>;

export function readCases(file: string): EvalCase[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = caseSchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${path.basename(file)}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export interface CaseResult {
  case: EvalCase;
  response: SearchResponse;
  top1: boolean;
  top3: boolean;
}

export interface GroupScore {
  group: string;
  n: number;
  top1: number;
  top3: number;
}

export interface EvalReport {
  results: CaseResult[];
  groups: GroupScore[];
  positives: { n: number; top1: number; top3: number };
  negatives: { n: number; accuracy: number };
}

export function evaluate(index: KnowledgeIndex, cases: EvalCase[]): EvalReport {
  const results: CaseResult[] = cases.map((c) => {
    const response = c.mode === "explain" ? index.explain(c.q).response : index.ask(c.q).response;
    const headings = response.found ? response.results.map((r) => r.path[r.path.length - 1] ?? r.title) : [];
    if (c.expect === null) return { case: c, response, top1: !response.found, top3: !response.found };
    const ok = (h: string | undefined) => h !== undefined && (c.expect ?? []).includes(h);
    return { case: c, response, top1: ok(headings[0]), top3: headings.slice(0, 3).some(ok) };
  });
  const byGroup = new Map<string, CaseResult[]>();
  for (const r of results) byGroup.set(r.case.group, [...(byGroup.get(r.case.group) ?? []), r]);
  const share = (list: CaseResult[], key: "top1" | "top3") =>
    list.length ? list.filter((r) => r[key]).length / list.length : 1;
  const groups = [...byGroup.entries()].map(([group, list]) => ({
    group,
    n: list.length,
    top1: share(list, "top1"),
    top3: share(list, "top3"),
  }));
  const pos = results.filter((r) => r.case.expect !== null);
  const neg = results.filter((r) => r.case.expect === null);
  return {
    results,
    groups,
    positives: { n: pos.length, top1: share(pos, "top1"), top3: share(pos, "top3") },
    negatives: { n: neg.length, accuracy: share(neg, "top1") },
  };
}
