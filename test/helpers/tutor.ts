import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import { BUNDLED_NOTES_DIR } from "../../src/core/config.js";
import type { Invocation } from "../../src/core/commands/types.js";
import type { Locale } from "../../src/core/i18n.js";
import type { Block, Field, Reply } from "../../src/core/reply.js";
import { Tutor } from "../../src/core/tutor.js";

/** A silent logger for tests. */
export const silentLogger = pino({ level: "silent" });

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface TestTutor {
  tutor: Tutor;
  dbFile: string;
  close: () => void;
}

/**
 * A Tutor on a database of its own in a temporary folder (so test files never share state), over the
 * bundled notes unless `notesDir` says otherwise.
 */
export function openTestTutor(options: { notesDir?: string; name?: string } = {}): TestTutor {
  const { dir, cleanup } = tempDir(options.name ?? "tutor-test");
  const dbFile = path.join(dir, "tutor.sqlite");
  const tutor = Tutor.open({ dbFile, notesDir: options.notesDir ?? BUNDLED_NOTES_DIR, logger: silentLogger });
  return {
    tutor,
    dbFile,
    close: () => {
      tutor.close();
      cleanup();
    },
  };
}

/** A notes folder made of the given files (name → markdown), in a temporary folder. */
export function tempNotes(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const tmp = tempDir("tutor-notes");
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(tmp.dir, name), text);
  return tmp;
}

/**
 * A Tutor over a temporary notes folder of these files, opened before the suite's tests and closed (folder
 * removed) after them; the returned function gives it to a test.
 */
export function tutorOverNotes(files: Record<string, string>, name: string): () => TestTutor {
  let notes: { dir: string; cleanup: () => void } | undefined;
  let env: TestTutor | undefined;
  beforeAll(() => {
    notes = tempNotes(files);
    env = openTestTutor({ notesDir: notes.dir, name });
  });
  afterAll(() => {
    env?.close();
    notes?.cleanup();
  });
  return () => {
    if (!env) throw new Error("tutorOverNotes: used outside the suite's tests");
    return env;
  };
}

/** Who asks in tests: the terminal user. */
export function invocation(locale: Locale = "en"): Invocation {
  return {
    platform: "terminal",
    workspaceId: "local",
    channelId: "terminal",
    userId: "tester",
    userName: "tester",
    locale,
    isAdmin: true,
  };
}

export function fieldsOf(r: Reply): Field[] {
  return r.blocks.flatMap((b) => (b.type === "fields" ? b.fields : []));
}

export function notesOf(r: Reply): string[] {
  return r.blocks.flatMap((b) => (b.type === "note" ? [b.text] : []));
}

export function textsOf(r: Reply): string[] {
  return r.blocks.flatMap((b) => (b.type === "text" ? [b.text] : []));
}

export function codeOf(r: Reply): string[] {
  return r.blocks.flatMap((b) => (b.type === "code" ? [b.code] : []));
}

/** Everything a reader sees of a reply, as one string (for "mentions" checks). */
export function allText(r: Reply): string {
  const block = (b: Block): string => {
    switch (b.type) {
      case "text":
      case "note":
        return b.text;
      case "code":
        return b.code;
      case "fields":
        return b.fields.map((f) => `${f.name}\n${f.value}`).join("\n");
    }
  };
  return [r.title ?? "", r.subtitle ?? "", ...r.blocks.map(block), ...r.choices.map((c) => c.label)].join(
    "\n",
  );
}
