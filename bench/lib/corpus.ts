import fs from "node:fs";
import path from "node:path";

export interface Corpus {
  name: string;
  dir: string;
  files: number;
  bytes: number;
  /** How the corpus was made, for the printout. */
  origin: string;
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownFiles(full));
    else if (/\.md$/i.test(e.name) && !/^licen[cs]e/i.test(e.name)) out.push(full);
  }
  return out;
}

function copy(from: string, to: string): number {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  return fs.statSync(to).size;
}

/** A notes folder holding only the note. */
export function noteCorpus(root: string, note: string): Corpus {
  const dir = path.join(root, "note");
  const bytes = copy(note, path.join(dir, path.basename(note)));
  return { name: "note", dir, files: 1, bytes, origin: path.basename(note) };
}

/**
 * A notes folder about `factor` times the note's size: the note, then the external corpora's markdown
 * (licence texts left out) copied round by round into `copy-N/` until the size is reached. Without the
 * corpora, copies of the note fill it instead.
 */
export function largeCorpus(root: string, note: string, corpora: string, factor: number): Corpus {
  const dir = path.join(root, `x${factor}`);
  let bytes = copy(note, path.join(dir, path.basename(note)));
  const target = bytes * factor;
  const available = fs.existsSync(corpora) ? markdownFiles(corpora) : [];
  const sources = available.length > 0 ? available : [note];
  const base = available.length > 0 ? corpora : path.dirname(note);
  let files = 1;
  for (let round = 0; bytes < target; round++) {
    for (const src of sources) {
      if (bytes >= target) break;
      bytes += copy(src, path.join(dir, `copy-${round}`, path.relative(base, src)));
      files++;
    }
  }
  const origin =
    available.length > 0
      ? `note + ${available.length} markdown files of ${corpora}, repeated`
      : `note repeated (${corpora} not found)`;
  return { name: `x${factor}`, dir, files, bytes, origin };
}
