// npx tsx bench/startup.ts [--runs 5]: what the service's start-up costs, piece by piece, on the built code
// (run `npm run build` first). Each import is timed in a fresh node process (start → exit, minus a bare
// node's start → exit), so a package's cost includes everything it loads; the modules are interleaved run by
// run because the machine is shared. dist/src/main.js is the bundle `npm start` runs
// (scripts/bundle-service.mjs); the other dist/src files are tsc's, one module a file, as the CLI loads them.
// Then, in one process, the phases of opening the tutor on a built index.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../src/core/config.js";
import { countArg, scriptArgs } from "../test/helpers/script-args.js";
import { median, table } from "./lib/stats.js";

const USAGE = "usage: npx tsx bench/startup.ts [--runs 5]";
const { values } = scriptArgs({ options: { runs: { type: "string", default: "5" } } }, USAGE);
const RUNS = countArg("runs", values.runs, USAGE);
const dist = (p: string) => path.join(PROJECT_ROOT, "dist", "src", p);
if (!fs.existsSync(dist("main.js"))) throw new Error("dist/ is missing: run `npm run build` first");

/** The bundle's chunk that holds a module loaded by dynamic import (esbuild's metafile, written by the build). */
function bundleChunk(module: string): string {
  const meta = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "dist", "main.meta.json"), "utf8")) as {
    outputs: Record<string, { entryPoint?: string }>;
  };
  const out = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === `dist/src/${module}`)?.[0];
  if (!out) throw new Error(`no chunk of ${module} in dist/main.meta.json: run \`npm run build\``);
  return path.join(PROJECT_ROOT, out);
}

/** What is imported, by name: the frameworks, the other packages loaded at start, the project's layers. */
const IMPORTS: [string, string[]][] = [
  ["(bare node)", []],
  ["@slack/bolt", ["@slack/bolt"]],
  ["discord.js", ["discord.js"]],
  ["better-sqlite3", ["better-sqlite3"]],
  ["floor: bolt + discord.js + better-sqlite3", ["@slack/bolt", "discord.js", "better-sqlite3"]],
  ["pino", ["pino"]],
  ["prom-client", ["prom-client"]],
  ["zod", ["zod"]],
  [
    "mdast-util-from-markdown + gfm",
    ["mdast-util-from-markdown", "mdast-util-gfm", "micromark-extension-gfm"],
  ],
  ["yaml", ["yaml"]],
  ["ts-fsrs", ["ts-fsrs"]],
  ["croner", ["croner"]],
  ["pg", ["pg"]],
  ["dist/src/knowledge/search.js", [dist("knowledge/search.js")]],
  ["dist/src/core/tutor.js", [dist("core/tutor.js")]],
  ["dist/src/bots/slack/surface.js", [dist("bots/slack/surface.js")]],
  ["dist/src/bots/discord/surface.js", [dist("bots/discord/surface.js")]],
  ["bundle: dist/src/main.js (no platform)", [dist("main.js")]],
  [
    "bundle: main + both surfaces (npm start)",
    [dist("main.js"), bundleChunk("bots/slack/surface.js"), bundleChunk("bots/discord/surface.js")],
  ],
];

function importMs(specifiers: string[]): number {
  const code = specifiers.map((s) => `await import(${JSON.stringify(s)});`).join(" ");
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", `${code} process.exit(0);`], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`importing ${specifiers.join(", ")} failed: ${r.stderr}`);
  return ms;
}

const samples = IMPORTS.map(() => [] as number[]);
for (let run = 0; run < RUNS; run++)
  IMPORTS.forEach(([, specifiers], i) => {
    samples[i]!.push(importMs(specifiers));
  });
const bare = median(samples[0]!);
console.log(`Node ${process.version}, ${os.cpus().length} CPUs; median of ${RUNS} fresh processes each`);
console.log(
  table(
    ["import", "start → exit ms", "minus bare node ms"],
    IMPORTS.map(([name], i) => {
      const m = median(samples[i]!);
      return [name, m.toFixed(0), i === 0 ? "—" : (m - bare).toFixed(0)];
    }),
  ),
);

// Phases of opening the tutor, in one process, on an index built beforehand (a restart).
const phaseScript = `
const t0 = performance.now();
const { Tutor } = await import(${JSON.stringify(dist("core/tutor.js"))});
const pino = (await import("pino")).default;
const t1 = performance.now();
const open = () => Tutor.open({ dbFile: process.env.DB, notesDir: ${JSON.stringify(path.join(PROJECT_ROOT, "notes"))}, logger: pino({ level: "silent" }) });
let tutor = open(); tutor.close();
const t2 = performance.now();
tutor = open();
const t3 = performance.now();
tutor.close();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstOpenMs: t2 - t1, reopenMs: t3 - t2 }));
`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-startup-"));
try {
  const phases: { importMs: number; firstOpenMs: number; reopenMs: number }[] = [];
  for (let run = 0; run < Math.min(RUNS, 3); run++) {
    const db = path.join(tmp, `t${run}.sqlite`);
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", phaseScript], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DB: db },
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`opening the tutor failed: ${r.stderr}`);
    phases.push(JSON.parse(r.stdout) as (typeof phases)[number]);
  }
  const m = (k: keyof (typeof phases)[number]) => median(phases.map((p) => p[k])).toFixed(0);
  console.log(
    `\nin one process (median of ${phases.length}): import core/tutor.js ${m("importMs")} ms; ` +
      `Tutor.open on a new database (index built) ${m("firstOpenMs")} ms; ` +
      `Tutor.open again on the built index (a restart) ${m("reopenMs")} ms`,
  );
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
