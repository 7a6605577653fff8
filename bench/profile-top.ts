// npx tsx bench/profile-top.ts FILE.cpuprofile [--top 30]: where a V8 CPU profile (node --cpu-prof, or
// `npm run bench:service -- --cpu-prof DIR`) spent its time: self time by function, and by module (a package
// in node_modules, a file of the project, or node's own internals), as shares of the sampled time.
import fs from "node:fs";
import { z } from "zod";
import { countArg, scriptArgs, usageError } from "../test/helpers/script-args.js";

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      children: z.array(z.number()).optional(),
      callFrame: z.object({
        functionName: z.string(),
        url: z.string(),
        lineNumber: z.number(),
      }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

const USAGE =
  "usage: tsx bench/profile-top.ts FILE.cpuprofile [--top N] [--callers NAME] [--inclusive URL-REGEX]";
const { values, positionals } = scriptArgs(
  {
    allowPositionals: true,
    options: {
      top: { type: "string", default: "30" },
      callers: { type: "string" },
      inclusive: { type: "string" },
    },
  },
  USAGE,
);
const file = positionals[0];
if (!file) usageError(USAGE, "a .cpuprofile file is needed");
const profile = profileSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

/** Where a frame's code lives: a package, a project file, or node/V8. */
function moduleOf(url: string): string {
  if (url === "") return "(native / V8)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(src|dist\/src|bench|test)\/(.+)$/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  return url.startsWith("node:") ? "(node internals)" : url;
}

const selfByFunction = new Map<string, number>();
const selfByModule = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const us = profile.timeDeltas[i] ?? 0;
  if (!node) return;
  const { functionName, url, lineNumber } = node.callFrame;
  total += us;
  if (functionName === "(idle)" || functionName === "(program)" || functionName === "(garbage collector)") {
    selfByModule.set(functionName, (selfByModule.get(functionName) ?? 0) + us);
    selfByFunction.set(functionName, (selfByFunction.get(functionName) ?? 0) + us);
    return;
  }
  const mod = moduleOf(url);
  const fn = `${functionName || "(anonymous)"} ${mod}:${lineNumber + 1}`;
  selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + us);
  selfByModule.set(mod, (selfByModule.get(mod) ?? 0) + us);
});

const top = countArg("top", values.top, USAGE);
const busy = total - (selfByModule.get("(idle)") ?? 0);
const print = (title: string, m: Map<string, number>) => {
  console.log(
    `\n${title} (share of busy time, ${(busy / 1000).toFixed(0)} ms busy of ${(total / 1000).toFixed(0)} ms)`,
  );
  for (const [k, us] of [...m]
    .filter(([k]) => k !== "(idle)")
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    console.log(
      `${((100 * us) / busy).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`,
    );
};
print("self time by module", selfByModule);
print("self time by function", selfByFunction);

// --callers NAME: for the functions named NAME, their self time by call path (up to 6 frames above them).
if (values.callers) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const paths = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (node?.callFrame.functionName !== values.callers) return;
    const frames: string[] = [];
    for (let p = parent.get(id); p !== undefined && frames.length < 14; p = parent.get(p)) {
      const f = byId.get(p)!.callFrame;
      frames.push(`${f.functionName || "(anonymous)"} ${moduleOf(f.url)}:${f.lineNumber + 1}`);
    }
    const key = frames.join(" < ");
    paths.set(key, (paths.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  console.log(`\ncallers of ${values.callers}`);
  for (const [k, us] of [...paths].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}

// --inclusive REGEX: for functions in modules matching REGEX, their total time (self and everything they
// called, each sample counted once per function however deep the recursion).
if (values.inclusive) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const re = new RegExp(values.inclusive);
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
      const f = byId.get(p)!.callFrame;
      const mod = moduleOf(f.url);
      if (!re.test(mod)) continue;
      const key = `${f.functionName || "(anonymous)"} ${mod}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  });
  console.log(`\ninclusive time of functions in ${values.inclusive}`);
  for (const [k, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${((100 * us) / busy).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`,
    );
}
