import type { KnowledgeIndex, SearchResponse } from "../../src/knowledge/search.js";
import { answerOf } from "./corpora.js";
import { type EvalCase, overallAccuracy, type Scored, score } from "./scoring.js";

export { caseSchema, type EvalCase, readCases } from "./scoring.js";

export interface CaseResult extends Scored {
  response: SearchResponse;
}

export interface GroupScore {
  group: string;
  n: number;
  /** Right at rank 1 (a not-covered case: answered found=false), over every case of the group. */
  top1: number;
  top3: number;
}

export interface EvalReport {
  results: CaseResult[];
  groups: GroupScore[];
  positives: { n: number; top1: number; top3: number };
  negatives: { n: number; accuracy: number };
}

/** One set over an index already built, scored by the shared rules of scoring.ts. */
export function evaluate(index: KnowledgeIndex, cases: EvalCase[]): EvalReport {
  const results: CaseResult[] = cases.map((c) => {
    const response = c.mode === "explain" ? index.explain(c.q).response : index.ask(c.q).response;
    return { ...score(c, answerOf(response)), response };
  });
  const byGroup = new Map<string, CaseResult[]>();
  for (const r of results) byGroup.set(r.case.group, [...(byGroup.get(r.case.group) ?? []), r]);
  const share = (list: CaseResult[], key: "top1" | "top3") =>
    list.length ? list.filter((r) => r[key]).length / list.length : 1;
  const groups = [...byGroup.entries()].map(([group, list]) => ({
    group,
    n: list.length,
    top1: overallAccuracy(list),
    top3: share(list, "top3"),
  }));
  const pos = results.filter((r) => r.answerable);
  const neg = results.filter((r) => !r.answerable);
  return {
    results,
    groups,
    positives: { n: pos.length, top1: share(pos, "top1"), top3: share(pos, "top3") },
    negatives: { n: neg.length, accuracy: share(neg, "top1") },
  };
}
