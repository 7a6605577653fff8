import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { z } from "zod";

const requireFrom = createRequire(import.meta.url);

const Item = z.object({
  expandControl: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  midashi: z.string(),
});
const Group = z.object({ id: z.string(), items: z.array(Item) });
export type SudachiGroup = z.infer<typeof Group>;

/** The package's version and its groups, validated. */
export function readSudachiPackage(): { version: string; groups: SudachiGroup[] } {
  const dir = path.dirname(requireFrom.resolve("sudachi-synonyms-dictionary"));
  const pkg = z
    .object({ version: z.string() })
    .parse(JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")));
  const json: unknown = JSON.parse(readFileSync(path.join(dir, "sudachi-synonyms-dictionary.json"), "utf8"));
  return { version: pkg.version, groups: z.array(Group).parse(json) };
}

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The groups a Japanese word of a question can expand, one a line: the words in use (expandControl 2 marks a
 * word kept only as a record of a removed entry), NFKC and lower case, `!` before a word that does not expand
 * (1: a synonym of the others, not a trigger); only groups of two words or more with a Japanese trigger.
 */
export function compactSynonymGroups(groups: readonly SudachiGroup[]): string {
  const lines: string[] = [];
  for (const g of groups) {
    const items = g.items.filter((i) => i.expandControl !== 2);
    const words = [...new Map(items.map((i) => [i.midashi.normalize("NFKC").toLowerCase(), i])).entries()];
    if (words.length < 2) continue;
    if (!words.some(([w, i]) => i.expandControl === 0 && JAPANESE.test(w))) continue;
    lines.push(words.map(([w, i]) => (i.expandControl === 0 ? w : `!${w}`)).join("\t"));
  }
  return lines.join("\n");
}
