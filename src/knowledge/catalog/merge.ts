import type { SnapshotCommand, SnapshotFlag } from "./snapshot.js";
import type { Bilingual, CatalogArg, CatalogCommand, CatalogFlag, Tool } from "./types.js";

// The catalog the bot reads: the generated reference (names, aliases, flags, which flags take a value,
// deprecated and hidden ones) with the hand-written layer on top (en/ja one-liners a newcomer meets,
// declared arguments, how kubectl verbs read a resource). The reference decides what exists; the
// hand-written layer only describes. test/knowledge/catalog-layer.test.ts fails when they disagree.

/** Japanese text shown where only the reference's English one-liner exists: said so, never blank. */
export const ENGLISH_ONLY_JA = "（英語のみ）";

/** Other spellings of a command kept by hand although no reference lists them: the standalone binary. */
export const EXTRA_SPELLING = /^docker-compose(?: |$)/;

export interface HandLayer {
  commands: readonly CatalogCommand[];
  globalFlags: Record<Tool, readonly CatalogFlag[]>;
}

export interface MergedCatalog {
  commands: CatalogCommand[];
  globalFlags: Record<Tool, CatalogFlag[]>;
}

function fromEnglish(en: string): Bilingual {
  return { en, ja: `${ENGLISH_ONLY_JA}${en}`, jaFromEnglish: true };
}

/** The hand-written flag that describes this reference flag: same long name, else same short name. */
export function describedBy(flag: SnapshotFlag, hand: readonly CatalogFlag[]): CatalogFlag | undefined {
  if (flag.long) {
    const byLong = hand.find((h) => h.long === flag.long);
    if (byLong) return byLong;
    return hand.find((h) => !h.long && flag.short !== undefined && h.short === flag.short);
  }
  return hand.find((h) => !h.long && h.short === flag.short);
}

function mergeFlag(flag: SnapshotFlag, hand: readonly CatalogFlag[]): CatalogFlag {
  const h = describedBy(flag, hand);
  const valueName = h?.valueName ?? flag.valueType ?? "value";
  return {
    ...(flag.long ? { long: flag.long } : {}),
    ...(flag.short ? { short: flag.short } : {}),
    takesValue: flag.takesValue,
    ...(flag.takesValue && valueName ? { valueName } : {}),
    ...(flag.optionalValue || (flag.takesValue && h?.optionalValue) ? { optionalValue: true } : {}),
    ...(flag.deprecated || h?.deprecated ? { deprecated: true } : {}),
    ...(flag.hidden ? { hidden: true } : {}),
    summary: h?.summary ?? fromEnglish(flag.description || flag.long || flag.short || ""),
  };
}

/** cobra's own help flag: `--help` everywhere; kubectl also reads `-h` (docker's `-h` is often a flag). */
const HELP: Record<Tool, SnapshotFlag> = {
  docker: { long: "help", takesValue: false, description: "Print usage" },
  kubectl: { long: "help", short: "h", takesValue: false, description: "Print usage" },
};

/** cobra's flags of the `docker` root that the reference's option table leaves out. */
const DOCKER_BUILT_IN: SnapshotFlag[] = [
  { long: "version", short: "v", takesValue: false, description: "Print version information and quit" },
  HELP.docker,
];

const ARG_WORD = /^[A-Z][A-Z0-9_:@.=-]*$/;

/** Positional arguments read off a usage line: `exec [OPTIONS] SERVICE COMMAND [ARGS...]`. */
export function argsFromUsage(usage: string): CatalogArg[] {
  const out: CatalogArg[] = [];
  let depth = 0;
  const tail = usage.replace(/\|/g, " | ");
  for (const raw of tail.split(/\s+/)) {
    const optional = depth > 0 || raw.startsWith("[");
    depth = Math.max(0, depth + (raw.match(/[[(]/g) ?? []).length - (raw.match(/[\])]/g) ?? []).length);
    const name = raw.replace(/[[\]()]/g, "").replace(/\.{3}$/, "");
    if (!ARG_WORD.test(name) || name === "OPTIONS" || raw.startsWith("-")) continue;
    if (out.some((a) => a.name === name)) continue;
    out.push({
      name,
      ...(optional ? { optional: true } : {}),
      ...(raw.includes("...") ? { variadic: true } : {}),
      summary: { en: `an argument of \`${usage}\``, ja: `\`${usage}\` の引数`, jaFromEnglish: true },
    });
  }
  return out;
}

const RESOURCE_TYPE_ARG: CatalogArg = {
  name: "TYPE",
  summary: {
    en: "Resource type, alone or as TYPE/NAME (deployment, deploy/web)",
    ja: "リソースの種類。単独または TYPE/NAME の形（deployment、deploy/web）",
  },
};

/** kubectl verbs whose first argument names a resource type: `RESOURCE`, `TYPE`, `(TYPE[.VERSION]…`. */
function readsResource(command: SnapshotCommand): boolean {
  if (command.tool !== "kubectl" || !command.usage) return false;
  const rest = command.usage.split(/\s+/).slice(command.name.split(" ").length);
  const first = rest.find((w) => !/^\[?-|^\[?OPTIONS|^\[options\]|^\[flags\]/i.test(w));
  return first !== undefined && /^[[(]*(?:TYPE|RESOURCE|KIND)\b/.test(first);
}

/** `target` with a property computed on first read, then kept (enumerable, so spreads and tests see it). */
function lazily<T extends object, K extends string, V>(target: T, key: K, make: () => V): T & Record<K, V> {
  let value: V | undefined;
  let made = false;
  return Object.defineProperty(target, key, {
    enumerable: true,
    get: () => {
      if (!made) {
        value = make();
        made = true;
      }
      return value as V;
    },
  }) as T & Record<K, V>;
}

export function mergeCatalog(
  commands: readonly SnapshotCommand[],
  globals: Record<Tool, readonly SnapshotFlag[]>,
  hand: HandLayer,
): MergedCatalog {
  const handBySpelling = new Map<string, CatalogCommand>();
  for (const c of hand.commands)
    for (const s of [c.name, ...c.aliases]) if (!handBySpelling.has(s)) handBySpelling.set(s, c);

  const globalFlags: Record<Tool, CatalogFlag[]> = {
    docker: [...globals.docker, ...DOCKER_BUILT_IN].map((f) => mergeFlag(f, hand.globalFlags.docker)),
    kubectl: globals.kubectl.map((f) => mergeFlag(f, hand.globalFlags.kubectl)),
  };

  const out: CatalogCommand[] = [];
  for (const c of commands) {
    const h = [c.name, ...c.aliases].map((s) => handBySpelling.get(s)).find(Boolean);
    const buildFlags = (): CatalogFlag[] => {
      const handFlags = h?.flags ?? [];
      const flags = c.flags.map((f) => mergeFlag(f, handFlags));
      const longs = new Set(flags.flatMap((f) => (f.long ? [f.long] : [])));
      const shorts = new Set(flags.flatMap((f) => (f.short ? [f.short] : [])));
      const add = (g: CatalogFlag) => {
        if ((g.long && longs.has(g.long)) || (g.short && shorts.has(g.short))) return;
        flags.push(g);
        if (g.long) longs.add(g.long);
        if (g.short) shorts.add(g.short);
      };
      add(mergeFlag(HELP[c.tool], [...handFlags, ...hand.globalFlags[c.tool]]));
      // kubectl's global options are read by every command, after the verb too.
      if (c.tool === "kubectl") for (const g of globalFlags.kubectl) add(g);
      return flags;
    };
    // The hand-written layer may pick which of the reference's spellings is canonical (`docker compose
    // config`, not its alias `convert`), so the notes' commands keep their names.
    const spellings = [c.name, ...c.aliases];
    const name = h && spellings.includes(h.name) ? h.name : c.name;
    const aliases = spellings.filter((s) => s !== name);
    for (const a of h?.aliases ?? []) if (EXTRA_SPELLING.test(a) && !aliases.includes(a)) aliases.push(a);
    if (h && EXTRA_SPELLING.test(h.name)) aliases.push(h.name);
    const takesResource = h ? h.takesResource === true : readsResource(c);
    const buildArgs = (): CatalogArg[] => {
      if (h) return h.args;
      const args = c.usage ? argsFromUsage(c.usage) : [];
      // A verb that reads a resource: its first argument is the TYPE (`deployment`, `deploy/web`).
      if (takesResource) args.splice(0, 1, RESOURCE_TYPE_ARG);
      return args;
    };
    const flagsBeforeArgsOnly = h?.flagsBeforeArgsOnly ?? c.flagsBeforeArgsOnly;
    const command = {
      tool: c.tool,
      name,
      aliases,
      summary: h?.summary ?? fromEnglish(c.summary),
      ...(takesResource ? { takesResource: true } : {}),
      ...(flagsBeforeArgsOnly ? { flagsBeforeArgsOnly: true } : {}),
      ...(c.group ? { group: true } : {}),
      ...(c.deprecated ? { deprecated: true } : {}),
      ...(h ? { handWritten: true } : {}),
      source: c.source,
    };
    // Flags and arguments are put together on first use: a look-up touches a few commands, not 300.
    out.push(lazily(lazily(command, "flags", buildFlags), "args", buildArgs) as CatalogCommand);
  }
  return { commands: out, globalFlags };
}

/**
 * Where the hand-written layer says something the reference does not: a command or alias that does not
 * exist, a flag the command does not have, a flag's short and long forms paired differently, or a value
 * taken where the reference takes none. Empty when they agree.
 */
export function layerDisagreements(
  commands: readonly SnapshotCommand[],
  globals: Record<Tool, readonly SnapshotFlag[]>,
  hand: HandLayer,
): string[] {
  const bySpelling = new Map<string, SnapshotCommand>();
  for (const c of commands) for (const s of [c.name, ...c.aliases]) bySpelling.set(s, c);
  const out: string[] = [];
  const checkFlag = (where: string, f: CatalogFlag, known: readonly SnapshotFlag[]) => {
    const form = f.long ? `--${f.long}` : `-${f.short}`;
    const ref = known.find((k) => (f.long ? k.long === f.long : !k.long && k.short === f.short));
    if (!ref) out.push(`${where} ${form}: no such flag in the reference`);
    else if ((ref.short ?? "") !== (f.short ?? ""))
      out.push(`${where} ${form}: short form -${f.short ?? "∅"}, the reference has -${ref.short ?? "∅"}`);
    else if (ref.takesValue !== f.takesValue)
      out.push(
        `${where} ${form}: the reference says it ${ref.takesValue ? "takes a value" : "takes no value"}`,
      );
  };
  for (const h of hand.commands) {
    const spellings = [h.name, ...h.aliases].filter((s) => !EXTRA_SPELLING.test(s));
    for (const s of spellings) if (!bySpelling.has(s)) out.push(`${s}: no such command in the reference`);
    const ref = spellings.map((s) => bySpelling.get(s)).find(Boolean);
    if (!ref) continue;
    if (spellings.some((s) => bySpelling.get(s) !== ref))
      out.push(`${h.name}: its spellings name different commands in the reference`);
    const known = [...ref.flags, HELP[h.tool], ...(h.tool === "kubectl" ? globals.kubectl : [])];
    for (const f of h.flags) checkFlag(h.name, f, known);
  }
  for (const tool of ["docker", "kubectl"] as const)
    for (const f of hand.globalFlags[tool])
      checkFlag(`${tool} (global)`, f, [...globals[tool], ...(tool === "docker" ? DOCKER_BUILT_IN : [])]);
  return out;
}
