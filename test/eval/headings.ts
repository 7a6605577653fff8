// The headings a reader of a notes folder sees, for checking that a set's expected headings exist.
import fs from "node:fs";
import path from "node:path";
import { splitSections } from "./baseline.js";
import { normalizeHeading } from "./scoring.js";

/** Every heading a reader of the folder sees: each section's heading and each page's front-matter title. */
export function headingsOf(dir: string): Set<string> {
  const heads = new Set<string>();
  const walk = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith(".md") ? [path.join(d, e.name)] : [],
      );
  for (const file of walk(dir)) {
    const content = fs.readFileSync(file, "utf8");
    for (const s of splitSections(file, content)) heads.add(normalizeHeading(s.heading));
    const title = /^---\n[\s\S]*?^title:\s*"?([^"\n]+?)"?\s*$/m.exec(content)?.[1];
    if (title) heads.add(normalizeHeading(title));
  }
  return heads;
}
