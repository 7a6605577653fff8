import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";
import type { Entry, Finding } from "./entries.js";
import { extractEntries } from "./extract.js";
import type { ParsedNote } from "./markdown.js";
import { loadNotes, type NotesFolder } from "./notes-loader.js";
import { parseNotes } from "./parse-notes.js";
import { segmentForIndex } from "./segment.js";

type Db = Database.Database;

/**
 * The index's format: a hash of the code that builds it (this folder), so that an index built by an
 * older version of the extraction or segmentation is rebuilt, not trusted.
 */
export const INDEX_FORMAT = codeHash();

function codeHash(): string {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash("sha256");
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(ts|js)$/.test(e.name)) hash.update(e.name).update(fs.readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest("hex").slice(0, 16);
}

export interface IndexInfo {
  notesDir: string;
  label: string;
  hash: string;
  files: number;
  entries: number;
  findings: number;
  /** Whether this call rebuilt the index (false: reused). */
  rebuilt: boolean;
  buildMs: number;
}

function meta(db: Db, key: string): string | undefined {
  const row = db.prepare("SELECT value FROM index_meta WHERE key = ?").get(key) as
    | { value: string }
    | undefined;
  return row?.value;
}

/** Writes entries and findings in one transaction, replacing the previous index. */
export function writeIndex(db: Db, folder: NotesFolder, entries: Entry[], findings: Finding[]): void {
  const insertEntry = db.prepare(`INSERT INTO entries
    (key, kind, file, anchor, path_json, line, title, body, command, examples_json, catalog_text, data_json, words)
    VALUES (@key, @kind, @file, @anchor, @path_json, @line, @title, @body, @command, @examples_json, @catalog_text, @data_json, @words)`);
  const insertFinding =
    db.prepare(`INSERT INTO findings (kind, file, line, excerpt, message_en, message_ja, correction)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const setMeta = db.prepare("INSERT OR REPLACE INTO index_meta (key, value) VALUES (?, ?)");
  // The entries of one section share its heading path and often its prose, and every entry of a command
  // carries the same reference text: each distinct text is cut once per build (about half the texts of the
  // Kubernetes and tldr folders repeat). Kept for this build only.
  const segmented = new Map<string, string>();
  const segment = (text: string): string => {
    let words = segmented.get(text);
    if (words === undefined) {
      words = segmentForIndex(text);
      segmented.set(text, words);
    }
    return words;
  };
  db.transaction(() => {
    db.exec("DELETE FROM entries; DELETE FROM findings;");
    const seen = new Set<string>();
    for (const e of entries) {
      let key = e.key;
      for (let n = 2; seen.has(key); n++) key = `${e.key}:${n}`;
      seen.add(key);
      const title = segment(e.title);
      const heading = segment(e.path[e.path.length - 1] ?? "");
      const ancestors = segment(e.path.slice(0, -1).join(" "));
      const prose = segment(e.text);
      const code = segment((e.examples ?? []).join("\n"));
      const extra = segment(e.catalogText ?? "");
      insertEntry.run({
        key,
        kind: e.kind,
        file: e.file,
        anchor: e.anchor,
        path_json: JSON.stringify(e.path),
        line: e.line,
        title: e.title,
        body: e.text,
        command: e.command ?? null,
        examples_json: e.examples ? JSON.stringify(e.examples) : null,
        catalog_text: e.catalogText ?? null,
        data_json: e.data ? JSON.stringify(e.data) : null,
        // One line per field (ranking/section-index.ts reads them back): title, then the FIELDS of weights.ts.
        words: [title, heading, ancestors, prose, code, extra].join("\n"),
      });
    }
    for (const f of findings) {
      insertFinding.run(f.kind, f.file, f.line, f.excerpt, f.message.en, f.message.ja, f.correction ?? null);
    }
    setMeta.run("hash", folder.hash);
    setMeta.run("format", INDEX_FORMAT);
    setMeta.run("notes_dir", folder.dir);
    setMeta.run("label", folder.label);
    setMeta.run("files", String(folder.files.length));
    setMeta.run("built_at", new Date().toISOString());
  })();
}

/**
 * Parses every note of the folder into entries and findings. Never throws on a note's content: files
 * past the caps, files the parser cannot finish within its limits and notes the extractor fails on are
 * findings, and every other file is indexed.
 */
export function buildEntries(folder: NotesFolder): { entries: Entry[]; findings: Finding[] } {
  // Note by note, so that a note the extractor fails on is a finding and the others are indexed.
  const extractEach = (notes: ParsedNote[]): { entries: Entry[]; findings: Finding[] } => {
    const entries: Entry[] = [];
    const findings: Finding[] = [];
    for (const note of notes) {
      try {
        const one = extractEntries([note]);
        entries.push(...one.entries);
        findings.push(...one.findings);
      } catch (err) {
        findings.push({
          kind: "parse",
          file: note.file,
          line: 1,
          excerpt: note.file,
          message: {
            en: `This file's entries could not be extracted (${err instanceof Error ? err.message : String(err)}); it is not indexed.`,
            ja: "このファイルから項目を取り出せませんでした。索引に入れていません。",
          },
        });
      }
    }
    return { entries, findings };
  };
  const parsed = parseNotes(folder.files);
  const noteFindings = parsed.notes.flatMap((n) => n.findings ?? []);
  let extracted: { entries: Entry[]; findings: Finding[] };
  try {
    extracted = extractEntries(parsed.notes);
  } catch {
    extracted = extractEach(parsed.notes);
  }
  return {
    entries: extracted.entries,
    findings: [...(folder.findings ?? []), ...parsed.findings, ...noteFindings, ...extracted.findings],
  };
}

/**
 * Makes sure the database holds the index of the notes in `dir`: reuses it when the notes' content hash
 * is unchanged, rebuilds it otherwise (or when `force`).
 */
export function ensureIndex(db: Db, dir: string, force = false): IndexInfo {
  const started = performance.now();
  const folder = loadNotes(dir);
  const fresh = !force && meta(db, "hash") === folder.hash && meta(db, "format") === INDEX_FORMAT;
  if (!fresh) {
    const { entries, findings } = buildEntries(folder);
    writeIndex(db, folder, entries, findings);
  }
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    notesDir: folder.dir,
    label: folder.label,
    hash: folder.hash,
    files: folder.files.length,
    entries: count("SELECT count(*) AS n FROM entries"),
    findings: count("SELECT count(*) AS n FROM findings"),
    rebuilt: !fresh,
    buildMs: performance.now() - started,
  };
}
