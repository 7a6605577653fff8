import { queryTerms, stem } from "../../knowledge/segment.js";
import type { GapRow } from "../storage/stores.js";

/**
 * Two questions are about the same missing note when this share of the shorter one's meaningful words
 * is also in the other: "how do I delete a helm release" and "delete helm release?" share all of theirs,
 * "delete a pod" and "delete a volume" only half, and stay apart.
 */
export const SAME_GAP_OVERLAP = 0.6;

/** A request for a note says more than one more person asking: it counts as this many asks when ranking. */
export const REQUEST_WEIGHT = 2;

/** The words a question is grouped by: its meaningful words, stemmed so "deleting" meets "delete". */
export function gapTerms(question: string): string[] {
  return [...new Set(queryTerms(question).map((w) => stem(w)))];
}

export interface GapGroup {
  /** The wording asked most often (the newest among equals). */
  question: string;
  /** Every distinct wording, most asked first. */
  wordings: string[];
  /** The words the group's first question held. */
  terms: string[];
  count: number;
  askers: number;
  requests: number;
  lastAsked: string;
  /** A gap id of the group (the newest), for tests and links. */
  latestId: number;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}

/** Groups not-covered questions by shared meaningful words; the most asked and requested first. */
export function groupGaps(gaps: readonly GapRow[]): GapGroup[] {
  const groups: { seed: Set<string>; members: GapRow[] }[] = [];
  // Oldest first, so a group's seed is the first wording of that gap.
  const ordered = [...gaps].sort((a, b) => a.askedAt.localeCompare(b.askedAt) || a.id - b.id);
  for (const g of ordered) {
    const terms = new Set(g.terms.length > 0 ? g.terms : [g.question.trim().toLowerCase()]);
    let best: (typeof groups)[number] | undefined;
    let bestScore = 0;
    for (const group of groups) {
      const score = overlap(terms, group.seed);
      if (score >= SAME_GAP_OVERLAP && score > bestScore) {
        best = group;
        bestScore = score;
      }
    }
    if (best) best.members.push(g);
    else groups.push({ seed: terms, members: [g] });
  }
  return groups
    .map(({ seed, members }) => {
      const byWording = new Map<string, { n: number; last: string }>();
      for (const m of members) {
        const w = m.question.trim();
        const e = byWording.get(w) ?? { n: 0, last: "" };
        e.n++;
        if (m.askedAt > e.last) e.last = m.askedAt;
        byWording.set(w, e);
      }
      const wordings = [...byWording.entries()]
        .sort((a, b) => b[1].n - a[1].n || b[1].last.localeCompare(a[1].last))
        .map(([w]) => w);
      const latest = members.reduce((a, b) => (b.askedAt >= a.askedAt ? b : a));
      return {
        question: wordings[0] ?? "",
        wordings,
        terms: [...seed],
        count: members.length,
        askers: new Set(members.map((m) => m.userId)).size,
        requests: members.reduce((s, m) => s + m.requests, 0),
        lastAsked: latest.askedAt,
        latestId: latest.id,
      };
    })
    .sort(
      (a, b) =>
        b.count + REQUEST_WEIGHT * b.requests - (a.count + REQUEST_WEIGHT * a.requests) ||
        b.lastAsked.localeCompare(a.lastAsked),
    );
}
