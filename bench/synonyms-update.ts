// `npm run synonyms:update`
//
// Regenerates src/knowledge/generated/sudachi-synonyms.ts, the synonym groups the bot reads, from the
// `sudachi-synonyms-dictionary` package (Sudachi's synonym dictionary as JSON, a dev dependency): every group
// with two words or more that a Japanese word can expand, in the compact form `synonym-dictionary.ts` reads.
// Development time only: the bot reads the snapshot, never the package.

import { writeFileSync } from "node:fs";
import path from "node:path";
import { compactSynonymGroups, readSudachiPackage, sudachiModule } from "./lib/sudachi.js";

const OUT = path.join(import.meta.dirname, "../src/knowledge/generated/sudachi-synonyms.ts");

const { version, groups } = readSudachiPackage();
const text = compactSynonymGroups(groups);
writeFileSync(OUT, sudachiModule(version, text));
console.log(`${OUT}: ${text.split("\n").length} groups from sudachi-synonyms-dictionary ${version}`);
