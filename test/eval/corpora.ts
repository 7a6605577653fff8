// The folders the evaluation runs on, their sets, and one evaluation pass: our engine and the naive
// baseline over the same cases, in the same process. Used by `npm run eval` (run.ts) and corpora.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../../src/core/storage/database.js";
import { openDatabase } from "../../src/core/storage/database.js";
import { ensureIndex } from "../../src/knowledge/index-store.js";
import { KnowledgeIndex, type SearchResponse } from "../../src/knowledge/search.js";
import { type Baseline, fitThreshold, thresholded } from "./baseline.js";
import { type Answer, type EvalCase, readCases, type Scored, score } from "./scoring.js";

const EVAL_DIR = import.meta.dirname;
export const REPO_ROOT = path.resolve(EVAL_DIR, "../..");

export interface EvalSet {
  /** Printed name: `dev`, `aside`, `aside2`, or an older set's file name. */
  name: string;
  file: string;
  /** Aside sets are held out: run only with `--sets all`. */
  heldOut: boolean;
}

/**
 * The per-folder sets, in the order they are printed: `dev` is the one the ranking is tuned and floored on;
 * `aside` and `aside2` are held out (`aside2` written later, from the folders alone, as a fresh check).
 */
export const SET_NAMES = ["dev", "aside", "aside2"] as const;
export type SetName = (typeof SET_NAMES)[number];

export interface Folder {
  key: string;
  /** Notes folder, relative to the repository root. */
  dir: string;
  sets: EvalSet[];
  /** The later sets written for this folder (see EXTRA_SET_NAMES); only these are run by `--sets <name>`. */
  extraSets: readonly ExtraSetName[];
}

/** The sets of one folder, each in `sets/<key>/<name>.jsonl`. */
const setsOf = (key: string, names: readonly SetName[] = SET_NAMES): EvalSet[] =>
  names.map((name) => ({
    name,
    file: path.join(EVAL_DIR, "sets", key, `${name}.jsonl`),
    heldOut: name !== "dev",
  }));

/** The older sets on the bundled note, written before the per-folder sets; still printed. */
const OLDER_NOTE_SETS: EvalSet[] = ["queries.jsonl", "holdout.jsonl", "blind.jsonl"].map((f) => ({
  name: f,
  file: path.join(EVAL_DIR, f),
  heldOut: false,
}));

/**
 * Sets written later still, from each folder alone without reading the code, in pairs: `fresh`, later
 * `probe`, and last `exam` are the ones whose misses are looked at; `hold`, `final` and `spare` are kept aside
 * (only their totals are read). `exam` and `spare` were written by a helper who had seen neither the engine
 * nor the older sets' questions. Each folder lists the ones it has in `Folder.extraSets`, in
 * `sets/<key>/<name>.jsonl`. They are not in `Folder.sets`: only `--sets <name>` runs them, on the folders
 * that have that set, never the default, `--sets all` or the floors tests. `check` is the last blind set, on
 * five folders only (note, k8s-ja, tldr, team-ja, team-en), written before the engine was run on it. `trial`
 * came after it, on those five and the new team-ops folder, written with that folder by helpers who read no
 * code, and run once, for totals, at the end of the round it was written in. `audit` is the blind set written
 * after all of those had been seen, on trial's six folders, by a helper who read no code. `closing`,
 * `epilogue` and `coda` are the blind sets written one after another on the seven folders that have audit,
 * each after the sets before it had been seen, by helpers who read no code, before the engine was run on
 * them. `finale` was written with coda, by another helper, and kept unseen until the end of its round;
 * `envoi` after finale had been run, the same way. `reprise` and `postlude` were written together on the
 * seven folders and a fifth team folder written with them (team-data); reprise was run at the start of its
 * round, postlude kept unseen until its end; `epode` after postlude had been run, on the same eight folders, run
 * once at the end of the round. `rondo` and `cadenza` were written together after epode had been run, on the
 * same eight folders: rondo run at the start of its round, cadenza kept unseen until its end. `sonata` and
 * `toccata` were written together after cadenza had been run, on the same eight folders, by helpers who read no
 * code (questions older sets asked removed by script, unread): sonata run at the start of its round, toccata
 * kept unseen until its end.
 */
export const EXTRA_SET_NAMES = [
  "fresh",
  "hold",
  "probe",
  "final",
  "exam",
  "spare",
  "check",
  "trial",
  "audit",
  "closing",
  "epilogue",
  "coda",
  "finale",
  "envoi",
  "reprise",
  "postlude",
  "epode",
  "rondo",
  "cadenza",
  "sonata",
  "toccata",
] as const;
export type ExtraSetName = (typeof EXTRA_SET_NAMES)[number];

export const isExtraSetName = (name: string): name is ExtraSetName =>
  (EXTRA_SET_NAMES as readonly string[]).includes(name);

export const extraSetOf = (folder: Folder, name: ExtraSetName): EvalSet => ({
  name,
  file: path.join(EVAL_DIR, "sets", folder.key, `${name}.jsonl`),
  heldOut: true,
});

/** The folder's extra set of that name, or none when the folder was not given one. */
export const extraSetsOf = (folder: Folder, name: ExtraSetName): EvalSet[] =>
  folder.extraSets.includes(name) ? [extraSetOf(folder, name)] : [];

/**
 * The later sets from one on, in the order they were written: a folder written with a set has it and every
 * set after it (team-ja and team-en from exam, team-ops from trial, team-web from audit, team-data from reprise).
 */
const setsFrom = (first: ExtraSetName): readonly ExtraSetName[] =>
  EXTRA_SET_NAMES.slice(EXTRA_SET_NAMES.indexOf(first));

export const FOLDERS: Folder[] = [
  {
    key: "note",
    dir: "notes",
    sets: [...setsOf("note"), ...OLDER_NOTE_SETS],
    extraSets: EXTRA_SET_NAMES,
  },
  {
    key: "k8s-ja",
    dir: "../shared/corpora/k8s-website/content/ja",
    sets: setsOf("k8s-ja"),
    extraSets: EXTRA_SET_NAMES,
  },
  { key: "tldr", dir: "../shared/corpora/tldr/pages", sets: setsOf("tldr"), extraSets: EXTRA_SET_NAMES },
  // Two folders the ranking was never tuned on: held-out sets only, no dev set and no floors.
  {
    key: "k8s-en",
    dir: "../shared/corpora/k8s-website/content/en",
    sets: setsOf("k8s-en", ["aside"]),
    extraSets: ["fresh", "hold", "exam", "spare"],
  },
  {
    key: "docker-cli",
    dir: "../shared/corpora/docker-docs/docker-cli/docs/reference/commandline",
    sets: setsOf("docker-cli", ["aside"]),
    extraSets: ["fresh", "hold", "exam", "spare"],
  },
  // Two folders added with the probe and final sets, and only those: the Japanese tldr pages and the
  // buildx reference (one long English page with many headings); exam and spare came later.
  {
    key: "tldr-ja",
    dir: "../shared/corpora/tldr/pages.ja",
    sets: [],
    extraSets: ["probe", "final", "exam", "spare"],
  },
  {
    key: "buildx",
    dir: "../shared/corpora/docker-docs/docker-buildx/docs/reference",
    sets: [],
    extraSets: ["probe", "final", "exam", "spare"],
  },
  // Two team folders written for the exam and spare sets, from scratch, by someone who never read the code:
  // a Japanese study vault (Git, Linux, PostgreSQL, AWS CLI) and an English team's docs (Terraform, Nginx,
  // Python packaging), topics the project was never tuned on.
  {
    key: "team-ja",
    dir: "test/eval/folders/team-ja",
    sets: [],
    extraSets: setsFrom("exam"),
  },
  {
    key: "team-en",
    dir: "test/eval/folders/team-en",
    sets: [],
    extraSets: setsFrom("exam"),
  },
  // A third team folder, written with the trial set and never read by the engine's authors: a Docusaurus
  // site (GitHub Actions, Redis, systemd, Prometheus), mostly Japanese, two pages in both languages.
  {
    key: "team-ops",
    dir: "test/eval/folders/team-ops",
    sets: [],
    extraSets: setsFrom("trial"),
  },
  // A fourth, written with the audit set by a helper who read no code: an English web team's Jekyll docs
  // (a Node.js service, pm2, TLS with certbot and openssl, MySQL, an incident runbook, a FAQ).
  {
    key: "team-web",
    dir: "test/eval/folders/team-web",
    sets: [],
    extraSets: setsFrom("audit"),
  },
  // A fifth, written with the reprise and postlude sets by a helper who read no code: a data platform team's
  // MkDocs site (mkdocs.yml, docs/: Airflow, dbt, BigQuery, transfers, Python environments, Jupyter in two
  // languages, a runbook, a glossary), Japanese and English pages, admonitions and content tabs.
  {
    key: "team-data",
    dir: "test/eval/folders/team-data",
    sets: [],
    extraSets: setsFrom("reprise"),
  },
];

export const folderPath = (folder: Folder): string => path.resolve(REPO_ROOT, folder.dir);

/** What to tell someone who named folders the evaluation does not know (`--folders`), or null when it knows all. */
export function unknownFoldersMessage(keys: readonly string[] | undefined): string | null {
  const unknown = (keys ?? []).filter((k) => !FOLDERS.some((f) => f.key === k));
  return unknown.length === 0
    ? null
    : `unknown folder(s): ${unknown.join(", ")}; known: ${FOLDERS.map((f) => f.key).join(", ")}`;
}

/** The answer as scored: found, and each result's own heading (the last element of its path). */
export function answerOf(response: SearchResponse): Answer {
  return {
    found: response.found,
    headings: response.found ? response.results.map((r) => r.path[r.path.length - 1] ?? r.title) : [],
  };
}

/** Our engine over one folder, built as the bot builds it (a fresh SQLite file, forced re-index). */
export class OurEngine {
  private readonly db: Db;
  private readonly index: KnowledgeIndex;
  private readonly file: string;

  constructor(dir: string) {
    this.file = path.join(
      os.tmpdir(),
      `tutor-eval-${process.pid}-${path.basename(dir)}-${Date.now()}.sqlite`,
    );
    this.db = openDatabase(this.file);
    ensureIndex(this.db, dir, true);
    this.index = new KnowledgeIndex(this.db);
  }

  respond(c: EvalCase): SearchResponse {
    return c.mode === "explain" ? this.index.explain(c.q).response : this.index.ask(c.q).response;
  }

  close(): void {
    this.db.close();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(this.file + suffix, { force: true });
  }
}

export interface SetReport {
  folder: string;
  set: string;
  ours: Scored[];
  /** Our full responses, for the list of misses. */
  responses: SearchResponse[];
  baseline: Scored[];
  /** The baseline's not-covered threshold on its top score, fitted on this very set. */
  baselineThreshold: number;
}

/** Both engines over one set. */
export function evaluateSet(
  folder: string,
  set: EvalSet,
  ours: OurEngine,
  baseline: Baseline,
  cases: EvalCase[] = readCases(set.file),
): SetReport {
  const responses = cases.map((c) => ours.respond(c));
  const hits = cases.map((c) => baseline.search(c.q));
  const threshold = fitThreshold(cases, hits);
  return {
    folder,
    set: set.name,
    ours: cases.map((c, i) => score(c, answerOf(responses[i]!))),
    responses,
    baseline: cases.map((c, i) => score(c, thresholded(hits[i] ?? [], threshold))),
    baselineThreshold: threshold,
  };
}
