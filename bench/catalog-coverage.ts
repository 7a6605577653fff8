// `npx tsx bench/catalog-coverage.ts [--docker-cli DIR --compose DIR --buildx DIR] [--kubectl BIN]`
//
// How much of the real CLIs the bot's command catalog knows: every command (with its aliases) and every
// flag (long and short form, value or not) of docker (CLI, compose, buildx) and kubectl, looked up through
// the catalog's own functions (findCommand, matchCommand, matchFlag). With source folders it reads the
// CLIs' reference afresh (the same readers as `npm run catalog:update`), so a stale snapshot shows up as
// missing coverage; without, it measures against the checked-in snapshot.

import {
  dockerGlobalFlags,
  findCommand,
  kubectlGlobalFlags,
  matchCommand,
  matchFlag,
} from "../src/knowledge/catalog/index.js";
import type { SnapshotCommand, SnapshotFlag } from "../src/knowledge/catalog/snapshot.js";
import { referenceSnapshot } from "../src/knowledge/catalog/snapshot.js";
import type { CatalogFlag } from "../src/knowledge/catalog/types.js";
import { scriptArgs } from "../test/helpers/script-args.js";
import {
  combineSources,
  readBuildx,
  readCompose,
  readDockerCli,
  readKubectl,
  SourceTree,
} from "./lib/catalog-sources.js";

interface Count {
  known: number;
  total: number;
  missing: string[];
}

const count = (): Count => ({ known: 0, total: 0, missing: [] });

function flagKnown(flags: readonly CatalogFlag[], f: SnapshotFlag): boolean {
  const byLong = f.long ? flags.find((g) => g.long === f.long) : undefined;
  const byShort = f.short ? flags.find((g) => g.short === f.short) : undefined;
  const found = byLong ?? byShort;
  return (
    found !== undefined &&
    (!f.long || byLong === found) &&
    (!f.short || byShort === found) &&
    found.takesValue === f.takesValue
  );
}

function measure(commands: readonly SnapshotCommand[], tool: "docker" | "kubectl") {
  const cmds = count();
  const flags = count();
  for (const c of commands.filter((x) => x.tool === tool)) {
    cmds.total++;
    const target = findCommand(c.name);
    const ok =
      target !== undefined &&
      [c.name, ...c.aliases].every(
        (s) => findCommand(s) === target && matchCommand(s.split(" "))?.command === target,
      );
    if (ok) cmds.known++;
    else cmds.missing.push(c.name);
    for (const f of c.flags) {
      flags.total++;
      const typed = f.long ? `--${f.long}` : `-${f.short}`;
      const read = target ? matchFlag(target, typed)?.flag : undefined;
      if (target && read && flagKnown(target.flags, f)) flags.known++;
      else flags.missing.push(`${c.name} ${typed}`);
    }
  }
  return { cmds, flags };
}

function percent(c: Count): string {
  return `${c.known}/${c.total} (${c.total === 0 ? "–" : ((100 * c.known) / c.total).toFixed(1)} %)`;
}

function main(): void {
  const { values } = scriptArgs(
    {
      options: {
        "docker-cli": { type: "string" },
        compose: { type: "string" },
        buildx: { type: "string" },
        kubectl: { type: "string" },
        verbose: { type: "boolean", default: false },
      },
    },
    "usage: npx tsx bench/catalog-coverage.ts [--docker-cli DIR --compose DIR --buildx DIR] [--kubectl BIN] [--verbose]",
  );
  let commands: SnapshotCommand[];
  let globals: { docker: SnapshotFlag[]; kubectl: SnapshotFlag[] };
  let against: string;
  if (values["docker-cli"] && values.compose && values.buildx) {
    const cli = readDockerCli(new SourceTree(values["docker-cli"]));
    const compose = readCompose(new SourceTree(values.compose));
    const buildx = readBuildx(new SourceTree(values.buildx), cli.commands);
    const kubectl = readKubectl(values.kubectl ?? "kubectl");
    commands = combineSources([cli.commands, compose, buildx, kubectl.commands]);
    globals = { docker: cli.globalFlags, kubectl: kubectl.globalFlags };
    against = `the sources read now (kubectl ${kubectl.version})`;
  } else {
    const snapshot = referenceSnapshot();
    commands = snapshot.commands;
    globals = snapshot.meta.globalFlags;
    against = `the checked-in snapshot (${snapshot.meta.sources.map((s) => `${s.id} ${s.version}`).join(", ")})`;
  }
  console.log(`Catalog coverage against ${against}`);
  for (const tool of ["docker", "kubectl"] as const) {
    const { cmds, flags } = measure(commands, tool);
    console.log(`  ${tool.padEnd(8)} commands ${percent(cmds)}  flags ${percent(flags)}`);
    if (values.verbose) for (const m of [...cmds.missing, ...flags.missing]) console.log(`    missing: ${m}`);
  }
  const g = count();
  for (const [tool, list] of Object.entries(globals)) {
    const known = tool === "docker" ? dockerGlobalFlags : kubectlGlobalFlags;
    for (const f of list) {
      g.total++;
      if (flagKnown(known, f)) g.known++;
      else g.missing.push(`${tool} --${f.long}`);
    }
  }
  console.log(`  global flags ${percent(g)}`);
}

main();
