import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readAnswerCases } from "./answers-eval.js";
import { EXTRA_SET_NAMES, type ExtraSetName, extraSetOf, FOLDERS, folderPath } from "./corpora.js";
import { headingsOf } from "./headings.js";
import { normalizeHeading, readCases } from "./scoring.js";

/**
 * The later sets (fresh and hold; probe and final; exam and spare) are only read here, never run: their numbers come from
 * `tsx test/eval/run.ts --sets <name>` and `tsx test/eval/answers-run.ts --sets <name>`. What is checked is
 * that they still say something true about their folders: the commissioned size, every expected heading
 * present in the folder, every answer phrase present in the bundled note.
 */

/**
 * Least size of each of a folder's later sets (answerable, not covered), as commissioned; the same for each
 * set the folder has. tldr-ja and buildx have only probe and final.
 */
const SIZES: Record<string, [number, number]> = {
  note: [40, 10],
  "k8s-ja": [30, 6],
  tldr: [25, 5],
  "k8s-en": [25, 5],
  "docker-cli": [20, 4],
  "tldr-ja": [25, 5],
  buildx: [20, 4],
};

/**
 * Least size of the exam and spare sets (answerable, not covered), as commissioned: smaller than the sets
 * above, written by a helper from each folder alone, before the engine was run on them.
 */
const EXAM_SIZES: Record<string, [number, number]> = {
  note: [30, 8],
  "k8s-ja": [24, 6],
  tldr: [20, 5],
  "k8s-en": [15, 4],
  "docker-cli": [15, 4],
  "tldr-ja": [15, 4],
  buildx: [12, 3],
  "team-ja": [25, 6],
  "team-en": [20, 5],
};

/** The last pair of sets, sized by EXAM_SIZES and kept apart from every older set. */
const EXAM_PAIR: readonly ExtraSetName[] = ["exam", "spare"];

/**
 * Least size of the check set (answerable, not covered), as commissioned: smaller again, written in a short
 * time box from each folder alone, before the engine was run on it. The blind sets after it have the same
 * sizes on check's five folders.
 */
const CHECK_SIZES: Record<string, [number, number]> = {
  note: [24, 6],
  "k8s-ja": [20, 5],
  tldr: [16, 4],
  "team-ja": [16, 4],
  "team-en": [14, 4],
};

/**
 * Least size of the closing, epilogue, coda, finale and envoi sets (answerable, not covered), as commissioned: each
 * on audit's seven folders, written from each folder alone after the sets before it had been seen.
 */
const SEVEN_FOLDER_SIZES: Record<string, [number, number]> = {
  ...CHECK_SIZES,
  "team-ops": [16, 4],
  "team-web": [18, 5],
};

/**
 * Least sizes of the reprise and postlude sets, written together on audit's seven folders and team-data, as
 * they stand after the questions another set already asked were removed, unread, by a script.
 */
const REPRISE_SIZES: Record<string, [number, number]> = {
  note: [22, 7],
  "k8s-ja": [21, 4],
  tldr: [18, 4],
  "team-ja": [16, 5],
  "team-en": [14, 4],
  "team-ops": [16, 5],
  "team-web": [15, 4],
  "team-data": [22, 6],
};
const EPODE_SIZES: Record<string, [number, number]> = {
  note: [22, 7],
  "k8s-ja": [22, 6],
  tldr: [18, 5],
  "team-ja": [16, 5],
  "team-en": [13, 4],
  "team-ops": [15, 5],
  "team-web": [15, 4],
  "team-data": [18, 5],
};
/** Least sizes of the rondo and cadenza sets, written together after epode had been seen, deduplicated alike. */
const RONDO_SIZES: Record<string, [number, number]> = {
  note: [21, 4],
  "k8s-ja": [20, 5],
  tldr: [15, 4],
  "team-ja": [16, 3],
  "team-en": [13, 3],
  "team-ops": [15, 5],
  "team-web": [16, 5],
  "team-data": [18, 5],
};
const CADENZA_SIZES: Record<string, [number, number]> = {
  note: [19, 6],
  "k8s-ja": [19, 5],
  tldr: [16, 5],
  "team-ja": [14, 3],
  "team-en": [12, 2],
  "team-ops": [15, 5],
  "team-web": [14, 4],
  "team-data": [16, 5],
};
/** Least sizes of the sonata and toccata sets, written together after cadenza had been seen, deduplicated alike. */
const SONATA_SIZES: Record<string, [number, number]> = {
  note: [18, 4],
  "k8s-ja": [16, 5],
  tldr: [15, 4],
  "team-ja": [11, 4],
  "team-en": [10, 3],
  "team-ops": [13, 4],
  "team-web": [15, 3],
  "team-data": [13, 4],
};
const TOCCATA_SIZES: Record<string, [number, number]> = {
  note: [17, 5],
  "k8s-ja": [17, 3],
  tldr: [13, 4],
  "team-ja": [12, 2],
  "team-en": [12, 3],
  "team-ops": [13, 4],
  "team-web": [12, 4],
  "team-data": [14, 4],
};
const POSTLUDE_SIZES: Record<string, [number, number]> = {
  note: [23, 5],
  "k8s-ja": [19, 6],
  tldr: [18, 5],
  "team-ja": [15, 4],
  "team-en": [12, 4],
  "team-ops": [14, 5],
  "team-web": [16, 5],
  "team-data": [22, 6],
};

/**
 * The blind sets written one after another, each after the ones before had been seen, with their least
 * sizes per folder as commissioned: check on five folders; trial adds team-ops, written with it; audit adds
 * team-web, written with it; closing, epilogue, coda, finale and envoi on audit's seven folders; reprise and every set after it (postlude, epode, rondo, cadenza, sonata, toccata) on those and team-data. Each must share no
 * question with any other set of its folder.
 */
const LAST_SIZES: Partial<Record<ExtraSetName, Record<string, [number, number]>>> = {
  check: CHECK_SIZES,
  trial: { ...CHECK_SIZES, "team-ops": [25, 6] },
  audit: { ...CHECK_SIZES, "team-ops": [16, 4], "team-web": [22, 6] },
  closing: SEVEN_FOLDER_SIZES,
  epilogue: SEVEN_FOLDER_SIZES,
  coda: SEVEN_FOLDER_SIZES,
  finale: SEVEN_FOLDER_SIZES,
  envoi: SEVEN_FOLDER_SIZES,
  reprise: REPRISE_SIZES,
  postlude: POSTLUDE_SIZES,
  epode: EPODE_SIZES,
  rondo: RONDO_SIZES,
  cadenza: CADENZA_SIZES,
  sonata: SONATA_SIZES,
  toccata: TOCCATA_SIZES,
};

/** The sets that must share no question with any other set of their folder. */
const LAST_SETS = Object.keys(LAST_SIZES) as ExtraSetName[];

/** The sets not sized by SIZES. */
const NEWER_SETS: readonly ExtraSetName[] = [...EXAM_PAIR, ...LAST_SETS];

/** The commissioned least size of one folder's later set. */
const sizeOf = (key: string, name: ExtraSetName): [number, number] =>
  LAST_SIZES[name]?.[key] ?? (EXAM_PAIR.includes(name) ? EXAM_SIZES[key] : SIZES[key]) ?? [1, 1];

/** Least size of each answer-content set, and of the smaller ones of the sets in LAST_SIZES. */
const ANSWER_SET_SIZE = 30;
const LAST_ANSWER_SET_SIZE = 24;
/** Answer-content sets left smaller once the questions older sets asked were removed (epode: 26 → 22). */
const ANSWER_SET_SIZES: Partial<Record<ExtraSetName, number>> = {
  epode: 22,
  rondo: 19,
  cadenza: 20,
  sonata: 19,
  toccata: 22,
};

const cells = FOLDERS.flatMap((folder) => folder.extraSets.map((name) => [folder, name] as const));

it("gives every folder a commissioned size and every later set to some folder", () => {
  const older = FOLDERS.filter((f) => f.extraSets.some((n) => !NEWER_SETS.includes(n)));
  expect(older.map((f) => f.key).filter((k) => SIZES[k] === undefined)).toEqual([]);
  const examined = FOLDERS.filter((f) => f.extraSets.includes("exam")).map((f) => f.key);
  expect(examined.sort()).toEqual(Object.keys(EXAM_SIZES).sort());
  for (const [name, sizes] of Object.entries(LAST_SIZES)) {
    const having = FOLDERS.filter((f) => f.extraSets.includes(name as ExtraSetName)).map((f) => f.key);
    expect(having.sort(), name).toEqual(Object.keys(sizes ?? {}).sort());
  }
  expect(EXTRA_SET_NAMES.filter((n) => !cells.some(([, name]) => name === n))).toEqual([]);
});

describe.each(cells.map(([f, n]) => [`${f.key}/${n}`, f, n] as const))("the %s set", (_, folder, name) => {
  const set = extraSetOf(folder, name);
  const present = fs.existsSync(folderPath(folder));

  it("has the commissioned number of answerable and not-covered questions", () => {
    const cases = readCases(set.file);
    const [answerable, negatives] = sizeOf(folder.key, name);
    expect(cases.filter((c) => c.expect !== null).length).toBeGreaterThanOrEqual(answerable);
    expect(cases.filter((c) => c.expect === null).length).toBeGreaterThanOrEqual(negatives);
  });

  it.skipIf(!present)("expects only headings the folder has", () => {
    const heads = headingsOf(folderPath(folder));
    const unknown = readCases(set.file).flatMap((c) =>
      (c.expect ?? []).filter((h) => !heads.has(normalizeHeading(h))),
    );
    expect(unknown).toEqual([]);
  });
});

/** The probe and final sets are two different samples: no question is asked in both. */
describe.each(FOLDERS.filter((f) => f.extraSets.includes("probe") && f.extraSets.includes("final")))(
  "the $key probe and final sets",
  (folder) => {
    it("share no question", () => {
      const probe = new Set(readCases(extraSetOf(folder, "probe").file).map((c) => c.q));
      expect(readCases(extraSetOf(folder, "final").file).filter((c) => probe.has(c.q))).toEqual([]);
    });
  },
);

describe.each(EXTRA_SET_NAMES)("the answers/%s.jsonl set", (name) => {
  const cases = readAnswerCases(path.join(import.meta.dirname, "answers", `${name}.jsonl`));
  const note = fs
    .readdirSync(path.resolve(import.meta.dirname, "../../notes"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => fs.readFileSync(path.resolve(import.meta.dirname, "../../notes", f), "utf8"))
    .join("\n");

  const least = ANSWER_SET_SIZES[name] ?? (LAST_SETS.includes(name) ? LAST_ANSWER_SET_SIZE : ANSWER_SET_SIZE);

  it(`has at least ${least} questions`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(least);
  });

  it("asks only for phrases the bundled note holds, and none from a not-covered question", () => {
    expect(cases.flatMap((c) => c.mustContain.filter((m) => !note.includes(m)))).toEqual([]);
    expect(cases.filter((c) => c.kind === "not-covered" && c.mustContain.length > 0)).toEqual([]);
  });
});

it("asks no answer-content question in both the probe and the final set", () => {
  const read = (name: string) => readAnswerCases(path.join(import.meta.dirname, "answers", `${name}.jsonl`));
  const probe = new Set(read("probe").map((c) => c.q));
  expect(read("final").filter((c) => probe.has(c.q))).toEqual([]);
});

/** The questions of every `.jsonl` set in a directory but the named ones. */
const questionsBut = (
  dir: string,
  read: (file: string) => { q: string }[],
  but: readonly ExtraSetName[],
): Set<string> =>
  new Set(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".jsonl") && !but.some((n) => f === `${n}.jsonl`))
      .flatMap((f) => read(path.join(dir, f)).map((c) => c.q)),
  );

/** The questions of every `.jsonl` set in a directory older than the exam and spare ones. */
const olderQuestions = (dir: string, read: (file: string) => { q: string }[]): Set<string> =>
  questionsBut(dir, read, NEWER_SETS);

/**
 * The exam and spare sets are new samples: no question of one is asked in the other or in any older set of
 * the same folder (its per-folder sets, its other later sets, and for the bundled note the older top-level
 * sets).
 */
describe.each(FOLDERS.filter((f) => EXAM_PAIR.every((n) => f.extraSets.includes(n))))(
  "the $key exam and spare sets",
  (folder) => {
    const [exam, spare] = EXAM_PAIR.map((n) => readCases(extraSetOf(folder, n).file).map((c) => c.q));
    const older = olderQuestions(path.dirname(extraSetOf(folder, "exam").file), readCases);
    for (const set of folder.sets) for (const c of readCases(set.file)) older.add(c.q);

    it("share no question with each other", () => {
      const inExam = new Set(exam);
      expect((spare ?? []).filter((q) => inExam.has(q))).toEqual([]);
    });

    it("share no question with the folder's older sets", () => {
      expect([...(exam ?? []), ...(spare ?? [])].filter((q) => older.has(q))).toEqual([]);
    });
  },
);

it("asks no answer-content question of the exam or spare set in the other or in an older set", () => {
  const dir = path.join(import.meta.dirname, "answers");
  const [exam, spare] = EXAM_PAIR.map((n) => readAnswerCases(path.join(dir, `${n}.jsonl`)).map((c) => c.q));
  const inExam = new Set(exam);
  expect((spare ?? []).filter((q) => inExam.has(q))).toEqual([]);
  const older = olderQuestions(dir, readAnswerCases);
  expect([...(exam ?? []), ...(spare ?? [])].filter((q) => older.has(q))).toEqual([]);
});

/**
 * The sets of LAST_SIZES are new samples: none of their questions is asked in any other set of the same folder
 * (its per-folder sets, every other later set, and for the bundled note the older top-level sets).
 */
describe.each(
  FOLDERS.flatMap((f) => LAST_SETS.filter((n) => f.extraSets.includes(n)).map((n) => [f.key, n, f] as const)),
)("the %s %s set", (_, name, folder) => {
  it("shares no question with the folder's other sets", () => {
    const others = questionsBut(path.dirname(extraSetOf(folder, name).file), readCases, [name]);
    for (const set of folder.sets) for (const c of readCases(set.file)) others.add(c.q);
    expect(readCases(extraSetOf(folder, name).file).filter((c) => others.has(c.q))).toEqual([]);
  });
});

it.each(LAST_SETS)("asks no answer-content question of the %s set in any other set", (name) => {
  const dir = path.join(import.meta.dirname, "answers");
  const others = questionsBut(dir, readAnswerCases, [name]);
  expect(readAnswerCases(path.join(dir, `${name}.jsonl`)).filter((c) => others.has(c.q))).toEqual([]);
});
