// Does the reply follow the search? `npm run eval:follow [-- --folders note,tldr] [--verbose] [--json]`
// For every seen ask question (each folder's sets and later sets, toccata excepted: it is read only as totals)
// whose first result is an expected heading, whether the /ask reply's main citation is one too: a reply that
// shows another section's lines under a right first result is what the person reads, not what was ranked.
import fs from "node:fs";
import { z } from "zod";
import { scriptArgs, usageError } from "../helpers/script-args.js";
import { invocation, openTestTutor } from "../helpers/tutor.js";
import {
  answerOf,
  EXTRA_SET_NAMES,
  extraSetsOf,
  FOLDERS,
  folderPath,
  unknownFoldersMessage,
} from "./corpora.js";
import { type EvalCase, normalizeHeading, readCases, score } from "./scoring.js";

/** The blind set, never looked into case by case. */
const BLIND = "toccata";
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/u;

const argsSchema = z.object({
  folders: z
    .string()
    .optional()
    .transform((s) => s?.split(",").map((f) => f.trim())),
  verbose: z.boolean().default(false),
  json: z.boolean().default(false),
});
const USAGE = `usage: npm run eval:follow -- [--folders ${FOLDERS.map((f) => f.key).join(",")}] [--verbose] [--json]`;
const raw = scriptArgs(
  { options: { folders: { type: "string" }, verbose: { type: "boolean" }, json: { type: "boolean" } } },
  USAGE,
).values;
const parsedArgs = argsSchema.safeParse(raw);
if (!parsedArgs.success) usageError(USAGE, parsedArgs.error.message);
const unknownFolders = unknownFoldersMessage(parsedArgs.data.folders);
if (unknownFolders) usageError(USAGE, unknownFolders);
const values = parsedArgs.data;
const wanted = values.folders;

interface FolderFollow {
  folder: string;
  /** Ask questions whose first result is right. */
  rightFirst: number;
  /** Of those, replies whose main citation is an expected heading. */
  followed: number;
  misses: { q: string; cited: string; expected: string[] }[];
}

const report: FolderFollow[] = [];
for (const folder of FOLDERS.filter((f) => !wanted || wanted.includes(f.key))) {
  const dir = folderPath(folder);
  if (!fs.existsSync(dir)) {
    if (!values.json) console.log(`[${folder.key}] skipped: folder ${dir} not found`);
    continue;
  }
  const sets = [
    ...folder.sets,
    ...EXTRA_SET_NAMES.filter((n) => n !== BLIND).flatMap((n) => extraSetsOf(folder, n)),
  ];
  // One question once, though several sets ask it.
  const cases = new Map<string, EvalCase>();
  for (const set of sets)
    for (const c of readCases(set.file)) if (c.mode === "ask" && c.expect) cases.set(c.q, c);
  const env = openTestTutor({ notesDir: dir, name: "eval-follow" });
  const row: FolderFollow = { folder: folder.key, rightFirst: 0, followed: 0, misses: [] };
  try {
    for (const c of cases.values()) {
      if (!score(c, answerOf(env.tutor.index.ask(c.q).response)).top1) continue;
      row.rightFirst++;
      const reply = await env.tutor.runText(invocation(JAPANESE.test(c.q) ? "ja" : "en"), `/ask ${c.q}`);
      const cited = reply.citations[0]?.path.at(-1) ?? "";
      const expected = c.expect ?? [];
      if (cited && expected.map(normalizeHeading).includes(normalizeHeading(cited))) row.followed++;
      else row.misses.push({ q: c.q, cited: cited || "-", expected });
    }
  } finally {
    env.close();
  }
  report.push(row);
  if (values.json) continue;
  console.log(`[${folder.key}] reply follows a right first result: ${row.followed}/${row.rightFirst}`);
  if (values.verbose)
    for (const m of row.misses) console.log(`  "${m.q}" → ${m.cited} (expected ${m.expected.join(" | ")})`);
}
if (values.json) console.log(JSON.stringify(report, null, 2));
else {
  const followed = report.reduce((s, r) => s + r.followed, 0);
  const right = report.reduce((s, r) => s + r.rightFirst, 0);
  console.log(`all: ${followed}/${right}`);
}
