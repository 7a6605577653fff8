import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

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
}

const MAX_FILE_BYTES = 20 * 1024 * 1024;

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
    else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) out.push(full);
  }
}

export class NotesError extends Error {}

/** Reads every markdown file under `dir`, nested folders included, in a stable order. */
export function loadNotes(dir: string): NotesFolder {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
    throw new NotesError(`Notes folder not found: ${abs}`);
  }
  const paths: string[] = [];
  walk(abs, abs, paths);
  const hash = createHash("sha256");
  const files: NoteFile[] = [];
  for (const p of paths) {
    const size = fs.statSync(p).size;
    if (size > MAX_FILE_BYTES) continue;
    const content = fs.readFileSync(p, "utf8");
    const file = path.relative(abs, p).split(path.sep).join("/");
    hash.update(file).update("\0").update(content).update("\0");
    files.push({ file, content });
  }
  return { dir: abs, label: path.basename(abs), files, hash: hash.digest("hex") };
}
