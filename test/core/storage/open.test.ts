/**
 * A database that cannot be used as it should at start: a damaged file names itself and what to do; a
 * read-only one still serves explain, ask and doctor from the command line (the JSON unchanged) while a
 * command that writes refuses with the file and the fix. The read-only cases run the real CLI as a user
 * who may not write the file (nobody, when the tests run as root; else the file and folder are chmodded).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_NOTES_DIR, PROJECT_ROOT } from "../../../src/core/config.js";
import { storageProblemReply } from "../../../src/core/errors.js";
import {
  isReadOnlyCopy,
  openDatabase,
  openReadOnlyCopy,
  sealIfReadOnlyCopy,
} from "../../../src/core/storage/database.js";
import { DatabaseOpenError } from "../../../src/core/storage/errors.js";
import { Tutor } from "../../../src/core/tutor.js";

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

let dir: string;
let dbFile: string;

function cli(args: string[], file: string, readOnly: boolean) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? "", TUTOR_DB: file, TUTOR_NOTES_DIR: BUNDLED_NOTES_DIR },
    ...(readOnly && asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tutor-open-"));
  fs.chmodSync(dir, 0o755);
  dbFile = path.join(dir, "tutor.sqlite");
  // A database as the bot leaves it: migrated and indexed, closed cleanly (WAL checkpointed, no -shm).
  Tutor.open({ dbFile, notesDir: BUNDLED_NOTES_DIR, logger: pino({ level: "silent" }) }).close();
});
afterAll(() => {
  fs.chmodSync(dir, 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

function withReadOnly<T>(work: () => T): T {
  // As root, the file is root's and the reader is nobody; otherwise take the write bits away.
  if (!asRoot) {
    fs.chmodSync(dbFile, 0o444);
    fs.chmodSync(dir, 0o555);
  }
  try {
    return work();
  } finally {
    if (!asRoot) {
      fs.chmodSync(dir, 0o755);
      fs.chmodSync(dbFile, 0o644);
    }
  }
}

describe("a read-only database", () => {
  it("still answers explain, ask and doctor from the CLI, with the same JSON", () => {
    const writable = cli(["explain", "docker cp", "--json"], dbFile, false);
    expect(writable.code).toBe(0);
    const { explain, ask, doctor, index } = withReadOnly(() => ({
      explain: cli(["explain", "docker cp", "--json"], dbFile, true),
      ask: cli(["ask", "what is a pod", "--json"], dbFile, true),
      doctor: cli(["doctor", "--json"], dbFile, true),
      index: cli(["index"], dbFile, true),
    }));
    expect(explain.code).toBe(0);
    expect(JSON.parse(explain.stdout)).toEqual(JSON.parse(writable.stdout));
    expect(ask.code).toBe(0);
    expect(JSON.parse(ask.stdout).found).toBe(true);
    expect(doctor.code).toBe(0);
    expect(JSON.parse(doctor.stdout).count).toBeGreaterThan(0);
    // A command that writes refuses, naming the file and what to do.
    expect(index.code).toBe(1);
    expect(index.stderr).toContain(`The database ${dbFile} cannot be written`);
    expect(index.stderr).toMatch(/writable/);
    // And nothing was written next to the file.
    expect(fs.readdirSync(dir).sort()).toEqual(["tutor.sqlite"]);
  }, 120_000);

  it("is copied into memory, where writes are refused once commands run", () => {
    const copy = openReadOnlyCopy(dbFile);
    try {
      expect(isReadOnlyCopy(copy)).toBe(true);
      sealIfReadOnlyCopy(copy);
      let refused: unknown;
      try {
        copy.prepare("DELETE FROM shared_answers").run();
      } catch (err) {
        refused = err;
      }
      expect(storageProblemReply(refused, "en")?.blocks[0]).toMatchObject({
        tone: "error",
        text: expect.stringContaining("the database is read-only"),
      });
    } finally {
      copy.close();
    }
  });
});

describe("a damaged database", () => {
  it("stops start-up with the file and what to do, from the CLI and from openDatabase", () => {
    const bad = path.join(dir, "damaged.sqlite");
    fs.writeFileSync(bad, "this is not a database ".repeat(200));
    const run = cli(["explain", "docker cp"], bad, false);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`The database ${bad} is damaged`);
    expect(run.stderr).toContain(`mv ${bad} ${bad}.broken`);
    expect(() => openDatabase(bad)).toThrow(DatabaseOpenError);
    try {
      openDatabase(bad);
    } catch (err) {
      expect((err as DatabaseOpenError).problem).toBe("corrupt");
      expect((err as DatabaseOpenError).file).toBe(bad);
    }
    fs.rmSync(bad);
  }, 60_000);
});
