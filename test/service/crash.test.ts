// kill -9 in the middle of a write, restart, and find the database intact with every acknowledged write.
// Today's write is a reindex: a child process rewrites the index over and over, alternating between two
// generated notes folders (alpha, bravo) and acknowledging each commit on stdout. It is killed with SIGKILL
// at a random point inside a write. After the restart the index must be one of the two, complete: the last
// acknowledged one, or the one in flight if it had committed — never a mix, never a half.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/core/config.js";
import { type Db, openDatabase } from "../../src/core/storage/database.js";
import { buildEntries, ensureIndex } from "../../src/knowledge/index-store.js";
import { loadNotes } from "../../src/knowledge/notes-loader.js";
import { KnowledgeIndex } from "../../src/knowledge/search.js";

const COPIES = 12;
const ROUNDS = 3;

interface NotesSet {
  dir: string;
  marker: string;
  prefix: string;
  hash: string;
  entries: number;
  findings: number;
}

let tmp: string;
let dbFile: string;
const sets: Record<string, NotesSet> = {};

/** A notes folder of COPIES copies of the bundled note, each with a section only this folder has. */
function generate(name: string, marker: string, prefix: string): NotesSet {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  const note = fs.readFileSync(path.join(PROJECT_ROOT, "notes", "docker-kubernetes.md"), "utf8");
  for (let i = 1; i <= COPIES; i++) {
    const extra = `\n\n## ${marker} ${i}\n\n${marker} は${name}のノート ${i} にだけある言葉です。\n`;
    fs.writeFileSync(path.join(dir, `${prefix}${String(i).padStart(3, "0")}.md`), note + extra);
  }
  const folder = loadNotes(dir);
  const built = buildEntries(folder);
  return {
    dir,
    marker,
    prefix,
    hash: folder.hash,
    entries: built.entries.length,
    findings: built.findings.length,
  };
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tutor-crash-"));
  dbFile = path.join(tmp, "tutor.sqlite");
  for (const s of [generate("alpha", "zzalpha", "a-"), generate("bravo", "zzbravo", "b-")]) sets[s.hash] = s;
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The child: builds both folders' entries once, then writes them alternately, acknowledging each commit. */
function childSource(): string {
  const src = (p: string) => JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, "src", p)).href);
  return `
import { openDatabase } from ${src("core/storage/database.ts")};
import { buildEntries, writeIndex } from ${src("knowledge/index-store.ts")};
import { loadNotes } from ${src("knowledge/notes-loader.ts")};
const db = openDatabase(process.env.CRASH_DB);
const sets = process.env.CRASH_DIRS.split(${JSON.stringify(path.delimiter)}).map((dir) => {
  const folder = loadNotes(dir);
  return { folder, ...buildEntries(folder) };
});
for (let i = 0; ; i++) {
  const s = sets[i % sets.length];
  process.stdout.write("begin " + s.folder.hash + "\\n");
  const t = performance.now();
  writeIndex(db, s.folder, s.entries, s.findings);
  process.stdout.write("committed " + s.folder.hash + " " + Math.round(performance.now() - t) + "\\n");
}
`;
}

interface Run {
  child: ChildProcess;
  acked: string[];
  writeMs: number[];
  exited: Promise<NodeJS.Signals | null>;
}

function startWriter(): { run: Run; onLine: (f: (line: string) => void) => void } {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", childSource()], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      CRASH_DB: dbFile,
      CRASH_DIRS: Object.values(sets)
        .map((s) => s.dir)
        .join(path.delimiter),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const run: Run = {
    child,
    acked: [],
    writeMs: [],
    exited: new Promise((resolve) => child.on("exit", (_code, signal) => resolve(signal))),
  };
  const listeners: ((line: string) => void)[] = [];
  let partial = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => {
    const lines = (partial + d).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      const [what, hash, ms] = line.split(" ");
      if (what === "committed") {
        run.acked.push(hash!);
        run.writeMs.push(Number(ms));
      }
      for (const l of listeners) l(line);
    }
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  void run.exited.then((signal) => {
    if (signal !== "SIGKILL") throw new Error(`writer exited on its own (${signal}):\n${stderr}`);
  });
  return { run, onLine: (f) => listeners.push(f) };
}

/**
 * Lets the writer commit at least once, then kills it with SIGKILL at a random point inside the next write
 * (a random fraction of the time a write has taken so far). Returns the hashes acknowledged before the kill
 * and the one in flight.
 */
async function killMidWrite(): Promise<{ acked: string[]; inFlight: string }> {
  const { run, onLine } = startWriter();
  const inFlight = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the writer did not start a second write in time")),
      15_000,
    );
    onLine((line) => {
      const [what, hash] = line.split(" ");
      if (what !== "begin" || run.acked.length === 0) return;
      clearTimeout(timer);
      const typical = Math.min(...run.writeMs);
      const delay = typical * (0.1 + 0.8 * Math.random());
      setTimeout(() => {
        run.child.kill("SIGKILL");
        resolve(hash!);
      }, delay);
    });
  });
  expect(await run.exited).toBe("SIGKILL");
  return { acked: [...run.acked], inFlight };
}

/** Everything a restart must find: an intact database holding exactly one complete index. */
function verify(db: Db, acceptable: string[]): NotesSet {
  expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(db.pragma("foreign_key_check")).toEqual([]);

  const hash = (db.prepare("SELECT value FROM index_meta WHERE key = 'hash'").get() as { value: string })
    .value;
  expect(acceptable).toContain(hash);
  const set = sets[hash]!;
  const other = Object.values(sets).find((s) => s !== set)!;

  const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
  expect(count("SELECT count(*) AS n FROM entries")).toBe(set.entries);
  expect(count("SELECT count(*) AS n FROM findings")).toBe(set.findings);
  expect(count("SELECT count(*) AS n FROM entries WHERE file NOT LIKE ?", `${set.prefix}%`)).toBe(0);
  expect(count("SELECT count(*) AS n FROM findings WHERE file NOT LIKE ?", `${set.prefix}%`)).toBe(0);
  expect(Number(count("SELECT value AS n FROM index_meta WHERE key = 'files'"))).toBe(COPIES);
  // The indexed words are this folder's only: its marker in some entries' words, the other folder's in none.
  const withWord = (word: string) =>
    count("SELECT count(*) AS n FROM entries WHERE words LIKE ?", `%${word}%`);
  expect(withWord(set.marker)).toBeGreaterThanOrEqual(COPIES);
  expect(withWord(other.marker)).toBe(0);

  // Queryable through the real search, and recognised as current: no rebuild on the next start.
  const index = new KnowledgeIndex(db);
  const explained = index.explain("docker cp").response;
  expect(explained.found).toBe(true);
  expect(explained.results[0]?.source).toMatch(
    new RegExp(`^${path.basename(set.dir)}/${set.prefix}\\d+\\.md#`),
  );
  expect(index.ask(set.marker).response.found).toBe(true);
  expect(ensureIndex(db, set.dir).rebuilt).toBe(false);
  return set;
}

describe("crash safety", () => {
  it(`kill -9 in the middle of a reindex, ${ROUNDS} times: the database is intact and the index complete`, async () => {
    let rolledBack = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { acked, inFlight } = await killMidWrite();
      expect(acked.length).toBeGreaterThan(0);
      const last = acked.at(-1)!;
      // The restart: open the database (WAL recovery, migrations), as the service does.
      const db = openDatabase(dbFile);
      try {
        // The acknowledged index, or the one in flight if its commit landed before the kill.
        if (verify(db, [last, inFlight]).hash === last) rolledBack++;
      } finally {
        db.close();
      }
    }
    // The kills landed inside a write (its transaction rolled back), not only between writes.
    expect(rolledBack).toBeGreaterThan(0);
  }, 60_000);
});
