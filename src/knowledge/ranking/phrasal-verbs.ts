/**
 * English phrasal verbs learners type for one verb the docs write: "go back to the previous version" is a
 * rollback, "tear down the stack" removes it, "bring it back up" restarts it. Word by word such a phrase is
 * everyday words (go, back, tear, down) that say nothing of the topic, or, worse, rare ones that weigh as
 * topics the folder lacks (tear, throw); read as its verb, it meets the section that does it.
 * General English only: nothing here names a product or a topic of one particular folder.
 */

/** The forms of a verb a phrase starts with: base, -s, -ing, past, past participle. */
const FORMS: Readonly<Record<string, string>> = {
  go: "go|goes|going|went|gone",
  roll: "roll|rolls|rolling|rolled",
  bring: "bring|brings|bringing|brought",
  come: "come|comes|coming|came",
  spin: "spin|spins|spinning|spun",
  fire: "fire|fires|firing|fired",
  tear: "tear|tears|tearing|tore|torn",
  take: "take|takes|taking|took|taken",
  shut: "shut|shuts|shutting",
  throw: "throw|throws|throwing|threw|thrown",
  get: "get|gets|getting|got|gotten",
  wipe: "wipe|wipes|wiping|wiped",
  clear: "clear|clears|clearing|cleared",
  blow: "blow|blows|blowing|blew|blown",
};

/** A short object a phrase may hold between its verb and its particle ("bring *it* back up"). */
const OBJECT = "(?:(?:it|them|this|that|these|those|everything|one|all|stuff|things)\\s+)?";

/**
 * Each phrase (verb, then its particle words) and the verbs the docs write for it, most usual first; the first
 * one the folder holds is read in its place. The joined spelling comes first where docs write one (rollback,
 * teardown, shutdown). Not "set up", "look up" or "log in": docs write those phrases themselves, and their
 * joined forms (setup, lookup, login) are met as compounds already.
 */
const PHRASES: readonly { verb: string; particle: string; meaning: readonly string[] }[] = [
  { verb: "go", particle: "back", meaning: ["rollback", "roll back", "revert", "undo"] },
  { verb: "bring", particle: "back up", meaning: ["restart", "recover"] },
  { verb: "come", particle: "back up", meaning: ["restart", "recover"] },
  { verb: "bring", particle: "up", meaning: ["start", "launch"] },
  { verb: "spin", particle: "up", meaning: ["start", "launch"] },
  { verb: "fire", particle: "up", meaning: ["start", "launch"] },
  { verb: "tear", particle: "down", meaning: ["teardown", "remove", "delete"] },
  { verb: "take", particle: "down", meaning: ["stop", "remove"] },
  { verb: "shut", particle: "down", meaning: ["shutdown", "stop"] },
  { verb: "throw", particle: "away", meaning: ["delete", "remove", "discard"] },
  { verb: "get", particle: "rid of", meaning: ["delete", "remove"] },
  { verb: "wipe", particle: "out", meaning: ["delete", "remove", "wipe"] },
  { verb: "clear", particle: "out", meaning: ["cleanup", "prune", "delete", "remove"] },
  { verb: "blow", particle: "away", meaning: ["delete", "remove"] },
];

const MATCHERS = PHRASES.map((p) => ({
  re: new RegExp(
    `\\b(?:${FORMS[p.verb] ?? p.verb})\\s+${OBJECT}${p.particle.split(" ").join("\\s+")}\\b`,
    "giu",
  ),
  words: [p.verb, ...p.particle.split(" ")],
  meaning: p.meaning,
}));

/** A question with its phrasal verbs read (readPhrasalVerbs). */
export interface PhrasalReading {
  query: string;
  /** For each verb read in a phrase's place, the phrase's other verbs the folder holds (delete: remove). */
  others: ReadonlyMap<string, readonly string[]>;
}

/**
 * The question with each phrasal verb read as the first of its verbs the folder `holds` (every word of it), and
 * left as typed where the folder `writes` the phrase itself (a section holds its verb and particles: "Tearing
 * down the cluster") or holds none of its verbs. Longer phrases are read first ("bring it back up" before
 * "bring up").
 */
export function readPhrasalVerbs(
  query: string,
  folder: { holds(meaning: string): boolean; writes(words: readonly string[]): boolean },
): PhrasalReading {
  const others = new Map<string, readonly string[]>();
  if (!/[a-z]/i.test(query)) return { query, others };
  let out = query;
  for (const { re, words, meaning } of MATCHERS) {
    re.lastIndex = 0;
    if (!re.test(out)) continue;
    re.lastIndex = 0;
    if (folder.writes(words)) continue;
    const held = meaning.filter((m) => folder.holds(m));
    const [read, ...rest] = held;
    if (read === undefined) continue;
    out = out.replace(re, read);
    re.lastIndex = 0;
    others.set(read, rest);
  }
  return { query: out, others };
}
