import type { SectionDoc } from "./section-index.js";
import { FOUND_COVERAGE, SPECIFIC } from "./weights.js";

/** A ranked section, as preferSpecific reads it. */
export interface RankedSection {
  doc: Pick<SectionDoc, "file" | "path">;
  coverage: number;
  score: number;
  headingCoverage: number;
}

/** For a "what is X" question: the sections that introduce X, and those whose heading asks what X is. */
export interface SubjectSections<D> {
  introduces(doc: D): boolean;
  asks(doc: D): boolean;
}

/** Whether `inner` is a subsection (at any depth) of `outer`, in the same file. */
export function isWithin(
  inner: Pick<SectionDoc, "file" | "path">,
  outer: Pick<SectionDoc, "file" | "path">,
): boolean {
  return (
    inner.file === outer.file &&
    inner.path.length > outer.path.length &&
    outer.path.every((h, i) => inner.path[i] === h)
  );
}

/**
 * The most specific section that answers, before its parent, in place: a subsection ranked below one of its
 * ancestors (among the first SPECIFIC.window) moves above it when it covers clearly more of the question
 * (SPECIFIC.clearCoverage), or about as much (SPECIFIC.coverage) with a score nearly as high (SPECIFIC.score)
 * and its own heading holding as much of the question as the ancestor's: a subsection about something
 * narrower than asked (比例スケーリング under Deploymentのスケーリング) is not the more precise answer. For a
 * "what is X" question, the section that introduces X ("Pod", "Redis basics") is its definition, not a
 * parent of it, unless the subsection's heading asks that very question ("Podとは何か？" under "Pod").
 */
export function preferSpecific<T extends RankedSection>(
  ranked: T[],
  subject?: SubjectSections<T["doc"]>,
  /** The share the question needs covered to be answered (foundCoverage). */
  needed: number = FOUND_COVERAGE,
): void {
  const top = Math.min(ranked.length, SPECIFIC.window);
  // The sections that introduce a "what is X" question's subject: none of their subsections moves above
  // anything unless its heading asks that very question (not past a grandparent either).
  const introducing = subject ? ranked.slice(0, top).filter((r) => subject.introduces(r.doc)) : [];
  const held = (inner: T) =>
    introducing.some((r) => isWithin(inner.doc, r.doc)) && !(subject?.asks(inner.doc) ?? false);
  for (let i = 0; i < top; i++) {
    const outer = ranked[i];
    if (!outer) continue;
    for (let j = i + 1; j < top; j++) {
      const inner = ranked[j];
      if (!inner || !isWithin(inner.doc, outer.doc) || held(inner)) continue;
      // Never a subsection the notes would not answer from in place of a parent they would.
      if (inner.coverage < needed && outer.coverage >= needed) continue;
      const clear = inner.coverage >= outer.coverage + SPECIFIC.clearCoverage;
      const close =
        inner.coverage >= outer.coverage - SPECIFIC.coverage &&
        inner.score >= outer.score - SPECIFIC.score &&
        inner.headingCoverage >= outer.headingCoverage;
      if (!clear && !close) continue;
      ranked.splice(j, 1);
      ranked.splice(i, 0, inner);
      break;
    }
  }
}
