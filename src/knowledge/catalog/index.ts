import { stem } from "../segment.js";
import { dockerCommands, dockerGlobalFlags as handDockerGlobals } from "./docker.js";
import {
  kubectlCommands,
  kubectlGlobalFlags as handKubectlGlobals,
  kubernetesResources as handResources,
} from "./kubectl.js";
import { mergeCatalog } from "./merge.js";
import { referenceSnapshot } from "./snapshot.js";
import type { CatalogCommand, CatalogFlag, ResourceType, Tool } from "./types.js";

export type { Bilingual, CatalogArg, CatalogCommand, CatalogFlag, ResourceType, Tool } from "./types.js";

/** The hand-written layer: en/ja one-liners, declared arguments, how kubectl verbs read a resource. */
export const handWrittenCommands: readonly CatalogCommand[] = [...dockerCommands, ...kubectlCommands];
export const handWrittenGlobalFlags: Record<Tool, readonly CatalogFlag[]> = {
  docker: handDockerGlobals,
  kubectl: handKubectlGlobals,
};

const reference = referenceSnapshot();
const merged = mergeCatalog(reference.commands, reference.meta.globalFlags, {
  commands: handWrittenCommands,
  globalFlags: handWrittenGlobalFlags,
});

/** Every command of the docker (CLI, compose, buildx) and kubectl reference, sorted by name. */
export const allCommands: readonly CatalogCommand[] = merged.commands;
/** The tools of the reference (docker, kubectl): the first word of its commands. */
export const referenceTools: ReadonlySet<string> = new Set(
  allCommands.map((c) => c.name.split(" ")[0] ?? ""),
);
/** Options of `docker` itself, read before the subcommand (`docker -H ssh://host ps`). */
export const dockerGlobalFlags: readonly CatalogFlag[] = merged.globalFlags.docker;
/** Options every kubectl command reads, before or after the verb (`kubectl -n x get pods`). */
export const kubectlGlobalFlags: readonly CatalogFlag[] = merged.globalFlags.kubectl;
/**
 * The resource types a kubectl verb reads, with the kind, API group and version the reference gives for
 * them (`deployments` → Deployment, apps/v1); short names are the hand-written layer's (the API server
 * announces them, no offline reference has them).
 */
export const allResources: readonly ResourceType[] = handResources.map((r) => {
  const k = (reference.meta.kinds ?? []).find((x) => [r.name, ...r.aliases].includes(x.kind.toLowerCase()));
  return k ? { ...r, kind: k.kind, group: k.group, version: k.version } : r;
});
export const kubernetesResources = allResources;
/** Where the reference comes from: each source's name, version, commit and licence. */
export const referenceSources = reference.meta.sources;

export interface TypoFix {
  typed: string;
  corrected: string;
}

export interface CommandMatch {
  command: CatalogCommand;
  /**
   * Number of leading tokens that named the command (3 for "docker container cp …", 2 for "docker cp …").
   * Global flags standing between the command words count too (`kubectl -n x get` → 4), and so does a
   * kubectl resource written right after the verb (`kubectl get po` → 3).
   */
  consumed: number;
  /**
   * Canonical form of what was typed: "docker container cp"; for kubectl verbs that take a resource, the
   * resource in canonical plural form: "kubectl get pods" for "kubectl get po".
   */
  canonical: string;
  resource?: ResourceType;
  typos: TypoFix[];
}

export interface FlagMatch {
  flag: CatalogFlag;
  /** How it was typed. */
  typed: string;
  /** Set when the typed form is wrong but its intent is clear, e.g. "-rm" typed for "--rm". */
  correction?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Edit distance
// ---------------------------------------------------------------------------------------------------------

/**
 * Damerau–Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
 * transpositions of neighbours), counted in code points. Stops early once the distance exceeds `max`
 * and then returns `max + 1`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        d = Math.min(d, (prevPrev[j - 2] ?? 0) + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[t.length] ?? 0;
}

/** How many edits a typed word may have and still count as a typo of a known word. */
export function typoBound(word: string): number {
  const n = Array.from(word).length;
  if (n <= 2) return 0;
  if (n <= 7) return 1;
  return 2;
}

/** Words that are real, different tools, though one edit away from a tool word (`dockerd`, `kubectx`). */
const OTHER_TOOLS = new Set(["dockerd", "kubectx", "kubens", "kubelet", "kubeadm", "kubecfg"]);

/**
 * The candidate closest to `word` within the typo bound. Candidates are (spelling, target) pairs; when two
 * different targets are equally close the answer is ambiguous and nothing is returned.
 */
function closest<T>(
  word: string,
  candidates: Iterable<[string, T]>,
): { spelling: string; target: T } | undefined {
  const bound = typoBound(word);
  if (bound === 0 || word.length > 64) return undefined;
  let best: { spelling: string; target: T; distance: number } | undefined;
  let ambiguous = false;
  for (const [spelling, target] of candidates) {
    const d = editDistance(word, spelling, bound);
    if (d > bound) continue;
    if (!best || d < best.distance) {
      best = { spelling, target, distance: d };
      ambiguous = false;
    } else if (d === best.distance && target !== best.target) {
      ambiguous = true;
    }
  }
  return best && !ambiguous ? { spelling: best.spelling, target: best.target } : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Flags
// ---------------------------------------------------------------------------------------------------------

/** One flag read from a word such as `-it`, `--name=web` or `-p9000:8080`. */
export interface FlagReading {
  /** Undefined when the command has no such flag. */
  flag?: CatalogFlag;
  /** The flag as typed, without an attached value: "-i", "--name", "-rm". */
  text: string;
  /** A value attached to the word (`--name=web`, `-p9000:8080`). */
  value?: string;
  correction?: string;
  /** The flag takes a value and none was attached: the next word is its value. */
  needsValue: boolean;
}

/** A word that the CLI would read as an option: `-x`, `--long`, but not `-` (stdin) or `--` (end of options). */
export function isFlagWord(word: string): boolean {
  return word.length > 1 && word.startsWith("-") && word !== "--";
}

function findLong(flags: readonly CatalogFlag[], name: string): CatalogFlag | undefined {
  return flags.find((f) => f.long === name);
}

function findShort(flags: readonly CatalogFlag[], name: string): CatalogFlag | undefined {
  return flags.find((f) => f.short === name);
}

function reading(
  flag: CatalogFlag,
  text: string,
  value: string | undefined,
  correction?: string,
): FlagReading {
  return {
    flag,
    text,
    ...(value !== undefined ? { value } : {}),
    ...(correction ? { correction } : {}),
    needsValue: flag.takesValue && !flag.optionalValue && value === undefined,
  };
}

function splitAtEquals(body: string): { name: string; value?: string } {
  const eq = body.indexOf("=");
  return eq < 0 ? { name: body } : { name: body.slice(0, eq), value: body.slice(eq + 1) };
}

const MAX_CLUSTER = 16;

/**
 * Reads one option word the way the CLI (cobra/pflag) would, with two kinds of help for people:
 * a long option written with one dash (`-rm`, `-name`) is read as that long option with a correction,
 * and a long option one typo away from a real one (`--detatch`) is read as the real one with a correction.
 * Combined short flags come back as several readings (`-it` → `-i`, `-t`).
 */
export function readFlagWord(flags: readonly CatalogFlag[], word: string): FlagReading[] {
  if (word.startsWith("--")) {
    const { name, value } = splitAtEquals(word.slice(2));
    const text = `--${name}`;
    const exact = findLong(flags, name);
    if (exact) return [reading(exact, text, value)];
    // Another case of a real name: compose still reads its legacy `--no-TTY` as `--no-tty`.
    const lower = name.toLowerCase();
    const folded = lower !== name ? findLong(flags, lower) : undefined;
    if (folded) return [reading(folded, text, value, `--${lower}`)];
    if (Array.from(name).length === 1) {
      const short = findShort(flags, name);
      if (short) return [reading(short, text, value, `-${name}`)];
    }
    if (name.length >= 5) {
      const near = closest(
        name,
        flags.flatMap((f): [string, CatalogFlag][] => (f.long && f.long.length >= 5 ? [[f.long, f]] : [])),
      );
      if (near) return [reading(near.target, text, value, `--${near.spelling}`)];
    }
    return [{ text, ...(value !== undefined ? { value } : {}), needsValue: false }];
  }

  const body = word.slice(1);
  const chars = Array.from(body);
  const { name, value } = splitAtEquals(body);
  const first = chars[0] ?? "";
  if (chars.length === 1 || (chars.length > 1 && chars[1] === "=")) {
    const short = findShort(flags, first);
    if (short) return [reading(short, `-${first}`, value)];
    return [{ text: `-${first}`, ...(value !== undefined ? { value } : {}), needsValue: false }];
  }

  // `-rm` for `--rm`: a long option with one dash. Prefer that reading unless the word is also a clean
  // cluster of distinct boolean short flags (which is what the user more likely meant then).
  const long = findLong(flags, name);
  if (long && !isCleanBooleanCluster(flags, Array.from(name))) {
    return [reading(long, `-${name}`, value, `--${name}`)];
  }

  const out: FlagReading[] = [];
  for (let k = 0; k < chars.length && k < MAX_CLUSTER; k++) {
    const c = chars[k] ?? "";
    const flag = findShort(flags, c);
    if (!flag) return [{ text: word, needsValue: false }];
    const rest = chars.slice(k + 1).join("");
    if (flag.takesValue) {
      const attached = rest.startsWith("=") ? rest.slice(1) : rest;
      out.push(reading(flag, `-${c}`, attached === "" && !rest.startsWith("=") ? undefined : attached));
      return out;
    }
    if (rest.startsWith("=")) {
      out.push(reading(flag, `-${c}`, rest.slice(1)));
      return out;
    }
    out.push(reading(flag, `-${c}`, undefined));
  }
  return chars.length > MAX_CLUSTER ? [{ text: word, needsValue: false }] : out;
}

function isCleanBooleanCluster(flags: readonly CatalogFlag[], chars: string[]): boolean {
  if (new Set(chars).size !== chars.length) return false;
  return chars.every((c) => {
    const f = findShort(flags, c);
    return f !== undefined && !f.takesValue;
  });
}

/**
 * The flag of `command` that `typed` names: "-d", "--detach", "--name=web", "-p9000:8080".
 * Recognises the erratum "-rm" (correction "--rm"), "--d" (correction "-d") and one-typo long options.
 * Returns null for unknown flags and for combined short flags such as "-it", which name several.
 */
export function matchFlag(command: CatalogCommand, typed: string): FlagMatch | null {
  const word = typed.trim();
  if (!isFlagWord(word)) return null;
  const readings = readFlagWord(command.flags, word);
  const only = readings.length === 1 ? readings[0] : undefined;
  if (!only?.flag) return null;
  return { flag: only.flag, typed, ...(only.correction ? { correction: only.correction } : {}) };
}

// ---------------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------------

const resourceBySpelling = new Map<string, ResourceType>();
for (const r of allResources) {
  for (const s of [r.name, ...r.aliases]) if (!resourceBySpelling.has(s)) resourceBySpelling.set(s, r);
}

/** A resource type by its plural, singular or short name ("po", "Pod", "deployments.apps"), exactly. */
export function findResource(word: string): ResourceType | undefined {
  const w = word.toLowerCase();
  const exact = resourceBySpelling.get(w);
  if (exact) return exact;
  const dot = w.indexOf(".");
  return dot > 0 ? resourceBySpelling.get(w.slice(0, dot)) : undefined;
}

export interface ResourceItem {
  /** The resource as typed: "po", "deployment". */
  text: string;
  resource: ResourceType;
  typo?: TypoFix;
}

/** A kubectl resource argument: `pods`, `pod,replicaset,deployment`, or `deploy/web` (name "web"). */
export interface ResourceToken {
  items: ResourceItem[];
  name?: string;
}

function resourceItem(text: string): ResourceItem | undefined {
  const exact = findResource(text);
  if (exact) return { text, resource: exact };
  if (!/^[a-z][a-z0-9-]*$/i.test(text)) return undefined;
  const near = closest(text.toLowerCase(), resourceBySpelling.entries());
  return near ? { text, resource: near.target, typo: { typed: text, corrected: near.spelling } } : undefined;
}

/** Reads a kubectl resource argument, or returns null when it does not name known resource types. */
export function parseResourceToken(token: string): ResourceToken | null {
  if (token.includes(":") || token.length > 256) return null;
  const slash = token.indexOf("/");
  if (slash >= 0) {
    const item = slash > 0 ? resourceItem(token.slice(0, slash)) : undefined;
    const name = token.slice(slash + 1);
    return item ? { items: [item], ...(name ? { name } : {}) } : null;
  }
  const items: ResourceItem[] = [];
  for (const part of token.split(",")) {
    const item = part ? resourceItem(part) : undefined;
    if (!item) return null;
    items.push(item);
  }
  return items.length > 0 ? { items } : null;
}

// ---------------------------------------------------------------------------------------------------------
// The command tree
// ---------------------------------------------------------------------------------------------------------

interface Node {
  tool: Tool;
  depth: number;
  command?: CatalogCommand;
  children: Map<string, Node>;
}

const roots = new Map<string, Node>();
const commandBySpelling = new Map<string, CatalogCommand>();

for (const command of allCommands) {
  for (const spelling of [command.name, ...command.aliases]) {
    if (!commandBySpelling.has(spelling)) commandBySpelling.set(spelling, command);
    let level = roots;
    let node: Node | undefined;
    spelling.split(" ").forEach((word, i) => {
      let next = level.get(word);
      if (!next) {
        next = { tool: command.tool, depth: i + 1, children: new Map() };
        level.set(word, next);
      }
      node = next;
      level = next.children;
    });
    if (node && !node.command) node.command = command;
  }
}

/** Flags that may stand right after this node, before the next command word. */
function flagsBefore(node: Node): readonly CatalogFlag[] {
  const own = node.command && node.children.size > 0 ? node.command.flags : [];
  if (node.tool === "kubectl") return [...own, ...kubectlGlobalFlags];
  return node.depth === 1 ? [...own, ...dockerGlobalFlags] : own;
}

/** The child named by `word`: exactly (ignoring case), or as a clear typo. */
function childFor(
  level: Map<string, Node>,
  word: string,
  isRoot: boolean,
): { node: Node; typo?: TypoFix } | undefined {
  const lower = word.toLowerCase();
  const exact = level.get(lower);
  if (exact) return { node: exact };
  if (isRoot && OTHER_TOOLS.has(lower)) return undefined;
  const near = closest(
    lower,
    [...level.entries()].map(([spelling, node]): [string, Node | CatalogCommand] => [
      spelling,
      node.command ?? node,
    ]),
  );
  if (!near) return undefined;
  const node = level.get(near.spelling);
  return node ? { node, typo: { typed: word, corrected: near.spelling } } : undefined;
}

const OPERATOR = /^(?:\d*(?:>>?|<<?)(?:&\d*-?)?|&>>?|\|\|?|\|&|&&?|;;?)$/;

/** A shell control or redirection operator: `|`, `&&`, `;`, `>`, `2>&1` … */
export function isOperatorWord(word: string): boolean {
  return OPERATOR.test(word);
}

/** Tokens [start, end) that hold a flag (and its value), with the flag list that applies there. */
export interface FlagSpan {
  start: number;
  end: number;
  flags: readonly CatalogFlag[];
}

export interface CommandResolution {
  match: CommandMatch;
  /** Positions of the tokens that named the command. */
  wordIndexes: number[];
  /** Flags that stood between the command words (`kubectl -n kube-system get`). */
  prefixFlags: FlagSpan[];
  /** Index just after the last command word: where the command's own flags and arguments begin. */
  end: number;
  /** Position of the resource argument of a kubectl verb, when there is one. */
  resourceIndex?: number;
  resourceToken?: ResourceToken;
}

/** Index after the flag word at `i` and, when it needs one, its value. */
function skipFlag(flags: readonly CatalogFlag[], tokens: readonly string[], i: number): number {
  const needsValue = readFlagWord(flags, tokens[i] ?? "").some((r) => r.needsValue);
  const next = tokens[i + 1];
  return needsValue && next !== undefined && !isOperatorWord(next) ? i + 2 : i + 1;
}

/** Position of the first positional argument at or after `start`. */
function firstPositional(
  flags: readonly CatalogFlag[],
  tokens: readonly string[],
  start: number,
): number | undefined {
  let i = start;
  let endOfOptions = false;
  while (i < tokens.length) {
    const t = tokens[i] ?? "";
    if (isOperatorWord(t)) return undefined;
    if (!endOfOptions && t === "--") {
      endOfOptions = true;
      i++;
    } else if (!endOfOptions && isFlagWord(t)) {
      i = skipFlag(flags, tokens, i);
    } else {
      return i;
    }
  }
  return undefined;
}

/** Like {@link matchCommand}, with the positions a command-line breakdown needs. */
export function resolveCommand(tokens: readonly string[]): CommandResolution | null {
  let level = roots;
  let node: Node | undefined;
  let i = 0;
  const words: number[] = [];
  const typos: TypoFix[] = [];
  const spans: FlagSpan[] = [];
  let best:
    | { command: CatalogCommand; words: number[]; typos: TypoFix[]; spans: FlagSpan[]; end: number }
    | undefined;

  while (i < tokens.length) {
    const pending: FlagSpan[] = [];
    if (node) {
      const flags = flagsBefore(node);
      while (i < tokens.length && isFlagWord(tokens[i] ?? "")) {
        const end = skipFlag(flags, tokens, i);
        pending.push({ start: i, end, flags });
        i = end;
      }
    }
    const word = tokens[i];
    if (word === undefined || isOperatorWord(word)) break;
    const child = childFor(level, word, node === undefined);
    if (!child) break;
    spans.push(...pending);
    words.push(i);
    if (child.typo) typos.push(child.typo);
    node = child.node;
    level = node.children;
    i++;
    if (node.command)
      best = { command: node.command, words: [...words], typos: [...typos], spans: [...spans], end: i };
  }
  if (!best) return null;

  const { command, end } = best;
  let canonical = command.name;
  let consumed = end;
  let resource: ResourceType | undefined;
  let resourceIndex: number | undefined;
  let resourceToken: ResourceToken | undefined;
  const allTypos = [...best.typos];
  if (command.takesResource) {
    const at = firstPositional(command.flags, tokens, end);
    const parsed = at === undefined ? null : parseResourceToken(tokens[at] ?? "");
    if (at !== undefined && parsed) {
      resourceIndex = at;
      resourceToken = parsed;
      resource = parsed.items[0]?.resource;
      canonical = `${command.name} ${parsed.items.map((it) => it.resource.name).join(",")}`;
      for (const it of parsed.items) if (it.typo) allTypos.push(it.typo);
      if (at === end) consumed = end + 1;
    }
  }
  return {
    match: { command, consumed, canonical, ...(resource ? { resource } : {}), typos: allTypos },
    wordIndexes: best.words,
    prefixFlags: best.spans,
    end,
    ...(resourceIndex !== undefined && resourceToken ? { resourceIndex, resourceToken } : {}),
  };
}

/**
 * The command named by the leading tokens, longest match first. Tolerates typos in the tool and
 * subcommand words ("dokcer cp", "kubctl logs", "docker contianer ls") and global flags between them
 * ("kubectl -n kube-system get secret"). Returns null when nothing is close.
 */
export function matchCommand(tokens: readonly string[]): CommandMatch | null {
  return resolveCommand(tokens)?.match ?? null;
}

/** A command by its canonical name or one of its aliases, exactly ("docker cp" → docker container cp). */
export function findCommand(name: string): CatalogCommand | undefined {
  return commandBySpelling.get(name.trim().split(/\s+/).join(" ").toLowerCase());
}

// ---------------------------------------------------------------------------------------------------------
// "Did you mean"
// ---------------------------------------------------------------------------------------------------------

/** The command words of a text: no prompt, no flags, nothing after a pipe or comment. */
function commandWords(text: string): string[] {
  const out: string[] = [];
  const body = text.slice(0, 2000).replace(/^\s*[$#]\s+/, "");
  for (const w of body.split(/\s+/)) {
    if (!w) continue;
    if (isOperatorWord(w) || w.startsWith("#") || w.startsWith("//")) break;
    if (w.startsWith("-")) continue;
    out.push(w.toLowerCase());
    if (out.length >= 6) break;
  }
  return out;
}

interface Candidate {
  command: CatalogCommand;
  words: string[];
  distance: number;
}

function scoreSpelling(typed: string[], spelling: string[]): number | undefined {
  if (typed.length < spelling.length) return undefined;
  let total = 0;
  for (let k = 0; k < spelling.length; k++) {
    const t = typed[k] ?? "";
    const s = spelling[k] ?? "";
    if (t === s) continue;
    if (k === 0 && OTHER_TOOLS.has(t)) return undefined;
    const bound = typoBound(t);
    const d = editDistance(t, s, bound);
    if (d > bound) return undefined;
    total += d;
  }
  return total;
}

/**
 * "Did you mean" canonical command names for a text, closest first. Text without a docker/kubectl
 * tool word is compared exactly with the words after the tool ("cp" → docker container cp, kubectl cp).
 * Returns [] when nothing is plausible ("git rebase").
 */
let spellingList: { command: CatalogCommand; words: string[] }[] | undefined;

/** Every spelling of every command (name and aliases) as words, split once. */
function spellingWords(): { command: CatalogCommand; words: string[] }[] {
  spellingList ??= allCommands.flatMap((command) =>
    [command.name, ...command.aliases].map((spelling) => ({ command, words: spelling.split(" ") })),
  );
  return spellingList;
}

export function suggestCommands(text: string, limit = 5): string[] {
  if (limit <= 0) return [];
  const typed = commandWords(text);
  if (typed.length === 0) return [];
  const first = typed[0] ?? "";
  const hasTool = [...roots.keys()].some((tool) => scoreSpelling([first], [tool]) !== undefined);

  const candidates: Candidate[] = [];
  for (const { command, words } of spellingWords()) {
    // Without a tool word ("rollout undo"), a spelling counts only when its words after the tool are typed.
    if (!hasTool && (words.length < 2 || words[1] !== first)) continue;
    const distance = hasTool
      ? scoreSpelling(typed, words)
      : words.slice(1).every((w, k) => typed[k] === w)
        ? 0
        : undefined;
    if (distance !== undefined) candidates.push({ command, words, distance });
  }
  // A group ("docker compose") is not worth suggesting when one of its subcommands matched as well.
  const kept = candidates.filter(
    (c) =>
      !candidates.some((o) => o.words.length > c.words.length && c.words.every((w, k) => o.words[k] === w)),
  );
  kept.sort(
    (a, b) =>
      a.distance - b.distance ||
      b.words.length - a.words.length ||
      a.command.name.localeCompare(b.command.name),
  );
  const names: string[] = [];
  const match = hasTool ? matchCommand(typed) : null;
  // With a resolved command, only equally close alternatives are worth a mention.
  let within = Number.POSITIVE_INFINITY;
  if (match) {
    names.push(match.canonical);
    const own = candidates.filter((c) => c.command === match.command).map((c) => c.distance);
    within = own.length > 0 ? Math.min(...own) : 0;
  }
  for (const c of kept) {
    if (c.distance > within) break;
    if (match && c.command === match.command) continue;
    if (!names.includes(c.command.name)) names.push(c.command.name);
  }
  return names.slice(0, limit);
}

let catalogWords: Set<string> | undefined;

/**
 * Is this (stemmed) word part of the catalog's English vocabulary? Such a word is technical English the
 * bot knows; absent from the notes, it says less about the topic than a word nobody here uses.
 */
export function isCatalogWord(word: string): boolean {
  if (!catalogWords) {
    // The hand-written layer's English: the vocabulary a newcomer meets, as before the reference grew.
    const text = [
      ...handWrittenCommands.flatMap((c) => [
        c.summary.en,
        ...c.flags.map((f) => f.summary.en),
        ...c.args.map((a) => a.summary.en),
      ]),
      ...allResources.map((r) => r.summary.en),
    ].join(" ");
    // English only, so a plain split (and the same stemming as the index) does; the segmenter is slow here.
    catalogWords = new Set((text.toLowerCase().match(/[a-z]+/g) ?? []).map(stem));
  }
  return catalogWords.has(word);
}

/** How many other commands an unknown flag's note names. */
const MAX_ALSO_IN = 3;

/**
 * Commands of `command`'s tool that do have the flag typed as `text` (`--dry-run`, `-T`): siblings first
 * (`kubectl rollout undo` for `kubectl rollout restart`), then `docker buildx build` for `docker image build`
 * (the BuildKit builder that `docker build` runs when buildx is installed), then any other.
 */
export function commandsWithFlag(command: CatalogCommand, text: string): string[] {
  const { name } = splitAtEquals(text.replace(/^--?/, ""));
  if (!name) return [];
  const long = text.startsWith("--") || Array.from(name).length > 1;
  const has = (c: CatalogCommand) =>
    c.flags.some((f) => (long ? f.long === name : f.short === name) && !f.hidden);
  const parent = command.name.split(" ").slice(0, -1).join(" ");
  const others = allCommands.filter((c) => c.tool === command.tool && c !== command && has(c));
  const near = others.filter(
    (c) =>
      c.name.split(" ").slice(0, -1).join(" ") === parent ||
      (command.name === "docker image build" && c.name === "docker buildx build"),
  );
  return (near.length > 0 ? near : others).slice(0, MAX_ALSO_IN).map((c) => c.name);
}
