import { isStopword, segmentWords } from "../segment.js";
import type { TermGroup } from "./query-terms.js";
import type { SectionDoc } from "./section-index.js";

/** How a section's own heading relates to a question: names its subject, or is made of its words. */

/**
 * Whether a heading is a command's name: a tool, or a tool and its subcommand or group (`kubectl`,
 * `docker container`, `helm install`).
 */
export function isCommandHeading(heading: string): boolean {
  return /^[a-z][a-z0-9-]*(?: [a-z][a-z0-9-]*)?$/.test(heading);
}

/** A heading without "とは" / "について" / "の概念", to compare with a question's subject. */
export function bareHeading(heading: string): string {
  const bare = heading
    .trim()
    // A heading asked as a question names its subject: "Podとは何か？", "What is a Pod?".
    .replace(/\s*(?:とは|って)\s*(?:何|なに|なん)\s*(?:か|です(?:か)?|でしょうか)?\s*[?？]?$/u, "")
    .replace(/^what\s+(?:is|are)\s+(?:an?\s+|the\s+)?(.+?)\s*\??$/iu, "$1")
    .replace(/\s*(とは|について|の概念)\s*$/u, "");
  return segmentWords(bare).join("");
}

/**
 * Whether a short heading names the subject among at most one other word ("type: ClusterIP" for ClusterIP,
 * "Podとは何か" for Pod), which a long heading that merely mentions it does not.
 */
export function namesSubject(doc: SectionDoc, subject: string): boolean {
  const words = [...(doc.tf[0]?.keys() ?? [])].filter((w) => !/~$/.test(w) && !isStopword(w));
  return words.length <= 2 && words[words.length - 1] === subject;
}

/** Whether a short heading is about the subject: it is one of its at most two words ("Redis basics", "Pod"). */
export function headedBySubject(doc: SectionDoc, subject: string): boolean {
  const words = [...(doc.tf[0]?.keys() ?? [])].filter((w) => !/~$/.test(w) && !isStopword(w));
  return words.length <= 2 && words.includes(subject);
}

/** Whether every meaningful word of the section's own heading is one of the question's words (or theirs). */
export function headingWithin(doc: SectionDoc, groups: readonly TermGroup[]): boolean {
  const words = [...(doc.tf[0]?.keys() ?? [])].filter((w) => !/~$/.test(w) && !isStopword(w) && w.length > 1);
  return (
    words.length > 0 &&
    words.every((w) => groups.some((g) => g.alternatives.some((alt) => alt.length === 1 && alt[0] === w)))
  );
}

/**
 * A negation or an exclusion ("without selectors", "not in a namespace", "セレクターなし", "属していない",
 * "以外"): a question that says one is answered by the heading that says one too, not by its positive twin
 * ("With selectors").
 */
const NEGATION = /\b(?:no|not|without|non|never|none|cannot)\b|n't\b|ない|無い|なし|無し|せず|ずに|以外/iu;

export function negates(text: string): boolean {
  return NEGATION.test(text);
}

/**
 * A restriction to one thing ("only", "ReplicaSet だけ消したい", "ReplicaSetのみを削除する"): a question that says
 * one is answered by the heading that says one too, over the section about the whole. Not だけど ("but"), nor a
 * count (1回だけ, 一度だけ: how often, not which thing).
 */
const RESTRICTION = /\bonly\b|(?<![回度つ個件本台])だけ(?!ど|れど)|のみ/iu;

export function restricts(text: string): boolean {
  return RESTRICTION.test(text);
}
