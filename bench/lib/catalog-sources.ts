import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type {
  SnapshotCommand,
  SnapshotFlag,
  SnapshotKind,
  SnapshotSource,
} from "../../src/knowledge/catalog/snapshot-schema.js";

// Readers of the CLIs' own generated references, used at development time by `npm run catalog:update`
// and by the coverage measurement. Nothing here runs inside the bot.
//
//  docker CLI  docker/cli        docs/reference/commandline/*.md (cli-docs-tool tables) + cli/command/**/*.go
//                                (usage lines, `SetInterspersed(false)`, and the flags the tables leave out
//                                because they are marked deprecated or hidden)
//  compose     docker/compose    docs/reference/docker_compose*.yaml (cli-docs-tool YAML: hidden/deprecated)
//  buildx      docker/buildx     docs/reference/buildx*.md (cli-docs-tool tables, usage block)
//  kubectl     the kubectl binary `kubectl <command> --help` and `kubectl options`

/** A folder of a source: a work tree, or a bare git directory read at HEAD. */
export class SourceTree {
  private readonly bare: boolean;
  constructor(readonly root: string) {
    this.bare = !existsSync(path.join(root, ".git")) && existsSync(path.join(root, "HEAD"));
  }

  private git(args: string[]): string {
    const where = this.bare ? ["--git-dir", this.root] : ["-C", this.root];
    return execFileSync("git", [...where, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  }

  /** Files directly in `dir` (relative to the root) whose name matches. */
  list(dir: string, pattern: RegExp): string[] {
    const names = this.bare
      ? this.git(["ls-tree", "--name-only", "HEAD", `${dir}/`])
          .split("\n")
          .map((p) => path.basename(p))
      : readdirSync(path.join(this.root, dir));
    return names.filter((n) => pattern.test(n)).sort();
  }

  /** Files anywhere under `dir` whose name matches, as paths relative to the root. */
  listDeep(dir: string, pattern: RegExp): string[] {
    if (this.bare)
      return this.git(["ls-tree", "-r", "--name-only", "HEAD", `${dir}/`])
        .split("\n")
        .filter((p) => pattern.test(path.basename(p)));
    const out: string[] = [];
    const walk = (rel: string) => {
      for (const name of readdirSync(path.join(this.root, rel))) {
        const child = path.join(rel, name);
        if (statSync(path.join(this.root, child)).isDirectory()) walk(child);
        else if (pattern.test(name)) out.push(child);
      }
    };
    walk(dir);
    return out.sort();
  }

  read(file: string): string {
    return this.bare ? this.git(["show", `HEAD:${file}`]) : readFileSync(path.join(this.root, file), "utf8");
  }

  /** `git describe` and the commit of HEAD. */
  version(): { version: string; commit: string } {
    const commit = this.git(["rev-parse", "HEAD"]).trim();
    let version = commit.slice(0, 12);
    try {
      version = this.git(["describe", "--tags"]).trim();
    } catch {
      // An untagged checkout: the commit is the version.
    }
    return { version, commit };
  }

  /** The licence named by the LICENSE file's first lines. */
  licence(): string {
    const text = this.read("LICENSE");
    if (/Apache License[\s\S]{0,80}Version 2\.0/.test(text)) return "Apache-2.0";
    if (/MIT License/.test(text)) return "MIT";
    throw new Error(`${this.root}: unknown licence`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Text clean-up
// ---------------------------------------------------------------------------------------------------------

/** Longest one-line description kept in the snapshot; the bot shows one line. */
const MAX_DESCRIPTION = 200;

/** One plain line from markdown/help text: no links, no code ticks, no HTML breaks, first line only. */
export function oneLine(text: string): string {
  let s = text
    .replace(/<br\s*\/?>[\s\S]*$/i, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`/g, "")
    .replace(/\\\|/g, "|")
    .split("\n")[0]
    ?.trim()
    .replace(/\s+/g, " ");
  s = s ?? "";
  if (s.length > MAX_DESCRIPTION) s = `${s.slice(0, MAX_DESCRIPTION - 1).replace(/\s+\S*$/, "")}…`;
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// cli-docs-tool markdown (docker/cli, buildx)
// ---------------------------------------------------------------------------------------------------------

interface MdPage {
  short: string;
  aliases: string[];
  subcommands: string[];
  flags: SnapshotFlag[];
  usage?: string;
}

function tableRows(section: string): string[][] {
  return section
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|\s*:?-/.test(l))
    .slice(1)
    .map((l) =>
      l
        .replace(/\\\|/g, "\u0000")
        .split("|")
        .slice(1, -1)
        .map((c) => c.replace(/\u0000/g, "\\|").trim()),
    );
}

function sectionOf(body: string, heading: string): string {
  const at = body.indexOf(`### ${heading}`);
  if (at < 0) return "";
  const rest = body.slice(at + heading.length + 4);
  const next = rest.search(/\n#{2,3} /);
  return next < 0 ? rest : rest.slice(0, next);
}

function codeNames(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? "");
}

/** cli-docs-tool's value types with no value: booleans only. */
function takesValue(type: string): boolean {
  return type !== "bool" && type !== "";
}

export function parseMdPage(text: string): MdPage | undefined {
  const start = text.indexOf("<!---MARKER_GEN_START-->");
  const end = text.indexOf("<!---MARKER_GEN_END-->");
  if (start < 0 || end < 0) return undefined;
  const body = text.slice(start + 24, end);
  const short = oneLine(body.trim().split("\n")[0] ?? "");
  const aliases = codeNames(sectionOf(body, "Aliases"));
  const subcommands = tableRows(sectionOf(body, "Subcommands")).map((r) => codeNames(r[0] ?? "")[0] ?? "");
  const flags: SnapshotFlag[] = [];
  for (const row of tableRows(sectionOf(body, "Options"))) {
    const names = codeNames(row[0] ?? "");
    const type = (row[1] ?? "").replace(/`/g, "");
    const flag: SnapshotFlag = { description: oneLine(row[3] ?? ""), takesValue: takesValue(type) };
    for (const n of names) {
      if (n.startsWith("--")) flag.long = n.slice(2);
      else if (n.startsWith("-")) flag.short = n.slice(1);
    }
    if (type && flag.takesValue) flag.valueType = type;
    if (/\bdeprecated\b/i.test(row[3] ?? "")) flag.deprecated = true;
    if (flag.long || flag.short) flags.push(flag);
  }
  const usage = /```text\n([^\n]+)\n```/.exec(text.slice(0, start))?.[1]?.trim();
  return { short, aliases, subcommands, flags, ...(usage ? { usage } : {}) };
}

// ---------------------------------------------------------------------------------------------------------
// docker/cli Go sources: usage lines, interspersed options, deprecated and hidden flags
// ---------------------------------------------------------------------------------------------------------

interface GoCommand {
  use: string;
  short: string;
  aliases: string[];
  interspersed: boolean;
}

interface GoFile {
  commands: GoCommand[];
  /** Flags this file marks deprecated or hidden, with their definitions from the same file. */
  marked: SnapshotFlag[];
  /** Long names of all the flags the file defines. */
  defined: string[];
}

const GO_STRING = /"((?:[^"\\]|\\.)*)"|`([^`]*)`/;
const GO_FLAG_DEF = new RegExp(
  String.raw`\.(Bool|String|StringSlice|StringArray|Int|Int64|Uint|Uint64|Float64|Duration|Var)(?:Var)?(P)?\(` +
    String.raw`(?:[^,()]+(?:\([^()]*\))?,\s*)?"([\w-]+)"(?:,\s*"(\w?)")?,\s*([^\n]*)`,
  "g",
);

function goString(s: string): string {
  const m = GO_STRING.exec(s);
  return (m?.[1] ?? m?.[2] ?? "").replace(/\\"/g, '"');
}

export function parseGoFile(text: string): GoFile {
  const commands: GoCommand[] = [];
  for (const m of text.matchAll(
    /Use:\s+("[^"]*"|`[^`]*`),[\s\S]{0,200}?Short:\s+("(?:[^"\\]|\\.)*"|`[^`]*`)/g,
  )) {
    const after = text.slice(m.index ?? 0, (m.index ?? 0) + 3000);
    const aliases = /"aliases":\s*"([^"]+)"/.exec(after)?.[1];
    commands.push({
      use: goString(m[1] ?? ""),
      short: goString(m[2] ?? ""),
      aliases: aliases ? aliases.split(",").map((a) => a.trim()) : [],
      interspersed: !/SetInterspersed\(false\)/.test(after),
    });
  }
  const defs = new Map<string, SnapshotFlag>();
  for (const m of text.matchAll(GO_FLAG_DEF)) {
    const kind = m[1] ?? "";
    const long = m[3] ?? "";
    const short = m[2] ? (m[4] ?? "") : "";
    // The description is the last string argument of the call.
    const strings = [...(m[5] ?? "").matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`/g)];
    const last = strings[strings.length - 1];
    const description = oneLine((last?.[1] ?? last?.[2] ?? "").replace(/\\"/g, '"'));
    defs.set(long, {
      long,
      ...(short ? { short } : {}),
      takesValue: kind !== "Bool",
      ...(kind !== "Bool" && kind !== "Var" ? { valueType: kind.toLowerCase() } : {}),
      description,
    });
  }
  const marked: SnapshotFlag[] = [];
  for (const m of text.matchAll(/Mark(Deprecated|Hidden)\("([\w-]+)"/g)) {
    const def = defs.get(m[2] ?? "");
    if (!def) continue;
    // pflag's MarkDeprecated also hides the flag from the help.
    if (m[1] === "Deprecated") def.deprecated = true;
    def.hidden = true;
    if (!marked.includes(def)) marked.push(def);
  }
  return { commands, marked, defined: [...defs.keys()] };
}

// ---------------------------------------------------------------------------------------------------------
// docker/cli
// ---------------------------------------------------------------------------------------------------------

const DOCKER_CLI_DOCS = "docs/reference/commandline";

/** Share of a Go file's flags a command must show to receive the file's hidden/deprecated flags. */
const SHARED_FLAGS_SHARE = 0.8;

export function readDockerCli(tree: SourceTree): {
  commands: SnapshotCommand[];
  globalFlags: SnapshotFlag[];
} {
  const pages = new Map<string, MdPage>();
  for (const file of tree.list(DOCKER_CLI_DOCS, /\.md$/)) {
    if (file === "index.md") continue;
    const page = parseMdPage(tree.read(`${DOCKER_CLI_DOCS}/${file}`));
    if (page) pages.set(file.replace(/\.md$/, ""), page);
  }
  const goFiles = tree.listDeep("cli/command", /\.go$/).filter((f) => !f.endsWith("_test.go"));
  const go = goFiles.map((f) => parseGoFile(tree.read(f)));
  const byShort = new Map<string, { cmd: GoCommand; file: GoFile }[]>();
  for (const file of go)
    for (const cmd of file.commands) {
      const list = byShort.get(cmd.short) ?? [];
      list.push({ cmd, file });
      byShort.set(cmd.short, list);
    }

  const root = pages.get("docker");
  const commands = new Map<string, SnapshotCommand>();
  for (const [file, page] of pages) {
    if (file === "docker") continue;
    const typed = `docker ${file.replace(/_/g, " ")}`;
    // `ps.md` documents `docker ps`, an alias of `docker container ls`: the first alias is the canonical name.
    const canonical = page.aliases[0] ?? typed;
    const existing = commands.get(canonical);
    if (existing) {
      if (!existing.aliases.includes(typed) && typed !== canonical) existing.aliases.push(typed);
      continue;
    }
    const words = canonical.split(" ");
    const last = words[words.length - 1] ?? "";
    const goCmd = (byShort.get(page.short) ?? []).find(
      (g) => g.cmd.use.split(" ")[0] === last || g.cmd.aliases.includes(canonical),
    );
    const flags = [...page.flags];
    for (const f of go) {
      if (f.marked.length === 0) continue;
      const own = goCmd && f === goCmd.file;
      const visible = f.defined.filter((d) => !f.marked.some((m) => m.long === d));
      const shared =
        visible.length > 0 &&
        visible.filter((d) => page.flags.some((p) => p.long === d)).length / visible.length >=
          SHARED_FLAGS_SHARE &&
        f.commands.length === 0;
      if (!own && !shared) continue;
      for (const m of f.marked) if (!flags.some((x) => x.long === m.long)) flags.push({ ...m });
    }
    commands.set(canonical, {
      tool: "docker",
      source: "docker-cli",
      name: canonical,
      aliases: [
        ...page.aliases.filter((a) => a !== canonical),
        ...(typed !== canonical ? [typed] : []),
      ].filter((a, i, all) => all.indexOf(a) === i),
      summary: page.short,
      ...(goCmd ? { usage: `${words.slice(0, -1).join(" ")} ${goCmd.cmd.use}` } : {}),
      ...(page.subcommands.length > 0 ? { group: true } : {}),
      ...(goCmd && !goCmd.cmd.interspersed ? { flagsBeforeArgsOnly: true } : {}),
      flags,
    });
  }
  return { commands: [...commands.values()], globalFlags: root?.flags ?? [] };
}

// ---------------------------------------------------------------------------------------------------------
// docker/buildx
// ---------------------------------------------------------------------------------------------------------

const BUILDX_DOCS = "docs/reference";

/** Names that the docker CLI itself owns: buildx lists them as its aliases, but docker/cli documents them. */
function ownedByCli(alias: string, cli: readonly SnapshotCommand[]): boolean {
  return cli.some((c) => c.name === alias || c.aliases.includes(alias));
}

export function readBuildx(tree: SourceTree, cli: readonly SnapshotCommand[]): SnapshotCommand[] {
  const out: SnapshotCommand[] = [];
  for (const file of tree.list(BUILDX_DOCS, /^buildx.*\.md$/)) {
    const page = parseMdPage(tree.read(`${BUILDX_DOCS}/${file}`));
    if (!page) continue;
    const name = `docker ${file.replace(/\.md$/, "").replace(/_/g, " ")}`;
    out.push({
      tool: "docker",
      source: "buildx",
      name,
      aliases: page.aliases.filter((a) => a !== name && !ownedByCli(a, cli)),
      summary: page.short,
      ...(page.usage ? { usage: page.usage } : {}),
      ...(page.subcommands.length > 0 ? { group: true } : {}),
      flags: page.flags,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// docker/compose (YAML)
// ---------------------------------------------------------------------------------------------------------

const COMPOSE_DOCS = "docs/reference";

const yamlOption = z.object({
  option: z.string(),
  shorthand: z.string().optional(),
  value_type: z.string().default("bool"),
  description: z.string().default(""),
  deprecated: z.boolean().default(false),
  hidden: z.boolean().default(false),
});
const yamlCommand = z.object({
  command: z.string(),
  aliases: z.string().optional(),
  short: z.string().default(""),
  usage: z.string().optional(),
  cname: z.array(z.string()).optional(),
  options: z.array(yamlOption).default([]),
  inherited_options: z.array(yamlOption).default([]),
  deprecated: z.boolean().default(false),
  hidden: z.boolean().default(false),
});

function yamlFlag(o: z.infer<typeof yamlOption>, inherited: boolean): SnapshotFlag {
  const value = takesValue(o.value_type);
  return {
    long: o.option,
    ...(o.shorthand ? { short: o.shorthand } : {}),
    takesValue: value,
    ...(value ? { valueType: o.value_type } : {}),
    description: oneLine(o.description),
    ...(o.deprecated || /^deprecated\b/i.test(o.description) ? { deprecated: true } : {}),
    ...(o.hidden ? { hidden: true } : {}),
    ...(inherited ? { inherited: true } : {}),
  };
}

export function readCompose(tree: SourceTree): SnapshotCommand[] {
  const out: SnapshotCommand[] = [];
  const docs = tree
    .list(COMPOSE_DOCS, /^docker_compose.*\.yaml$/)
    .map((file) => yamlCommand.parse(parseYaml(tree.read(`${COMPOSE_DOCS}/${file}`))));
  // A page no parent lists is left over from an older release (`docker_compose_convert.yaml`).
  const listed = new Set(docs.flatMap((d) => d.cname ?? []));
  for (const doc of docs) {
    if (doc.command !== "docker compose" && !listed.has(doc.command)) continue;
    const aliases = (doc.aliases ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean);
    // `docker compose convert` is documented under its alias `config`, the name people type: the first alias.
    const name = aliases[0] ?? doc.command;
    out.push({
      tool: "docker",
      source: "compose",
      name,
      aliases: [...aliases.slice(1), ...(doc.command !== name ? [doc.command] : [])].filter(
        (a) => a !== name,
      ),
      summary: oneLine(doc.short),
      // One usage line: `cp` documents two forms, one per line.
      ...(doc.usage ? { usage: (doc.usage.split("\n")[0] ?? "").trim() } : {}),
      ...((doc.cname ?? []).length > 0 ? { group: true } : {}),
      ...(doc.deprecated ? { deprecated: true } : {}),
      ...(doc.hidden ? { hidden: true } : {}),
      flags: [
        ...doc.options.map((o) => yamlFlag(o, false)),
        ...doc.inherited_options.map((o) => yamlFlag(o, true)),
      ],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// kubectl --help
// ---------------------------------------------------------------------------------------------------------

/** kubectl flags whose value may be left out (pflag NoOptDefVal): `--dry-run` is `--dry-run=unchanged`. */
const KUBECTL_OPTIONAL_VALUE = new Set(["dry-run", "validate"]);

interface KubectlHelp {
  summary: string;
  usage?: string;
  aliases: string[];
  subcommands: string[];
  flags: SnapshotFlag[];
}

export function parseKubectlOptions(section: string): SnapshotFlag[] {
  const flags: SnapshotFlag[] = [];
  const lines = section.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s{4}(?:-(\w), )?--([\w-]+)=(.*):$/.exec(lines[i] ?? "");
    if (!m) continue;
    const long = m[2] ?? "";
    const dflt = m[3] ?? "";
    const description: string[] = [];
    for (let j = i + 1; j < lines.length && (lines[j] ?? "").startsWith("\t"); j++)
      description.push((lines[j] ?? "").trim());
    const bool = dflt === "true" || dflt === "false";
    const text = description.join(" ");
    flags.push({
      long,
      ...(m[1] ? { short: m[1] } : {}),
      takesValue: !bool,
      ...(!bool
        ? { valueType: dflt.startsWith("[") ? "list" : dflt.startsWith("'") ? "string" : "value" }
        : {}),
      ...(KUBECTL_OPTIONAL_VALUE.has(long) && !bool ? { optionalValue: true } : {}),
      description: oneLine(text),
      ...(/\bDEPRECATED\b|\bdeprecated\b[^.]*\bremoved\b|^Deprecated\b/.test(text)
        ? { deprecated: true }
        : {}),
    });
  }
  return flags;
}

function between(text: string, start: RegExp, end: RegExp): string {
  const m = start.exec(text);
  if (!m) return "";
  const rest = text.slice((m.index ?? 0) + m[0].length);
  const e = end.exec(rest);
  return e ? rest.slice(0, e.index) : rest;
}

export function parseKubectlHelp(text: string): KubectlHelp {
  const summary = oneLine(text.trim().split("\n")[0] ?? "");
  const usage = /\nUsage:\n\s+(.+)\n/.exec(text)?.[1]?.trim();
  const aliases = (/\nAliases:\n(.+)\n/.exec(text)?.[1] ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  const commandsBlock = between(
    text,
    /\n(?:Available Commands|[A-Z][\w ()]*Commands[\w ()]*):\n/,
    /\n(?:Options|Usage):\n/,
  );
  const subcommands = [...commandsBlock.matchAll(/^ {2}([a-z][\w-]*)\s{2,}/gm)].map((m) => m[1] ?? "");
  const flags = parseKubectlOptions(between(text, /\nOptions:\n/, /\nUsage:\n/));
  return { summary, ...(usage ? { usage } : {}), aliases, subcommands, flags };
}

/** A flag the help leaves out, to try on the binary: `kubectl apply --record` is deprecated, so hidden. */
export interface FlagCandidate {
  long: string;
  short?: string;
  takesValue: boolean;
  description: string;
}

/**
 * The kubectl command tree, walked through `--help`. KUBECONFIG points nowhere, so nothing is contacted.
 * pflag leaves deprecated and hidden flags out of the help; `candidates` names flags to try on a command
 * (`kubectl apply --record --help`): cobra then warns "Flag --record has been deprecated", accepts a hidden
 * one silently, and refuses one that does not exist ("unknown flag").
 */
export function readKubectl(
  binary: string,
  candidates: (command: string) => FlagCandidate[] = () => [],
): {
  commands: SnapshotCommand[];
  globalFlags: SnapshotFlag[];
  version: string;
} {
  const env = { ...process.env, KUBECONFIG: "/nonexistent/kubeconfig", KUBECTL_KUBERC: "false" };
  const run = (args: string[]) =>
    execFileSync(binary, args, { encoding: "utf8", env, maxBuffer: 16 * 1024 * 1024 });
  const probe = (args: string[]): { ok: boolean; stderr: string } => {
    try {
      const r = spawnSync(binary, args, { encoding: "utf8", env, timeout: 10_000 });
      return { ok: r.status === 0, stderr: r.stderr ?? "" };
    } catch {
      return { ok: false, stderr: "" };
    }
  };
  const version = /Client Version: (\S+)/.exec(run(["version", "--client"]))?.[1] ?? "unknown";
  const globalFlags = parseKubectlOptions(run(["options"]));
  const commands: SnapshotCommand[] = [];
  const visit = (words: string[], parentSpellings: string[]) => {
    const help = parseKubectlHelp(run([...words, "--help"]));
    const name = ["kubectl", ...words].join(" ");
    const own = words.length > 0 ? [words[words.length - 1] ?? "", ...help.aliases] : [];
    const spellings =
      words.length === 0 ? ["kubectl"] : parentSpellings.flatMap((p) => own.map((w) => `${p} ${w}`));
    if (words.length > 0) {
      const flags = [...help.flags];
      for (const c of candidates(name)) {
        if (
          c.long === "help" ||
          flags.some((f) => f.long === c.long) ||
          globalFlags.some((f) => f.long === c.long)
        )
          continue;
        const tried = probe([...words, c.takesValue ? `--${c.long}=x` : `--${c.long}`, "--help"]);
        if (/unknown flag/.test(tried.stderr) || !tried.ok) continue;
        const deprecated = /has been deprecated/.test(tried.stderr);
        flags.push({
          long: c.long,
          ...(c.short ? { short: c.short } : {}),
          takesValue: c.takesValue,
          description: c.description,
          hidden: true,
          ...(deprecated ? { deprecated: true } : {}),
        });
      }
      commands.push({
        tool: "kubectl",
        source: "kubectl",
        name,
        aliases: spellings.filter((s) => s !== name),
        summary: help.summary,
        ...(help.usage ? { usage: help.usage } : {}),
        ...(help.subcommands.length > 0 ? { group: true } : {}),
        flags,
      });
    }
    for (const sub of help.subcommands) if (sub !== "help") visit([...words, sub], spellings);
  };
  visit([], []);
  return { commands, globalFlags, version };
}

/**
 * One entry per command name. docker/cli documents `docker bake` under the name `docker buildx bake`,
 * which buildx documents too: the tool's own page wins (buildx for `docker buildx …`, else the first),
 * and the other page's spellings become aliases.
 */
export function combineSources(lists: readonly SnapshotCommand[][]): SnapshotCommand[] {
  const byName = new Map<string, SnapshotCommand>();
  for (const c of lists.flat()) {
    const seen = byName.get(c.name);
    if (!seen) {
      byName.set(c.name, { ...c, aliases: [...c.aliases] });
      continue;
    }
    const owner = c.name.startsWith("docker buildx") && c.source === "buildx" ? c : seen;
    const other = owner === c ? seen : c;
    const aliases = [...new Set([...owner.aliases, ...other.aliases])].filter((a) => a !== owner.name);
    byName.set(c.name, { ...owner, aliases });
  }
  // A spelling two pages claim (`docker buildx b` on both `buildx build` and `buildx debug build`) goes
  // to the command that stands beside it in the tree, and no alias may shadow a command's own name.
  const parent = (words: string) => words.split(" ").slice(0, -1).join(" ");
  const claims = new Map<string, SnapshotCommand[]>();
  for (const c of byName.values()) for (const a of c.aliases) claims.set(a, [...(claims.get(a) ?? []), c]);
  for (const [alias, claimants] of claims) {
    const keep = byName.has(alias)
      ? undefined
      : (claimants.find((c) => parent(c.name) === parent(alias)) ?? claimants[0]);
    for (const c of claimants) if (c !== keep) c.aliases = c.aliases.filter((a) => a !== alias);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Preference among API versions of a kind: stable first, then the newest beta, then alpha. */
function versionRank(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return 1e6;
  const major = Number(m[1]);
  const stage = m[2] === undefined ? 0 : m[2] === "beta" ? 1 : 2;
  return stage * 1e4 - major * 100 - Number(m[3] ?? 0);
}

/**
 * The built-in object kinds with their API group, from the kubernetes-models package's folders
 * (`apps/v1/Deployment.js`; `v1/` is the core group). A kind is an object type when its List type exists.
 */
export function readKubernetesKinds(dir: string): SnapshotKind[] {
  const best = new Map<string, SnapshotKind>();
  const groups = readdirSync(dir).filter(
    (g) => /^[a-z0-9.]+$/.test(g) && statSync(path.join(dir, g)).isDirectory(),
  );
  for (const g of groups) {
    const versions = /^v\d/.test(g) ? [g] : readdirSync(path.join(dir, g)).filter((v) => /^v\d/.test(v));
    for (const v of versions) {
      const folder = /^v\d/.test(g) ? path.join(dir, g) : path.join(dir, g, v);
      const files = new Set(readdirSync(folder));
      for (const f of files) {
        const kind = /^([A-Z]\w*)\.js$/.exec(f)?.[1];
        if (!kind || kind.endsWith("List") || !files.has(`${kind}List.js`)) continue;
        const entry = { kind, group: /^v\d/.test(g) ? "" : g, version: v };
        const seen = best.get(kind);
        // The same kind in two groups (Event: core and events.k8s.io): kubectl reads the core one first.
        const better =
          !seen ||
          versionRank(v) < versionRank(seen.version) ||
          (versionRank(v) === versionRank(seen.version) && entry.group === "" && seen.group !== "");
        if (better) best.set(kind, entry);
      }
    }
  }
  return [...best.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

export function sourceRecord(
  id: string,
  name: string,
  url: string,
  licence: string,
  version: string,
  commit?: string,
): SnapshotSource {
  return { id, name, url, licence, version, ...(commit ? { commit } : {}) };
}
