// npm run bench:search [-- --json] [--corpora DIR] — index build time, query latency (p50/p99) and top-1
// accuracy of the project's engine (in-memory BM25F over the sections) next to MiniSearch, on the bundled
// note and on corpora ~10 and ~100 times larger, with how each engine's ask and explain latency grows from
// 1× to 100×. Engines run in one process, interleaved (the order rotates every round) because the machine
// is noisy. --json prints one object instead: {"note": {"ours": {"p50_us", "p99_us", "top1"}, "peer": …},
// "x10": …, "x100": …, "growth": …} where the peer is MiniSearch with the project's segmenter.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readCases } from "../test/eval/evaluate.js";
import { scriptArgs } from "../test/helpers/script-args.js";
import { type Corpus, largeCorpus, noteCorpus } from "./lib/corpus.js";
import { type Answer, correct, type Engine, miniSearch, ours, type Query } from "./lib/engines.js";
import { median, percentile, table, timed } from "./lib/stats.js";

const { values } = scriptArgs(
  { options: { json: { type: "boolean", default: false }, corpora: { type: "string" } } },
  "usage: npm run bench:search -- [--json] [--corpora DIR]",
);
const repoRoot = path.resolve(import.meta.dirname, "..");
const note = path.join(repoRoot, "notes", "docker-kubernetes.md");
const corporaDir = path.resolve(values.corpora ?? path.join(repoRoot, "../shared/corpora"));
/** Human output goes to stdout, or nowhere under --json (which prints only the object). */
const log = (...lines: string[]) => {
  if (!values.json) console.log(...lines);
};
const queries: Query[] = readCases(path.join(repoRoot, "test/eval/queries.jsonl"));

/** Per corpus: index builds per engine, warm-up passes, and the bounds of the measured rounds. */
const PLAN = {
  note: { builds: 5, warmup: 3, maxRounds: 200, budgetMs: 15_000 },
  x10: { builds: 3, warmup: 2, maxRounds: 100, budgetMs: 20_000 },
  x100: { builds: 2, warmup: 1, maxRounds: 60, budgetMs: 40_000 },
};
/** The query the issue follows from 1× to 100× (a common command: many entries match it). */
const TRACKED = { q: "docker run --rm", mode: "explain" } as const;

const rotate = <T>(list: T[], n: number): T[] => list.map((_, i) => list[(i + n) % list.length]!);
const µs = (ms: number) => (ms * 1000).toFixed(0);

interface Measured {
  engine: Engine;
  builds: number[];
  /** Counts and timings each build reported, per key. */
  facts: Record<string, number[]>;
  answers: Answer[];
  /** Latency samples (ms) per query, one per round. */
  samples: number[][];
}

function bench(corpus: Corpus, plan: (typeof PLAN)["note"], tmp: string) {
  const engines = [ours(path.join(tmp, `${corpus.name}.sqlite`)), miniSearch(true), miniSearch(false)];
  const runs: Measured[] = engines.map((engine) => ({
    engine,
    builds: [],
    facts: {},
    answers: [],
    samples: queries.map(() => []),
  }));
  for (let b = 0; b < plan.builds; b++)
    for (const run of rotate(runs, b)) {
      const { ms, value } = timed(() => run.engine.build(corpus.dir));
      run.builds.push(ms);
      for (const [k, v] of Object.entries(value)) run.facts[k] = [...(run.facts[k] ?? []), v];
    }
  for (let w = 0; w < plan.warmup; w++)
    for (const run of runs) run.answers = queries.map((q) => run.engine.query(q));
  const started = performance.now();
  let rounds = 0;
  while (rounds < plan.maxRounds && performance.now() - started < plan.budgetMs) {
    for (const run of rotate(runs, rounds))
      queries.forEach((q, i) => {
        run.samples[i]!.push(timed(() => run.engine.query(q)).ms);
      });
    rounds++;
  }
  for (const e of engines) e.close();
  return { runs, rounds };
}

/** One engine on one corpus, as the --json object and the growth table read it. */
interface Figures {
  p50_us: number;
  p99_us: number;
  /** Share of the answerable queries whose first result is an expected heading. */
  top1: number;
  /** p50 per mode, µs. */
  ask_p50_us: number;
  explain_p50_us: number;
  /** Median of the tracked query (TRACKED), µs. */
  tracked_us: number;
}

interface Reported {
  rows: string[][];
  /** By engine name. */
  figures: Map<string, Figures>;
  entries: number;
  sections: number;
}

const us = (ms: number) => Math.round(ms * 1000);
const trackedIndex = queries.findIndex((q) => q.q === TRACKED.q && q.mode === TRACKED.mode);

function report(corpus: Corpus, runs: Measured[], rounds: number): Reported {
  const [mine, seg, plain] = runs as [Measured, Measured, Measured];
  const fact = (r: Measured, k: string) => median(r.facts[k] ?? []).toFixed(0);
  const all = (r: Measured) => r.samples.flat();
  const p = (r: Measured, q: number) => percentile(all(r), q);
  const positives = queries.filter((q) => q.expect !== null).length;
  const negatives = queries.length - positives;
  log(
    `\n[${corpus.name}] ${corpus.origin}\n  ${corpus.bytes.toLocaleString("en")} bytes, ${corpus.files} files, ` +
      `${fact(seg, "sections")} sections, ${fact(mine, "entries")} entries (ours), ` +
      `MiniSearch terms: ${fact(seg, "terms")} (segmentWords) / ${fact(plain, "terms")} (default)\n` +
      `  build split: read + parseNote ${fact(seg, "parseMs")} / ${fact(plain, "parseMs")} ms, ` +
      `MiniSearch addAll ${fact(seg, "indexMs")} / ${fact(plain, "indexMs")} ms (segmentWords / default)\n` +
      `  ${rounds} measured rounds × ${queries.length} queries per engine`,
  );
  const modeP50 = (r: Measured, mode: "ask" | "explain") =>
    percentile(
      queries.flatMap((q, i) => (q.mode === mode ? r.samples[i]! : [])),
      0.5,
    );
  for (const mode of ["ask", "explain"] as const) {
    const idx = queries.flatMap((q, i) => (q.mode === mode ? [i] : []));
    const cells = runs.map((r) => {
      const s = idx.flatMap((i) => r.samples[i]!);
      return `${r.engine.name} ${µs(percentile(s, 0.5))}/${µs(percentile(s, 0.99))}`;
    });
    log(`  ${mode} (${idx.length} queries) p50/p99 µs: ${cells.join(", ")}`);
  }
  const slowest = queries
    .map((q, i) => ({ q, ms: median(mine.samples[i]!) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
  log(`  ours, slowest (median µs): ${slowest.map((s) => `${s.q.mode} "${s.q.q}" ${µs(s.ms)}`).join("; ")}`);
  const answered = queries.flatMap((q, i) =>
    q.expect === null && mine.answers[i]!.length > 0 ? [`"${q.q}" → ${mine.answers[i]![0]}`] : [],
  );
  if (answered.length > 0) log(`  ours, negatives answered (found: true): ${answered.join("; ")}`);
  const figures = new Map<string, Figures>();
  const rows = runs.map((r) => {
    const ok = queries.map((q, i) => correct(q, r.answers[i]!));
    const posOk = ok.filter((v, i) => v && queries[i]!.expect !== null).length;
    const negOk = ok.filter((v, i) => v && queries[i]!.expect === null).length;
    figures.set(r.engine.name, {
      p50_us: us(p(r, 0.5)),
      p99_us: us(p(r, 0.99)),
      top1: Number((posOk / positives).toFixed(3)),
      ask_p50_us: us(modeP50(r, "ask")),
      explain_p50_us: us(modeP50(r, "explain")),
      tracked_us: trackedIndex >= 0 ? us(median(r.samples[trackedIndex]!)) : Number.NaN,
    });
    const ratio =
      r === mine
        ? "—"
        : `${(p(mine, 0.5) / p(r, 0.5)).toFixed(2)}× / ${(p(mine, 0.99) / p(r, 0.99)).toFixed(2)}×`;
    return [
      corpus.name,
      r.engine.name,
      median(r.builds).toFixed(0),
      µs(p(r, 0.5)),
      µs(p(r, 0.99)),
      ratio,
      `${posOk}/${positives} ${((100 * posOk) / positives).toFixed(1)}%`,
      `${negOk}/${negatives}`,
    ];
  });
  return {
    rows,
    figures,
    entries: median(mine.facts.entries ?? []),
    sections: median(seg.facts.sections ?? []),
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "notes-tutor-bench-"));
try {
  if (!fs.existsSync(corporaDir)) log(`note: ${corporaDir} is missing; the large corpora repeat the note`);
  const corpora = [
    noteCorpus(tmp, note),
    largeCorpus(tmp, note, corporaDir, 10),
    largeCorpus(tmp, note, corporaDir, 100),
  ];
  log(
    `queries: test/eval/queries.jsonl (${queries.length}); Node ${process.version}, ${os.cpus().length} CPUs`,
  );
  const rows: string[][] = [];
  const reported = new Map<string, Reported>();
  for (const corpus of corpora) {
    const plan = PLAN[corpus.name as keyof typeof PLAN];
    const { runs, rounds } = bench(corpus, plan, tmp);
    const r = report(corpus, runs, rounds);
    reported.set(corpus.name, r);
    rows.push(...r.rows);
  }
  log(
    `\n${table(
      [
        "corpus",
        "engine",
        "build ms",
        "p50 µs",
        "p99 µs",
        "ours/peer p50 / p99",
        "top-1 positive",
        "neg. correct",
      ],
      rows,
    )}`,
  );

  // Growth: each engine's latency on the larger corpora as a multiple of its own on the note.
  // In bench()'s order: ours, MiniSearch with the project's segmenter (the peer), MiniSearch's defaults.
  const engineNames = [...(reported.get("note")?.figures.keys() ?? [])];
  const [OURS = "", PEER = ""] = engineNames;
  const sizes = corpora.map((c) => c.name);
  const at = (corpus: string, engine: string) => reported.get(corpus)!.figures.get(engine)!;
  const growthOf = (engine: string, key: "ask_p50_us" | "explain_p50_us" | "tracked_us") =>
    Object.fromEntries([
      ...sizes.map((c) => [`${c}_us`, at(c, engine)[key]]),
      ...sizes
        .slice(1)
        .map((c) => [`${c}_ratio`, Number((at(c, engine)[key] / at("note", engine)[key]).toFixed(2))]),
    ]);
  const growthRows: string[][] = [];
  for (const [label, key] of [
    ["ask p50", "ask_p50_us"],
    ["explain p50", "explain_p50_us"],
    [`explain "${TRACKED.q}"`, "tracked_us"],
  ] as const)
    for (const engine of engineNames) {
      const g = growthOf(engine, key);
      growthRows.push([
        label,
        engine,
        ...sizes.map((c) => String(g[`${c}_us`])),
        ...sizes.slice(1).map((c) => `${g[`${c}_ratio`]}×`),
      ]);
    }
  const scale = (k: "entries" | "sections") =>
    sizes
      .slice(1)
      .map((c) => `${c} ${(reported.get(c)![k] / reported.get("note")![k]).toFixed(0)}×`)
      .join(", ");
  log(
    `\ngrowth (µs, and as a multiple of the note's); the corpora hold ${scale("sections")} the note's sections, ` +
      `${scale("entries")} its entries (ours)\n${table(
        ["query", "engine", ...sizes.map((c) => `${c} µs`), ...sizes.slice(1).map((c) => `${c}/note`)],
        growthRows,
      )}`,
  );
  log(
    "\nbuild ms: median of the builds, files → queryable index (read, parse; ours also extracts entries, writes SQLite and builds its in-memory section index)." +
      "\nMiniSearch has no notion of 'not found': a negative counts as correct only when it returns nothing." +
      "\nMiniSearch documents: one per section (heading path, boosted ×2, + prose + code), via the project's parseNote.",
  );
  if (values.json) {
    const pair = (corpus: string) => {
      const pick = ({ p50_us, p99_us, top1 }: Figures) => ({ p50_us, p99_us, top1 });
      return { ours: pick(at(corpus, OURS)), peer: pick(at(corpus, PEER)) };
    };
    const growth = {
      sections: Object.fromEntries(sizes.map((c) => [c, reported.get(c)!.sections])),
      entries: Object.fromEntries(sizes.map((c) => [c, reported.get(c)!.entries])),
      ask: { ours: growthOf(OURS, "ask_p50_us"), peer: growthOf(PEER, "ask_p50_us") },
      explain: { ours: growthOf(OURS, "explain_p50_us"), peer: growthOf(PEER, "explain_p50_us") },
      [`explain ${TRACKED.q}`]: { ours: growthOf(OURS, "tracked_us"), peer: growthOf(PEER, "tracked_us") },
    };
    process.stdout.write(
      `${JSON.stringify({ note: pair("note"), x10: pair("x10"), x100: pair("x100"), growth })}\n`,
    );
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
