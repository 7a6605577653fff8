import { spellingsOfLine } from "../command-line.js";
import { segmentWords } from "../segment.js";

/**
 * A command's overview section (tldr's `kubectl` page, a note's `## docker container`) shows one example of
 * each of its subcommands, and each subcommand has a section of its own (`kubectl top`). The overview holds
 * every subcommand's words, so it often covers a question best; but the line that answers is one example, and
 * the subcommand's own section says all there is about it. This finds that subcommand.
 */

/** A command line under `command`: the command, then a subcommand word (`kubectl top {{pods}}` → top). */
const subcommandAsWritten = (line: string, command: string): string | null => {
  if (!line.startsWith(`${command} `)) return null;
  const next = line.slice(command.length + 1).split(/\s+/)[0] ?? "";
  return /^[a-z][a-z0-9-]*$/.test(next) ? `${command} ${next}` : null;
};

/**
 * The same, for a line read through any of its choices of spellings: tldr's `docker container` page writes
 * `docker {{[ps|container ls]}}`, an example of `docker container ls`.
 */
const subcommandOf = (line: string, command: string): string | null => {
  for (const spelling of spellingsOfLine(line)) {
    const sub = subcommandAsWritten(spelling, command);
    if (sub !== null) return sub;
  }
  return null;
};

/**
 * The subcommand (`kubectl top`) whose example in an overview section's `text` covers the question best, by
 * `covered` (the weight of the question's words a set of index words holds), when that example, with the line
 * that introduces it, covers more of it than any other example of the section and than the section's own
 * opening lines (a question about the command itself: "what is kubectl"); null otherwise.
 */
export function overviewSubcommand(
  text: string,
  command: string,
  covered: (words: ReadonlySet<string>) => number,
): string | null {
  const lines = text.split("\n").map((l) => l.trim());
  const first = lines.findIndex((l) => subcommandOf(l, command) !== null || l === command);
  if (first < 0) return null;
  // The opening lines, before the first example's caption.
  const opening = covered(new Set(segmentWords(lines.slice(0, Math.max(0, first - 1)).join("\n"))));
  let best: { sub: string; weight: number } | null = null;
  let tied = false;
  for (let i = first; i < lines.length; i++) {
    const sub = subcommandOf(lines[i] ?? "", command);
    if (sub === null) continue;
    const caption = i > 0 && subcommandOf(lines[i - 1] ?? "", command) === null ? (lines[i - 1] ?? "") : "";
    const weight = covered(new Set(segmentWords(`${caption}\n${lines[i]}`)));
    if (best === null || weight > best.weight) {
      tied = false;
      best = { sub, weight };
    } else if (weight === best.weight && sub !== best.sub) tied = true;
  }
  return best !== null && !tied && best.weight > 0 && best.weight > opening ? best.sub : null;
}
