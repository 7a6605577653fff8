import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as Yaml from "yaml";
import type { LineCounter, Node, parseDocument } from "yaml";
import { z } from "zod";
import type { KnowledgeIndex, StoredEntry } from "../../knowledge/search.js";
import { UserError } from "../errors.js";
import { idOf } from "../quiz/random.js";

export interface Lesson {
  /** Stable: derived from the file and the heading anchor, not from the text. */
  id: string;
  title: string;
  unit: string;
  /** The lesson's own section first, then its subsections. */
  sections: StoredEntry[];
  path: string[];
  source: string;
  optional: boolean;
  minutes: number;
}

export interface Curriculum {
  lessons: Lesson[];
  /** Where it came from: the notes' headings, or curriculum.yaml. */
  origin: "headings" | "curriculum.yaml";
}

/**
 * `yaml`, loaded on first use: only a team's curriculum.yaml needs it, and most starts never read one. It is
 * CommonJS, so a synchronous require loads it wherever this runs (built, bundled, tsx, vitest).
 */
const requireHere = createRequire(import.meta.url);
let yamlModule: typeof Yaml | undefined;
const yaml = (): typeof Yaml => {
  yamlModule ??= requireHere("yaml") as typeof Yaml;
  return yamlModule;
};

/** Reading time: about 500 Japanese characters or 200 English words a minute, at least one minute. */
export function readingMinutes(text: string): number {
  const cjk = (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? []).length;
  const words = (
    text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu, " ").match(/[A-Za-z]+/g) ?? []
  ).length;
  return Math.max(1, Math.round(cjk / 500 + words / 200));
}

function hasTeachingContent(e: StoredEntry): boolean {
  return e.text.replace(/\s/g, "").length >= 20 || (e.examples ?? []).length > 0;
}

function lessonOf(
  unit: string,
  head: StoredEntry,
  children: StoredEntry[],
  optional = false,
  title?: string,
): Lesson {
  const sections = [head, ...children];
  const text = sections.map((s) => [s.text, ...(s.examples ?? [])].join("\n")).join("\n");
  return {
    id: idOf("lesson", head.file, head.anchor),
    title: title ?? head.path[head.path.length - 1] ?? head.title,
    unit,
    sections,
    path: head.path,
    source: head.source,
    optional,
    minutes: readingMinutes(text),
  };
}

/**
 * The course derived from the notes' structure: each top-level heading is a unit, its sections are the
 * lessons (subsections folded into their lesson), in the notes' order. Sections without teaching content
 * (a table of contents, an empty heading) are skipped.
 */
export function curriculumFromHeadings(index: KnowledgeIndex): Lesson[] {
  const sections = index.allEntries("section");
  const lessons: Lesson[] = [];
  const groups = new Map<string, StoredEntry[]>();
  for (const s of sections) {
    if (s.path.length === 1) {
      if (hasTeachingContent(s)) lessons.push(lessonOf(s.path[0] ?? s.title, s, []));
      continue;
    }
    const key = [s.file, s.path[0], s.path[1]].join("\u0000");
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
      // A placeholder keeps the lesson at its place in the notes' order; filled in below.
      lessons.push({ id: key } as Lesson);
    }
    group.push(s);
  }
  return lessons
    .map((l) => {
      const group = groups.get(l.id);
      if (!group) return l;
      if (!group.some(hasTeachingContent)) return null;
      const head = group.find((s) => s.path.length === 2) ?? (group[0] as StoredEntry);
      const lesson = lessonOf(
        head.path[0] ?? head.title,
        head,
        group.filter((s) => s !== head),
        false,
        head.path[1],
      );
      return {
        ...lesson,
        path: head.path.slice(0, 2),
        id: idOf("lesson", head.file, head.path[0] ?? "", head.path[1] ?? ""),
      };
    })
    .filter((l): l is Lesson => l !== null);
}

const lessonSchema = z.union([
  z.string().min(1),
  z.object({
    section: z.string().min(1, "names a heading"),
    title: z.string().min(1).optional(),
    optional: z.boolean().default(false),
  }),
]);

export const curriculumFileSchema = z.object({
  units: z
    .array(
      z.object({
        title: z.string().min(1),
        lessons: z.array(lessonSchema).min(1, "needs at least one lesson"),
      }),
    )
    .min(1, "needs at least one unit"),
});

/** A mistake in curriculum.yaml, with file and line; shown to whoever asked for a lesson. */
export class CurriculumError extends UserError {}

function lineOfPath(
  doc: ReturnType<typeof parseDocument>,
  lc: LineCounter,
  pathParts: (string | number)[],
): number {
  let node: unknown = doc.contents;
  let last: Node | null = null;
  const { isMap, isSeq } = yaml();
  for (const p of pathParts) {
    if (isMap(node)) node = node.get(p, true);
    else if (isSeq(node)) node = node.get(Number(p), true);
    else break;
    if (node && typeof node === "object" && "range" in node) last = node as Node;
  }
  return lc.linePos(last?.range?.[0] ?? 0).line;
}

/** Finds a section by heading (`Docker › Pod`, `Pod`) or anchor (`#pod`). */
function findSection(sections: StoredEntry[], ref: string): StoredEntry | undefined {
  const r = ref.trim();
  if (r.startsWith("#")) return sections.find((s) => s.anchor === r.slice(1));
  const parts = r.split(/\s*›\s*|\s*>\s*/).filter(Boolean);
  return (
    sections.find((s) => s.path.join(" › ") === parts.join(" › ")) ??
    sections.find((s) => s.path[s.path.length - 1] === r)
  );
}

/** Reads `curriculum.yaml` beside the notes: order, titles, which sections, which lessons are optional. */
export function curriculumFromFile(index: KnowledgeIndex, file: string): Lesson[] {
  const text = fs.readFileSync(file, "utf8");
  const { LineCounter, parseDocument } = yaml();
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  const name = path.basename(file);
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new CurriculumError(`${name}:${e?.linePos?.[0]?.line ?? 1}: ${e?.message.split("\n")[0]}`);
  }
  const parsed = curriculumFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? lineOfPath(doc, lc, issue.path as (string | number)[]) : 1;
    throw new CurriculumError(
      `${name}:${where}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "is invalid"}`.trim(),
    );
  }
  const sections = index.allEntries("section");
  const lessons: Lesson[] = [];
  parsed.data.units.forEach((unit, u) => {
    unit.lessons.forEach((l, i) => {
      const ref = typeof l === "string" ? l : l.section;
      const s = findSection(sections, ref);
      if (!s) {
        const line = lineOfPath(doc, lc, ["units", u, "lessons", i]);
        throw new CurriculumError(`${name}:${line}: no heading "${ref}" in the notes`);
      }
      const children = sections.filter(
        (c) => c.file === s.file && c.path.length > s.path.length && s.path.every((p, k) => c.path[k] === p),
      );
      lessons.push(
        lessonOf(
          unit.title,
          s,
          children,
          typeof l === "string" ? false : l.optional,
          typeof l === "string" ? undefined : l.title,
        ),
      );
    });
  });
  return lessons;
}

/** The team's curriculum.yaml when there is one beside the notes, else the notes' headings. */
export function loadCurriculum(index: KnowledgeIndex, notesDir: string): Curriculum {
  const file = path.join(notesDir, "curriculum.yaml");
  if (fs.existsSync(file)) return { lessons: curriculumFromFile(index, file), origin: "curriculum.yaml" };
  return { lessons: curriculumFromHeadings(index), origin: "headings" };
}
