import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Finding } from "./entries.js";
import { MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES, skippedFileFinding } from "./note-limits.js";

export interface NoteFile {
  /** Path relative to the notes folder, with forward slashes. */
  file: string;
  content: string;
}

export interface NotesFolder {
  dir: string;
  /** How sources are cited: the folder's own name, then the file (`notes/docker-kubernetes.md`). */
  label: string;
  files: NoteFile[];
  /** sha256 over every file's path and content: the index is rebuilt when it changes. */
  hash: string;
  /** Files left out by the caps of note-limits.ts, one finding each (or one for the rest of the folder). */
  findings: Finding[];
}

/** What the loader reads: markdown, and MDX as Docusaurus writes it. */
const NOTE_FILE = /\.(?:md|markdown|mdx)$/i;

function walk(dir: string, root: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, root, out);
    else if (e.isFile() && NOTE_FILE.test(e.name)) out.push(full);
  }
}

export class NotesError extends Error {}

const MB = 1024 * 1024;

/**
 * Reads every markdown file under `dir`, nested folders included, in a stable order. A file past
 * MAX_FILE_BYTES, and the files past MAX_FILES or MAX_TOTAL_BYTES, are left out with a finding.
 */
export function loadNotes(dir: string): NotesFolder {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
    throw new NotesError(`Notes folder not found: ${abs}`);
  }
  const paths: string[] = [];
  walk(abs, abs, paths);
  const hash = createHash("sha256");
  const files: NoteFile[] = [];
  const findings: Finding[] = [];
  let total = 0;
  for (const [i, p] of paths.entries()) {
    const file = path.relative(abs, p).split(path.sep).join("/");
    if (files.length >= MAX_FILES || total >= MAX_TOTAL_BYTES) {
      const why = files.length >= MAX_FILES ? `${MAX_FILES} files` : `${MAX_TOTAL_BYTES / MB} MB`;
      findings.push(
        skippedFileFinding(
          file,
          `The notes folder holds more than ${why}; this file and the ${paths.length - i - 1} after it are not indexed.`,
          `ノートのフォルダが ${why} を超えています。このファイルと以降の ${paths.length - i - 1} 件は索引に入れていません。`,
        ),
      );
      break;
    }
    let size: number;
    try {
      size = fs.statSync(p).size;
    } catch {
      continue;
    }
    if (size > MAX_FILE_BYTES) {
      const mb = (size / MB).toFixed(1);
      findings.push(
        skippedFileFinding(
          file,
          `This file is ${mb} MB, over the ${MAX_FILE_BYTES / MB} MB a note may have; it is not indexed.`,
          `このファイルは ${mb} MB で、上限の ${MAX_FILE_BYTES / MB} MB を超えるため索引に入れていません。`,
        ),
      );
      hash.update(file).update("\0").update(String(size)).update("\0");
      continue;
    }
    let content: string;
    try {
      content = fs.readFileSync(p, "utf8");
    } catch {
      continue;
    }
    total += size;
    hash.update(file).update("\0").update(content).update("\0");
    files.push({ file, content });
  }
  return { dir: abs, label: path.basename(abs), files, hash: hash.digest("hex"), findings };
}
