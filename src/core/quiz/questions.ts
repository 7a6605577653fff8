import { findCommand } from "../../knowledge/catalog/index.js";
import type { Bilingual, CatalogCommand, CatalogFlag } from "../../knowledge/catalog/types.js";
import { breakDown } from "../../knowledge/command-line.js";
import type { KnowledgeIndex, StoredEntry } from "../../knowledge/search.js";
import { bestPassage, flagSentence } from "../answers/passages.js";
import type { Citation } from "../reply.js";
import { idOf, rng, seedOf, shuffle } from "./random.js";

export type QuestionKind =
  | "which-command"
  | "flag-meaning"
  | "term-for-definition"
  | "definition-for-term"
  | "fill-blank";

/** A multiple-choice question, stored as asked (`quiz_questions.json`). */
export interface Question {
  /** Derived from the content and the source: a re-worded note gives a new id. */
  id: string;
  kind: QuestionKind;
  /** Top-level heading of the source (Docker, Kubernetes, …). */
  topic: string;
  /** What the question is about: a definition, a flag, a command's one-liner. */
  subject: Bilingual;
  /** A manifest or Dockerfile with a blank (fill-blank), or the command a flag belongs to. */
  code?: string;
  choices: string[];
  /** The same choices in Japanese, when they are the bot's words rather than the notes' (flag meanings). */
  choicesJa?: string[];
  answer: number;
  /** The notes' words that explain the answer. */
  explanation: string;
  /** When the notes have an erratum here: the question uses the corrected form and says so. */
  erratum?: Bilingual;
  source: Citation;
}

interface Subject {
  kind: QuestionKind;
  key: string;
  build(random: () => number): Question | null;
}

interface Finding {
  file: string;
  line: number;
  excerpt: string;
  correction?: string;
  message: Bilingual;
}

const CHOICES = 4;
/** Dockerfile instructions that can stand in for each other: never offered together. */
const SAME_MEANING = [new Set(["CMD", "ENTRYPOINT"]), new Set(["COPY", "ADD"])];
const DOCKERFILE_CHOICES = [
  "FROM",
  "RUN",
  "COPY",
  "CMD",
  "WORKDIR",
  "ENV",
  "EXPOSE",
  "USER",
  "LABEL",
  "ARG",
  "VOLUME",
];
const MANIFEST_KEYS = [
  "replicas",
  "containerPort",
  "image",
  "selector",
  "matchLabels",
  "template",
  "containers",
  "kind",
  "apiVersion",
  "labels",
];

function norm(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

function topicOf(e: StoredEntry): string {
  return e.path[0] ?? e.title;
}

function citation(e: StoredEntry): Citation {
  return { path: e.path, source: e.source };
}

function flagLabel(f: CatalogFlag): string {
  return f.long ? `--${f.long}` : `-${f.short}`;
}

/** Both spellings of a flag as a person reads them: `-t, --tty`. */
function flagDisplay(f: CatalogFlag): string {
  return [f.short ? `-${f.short}` : "", f.long ? `--${f.long}` : ""].filter(Boolean).join(", ");
}

/** How a term is written: INSTRUCTION, hyphen-name, Capitalized Words, or Japanese. */
function termShape(term: string): string {
  if (/^[A-Z]+$/.test(term)) return "instruction";
  if (/^[a-z][a-z0-9-]*$/.test(term)) return "name";
  if (/^[A-Za-z]/.test(term)) return "words";
  return "japanese";
}

/** Said in the explanation of a question that rests on the command reference alone, not on the notes. */
export const FROM_REFERENCE =
  "📖 コマンドリファレンスより (ノートには説明がありません) / from the command reference: your notes do not explain it";

/**
 * What the notes say a command does: the comment above one of its lines in a code block, else the sentence
 * introducing the block, unless it gives the answer away (it names one of the commands).
 */
function notesCaption(
  commands: readonly StoredEntry[],
  name: string,
  names: readonly string[],
): string | undefined {
  const words = new Set(names.flatMap((n) => n.split(" ").slice(1)).map((w) => w.toLowerCase()));
  for (const e of commands.filter((c) => c.command === name)) {
    const lists = ["comments", "leads"].map((k) => e.data?.[k]);
    for (const list of lists) {
      if (!Array.isArray(list)) continue;
      for (const caption of list) {
        const text = String(caption).trim();
        const lower = text.toLowerCase();
        if (text && ![...words].some((w) => lower.includes(w)) && !/docker|kubectl/i.test(text)) return text;
      }
    }
  }
  return undefined;
}

function flagForms(f: CatalogFlag): string[] {
  return [f.long ? `--${f.long}` : "", f.short ? `-${f.short}` : ""].filter(Boolean);
}

/** Builds questions from the notes' index: every subject the notes teach, each with a seeded generator. */
export class QuestionBank {
  private readonly subjects: Subject[] = [];
  private readonly findings: Finding[];

  constructor(private readonly index: KnowledgeIndex) {
    this.findings = index.findings();
    this.addCommandSubjects();
    this.addFlagSubjects();
    this.addTermSubjects();
    this.addBlankSubjects();
  }

  get size(): number {
    return this.subjects.length;
  }

  topics(): string[] {
    return [...new Set(this.index.headings().map((h) => h.path[0] ?? h.title))];
  }

  /** Does a question's source fall under the topic (any heading of its path contains it)? */
  static matchesTopic(q: Question, topic: string | undefined): boolean {
    if (!topic) return true;
    const t = norm(topic);
    return q.source.path.some((h) => norm(h).includes(t));
  }

  /** The question for a seed: deterministic, validated; optionally within a topic. */
  generate(seed: number, topic?: string): Question | null {
    return this.generateWhere(seed, (q) => QuestionBank.matchesTopic(q, topic));
  }

  /** The question for a seed among those `accept` takes (an onboarding lesson's sections). */
  generateWhere(
    seed: number,
    accept: (q: Question) => boolean,
    exclude: ReadonlySet<string> = new Set(),
  ): Question | null {
    const random = rng(seed);
    const order = shuffle(this.subjects, random);
    for (const s of order) {
      const q = s.build(rng(seedOf(`${seed}:${s.key}`)));
      if (q && !exclude.has(q.id) && accept(q) && validateQuestion(q, this.findings).length === 0) return q;
    }
    return null;
  }

  /** How many different subjects have a valid question among those `accept` takes. */
  countWhere(accept: (q: Question) => boolean): number {
    return this.all().filter((q) => accept(q) && validateQuestion(q, this.findings).length === 0).length;
  }

  /** Every subject's question for one seed (a "pool"), for validators and benchmarks. */
  all(seed = 0): Question[] {
    return this.subjects
      .map((s) => s.build(rng(seedOf(`${seed}:${s.key}`))))
      .filter((q): q is Question => q !== null);
  }

  private findingsAt(e: StoredEntry): Finding[] {
    return this.findings.filter((f) => f.file === e.file && f.line === e.line);
  }

  private addCommandSubjects(): void {
    const commands = this.index.allEntries("command");
    const names = [...new Set(commands.map((c) => c.command).filter((c): c is string => Boolean(c)))];
    const captions = new Map(names.map((n) => [n, notesCaption(commands, n, names)] as const));
    const counts = new Map<string, number>();
    for (const c of captions.values()) if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
    for (const name of names) {
      const cmd = findCommand(name);
      const entry = commands.find((c) => c.command === name);
      if (!cmd || !entry) continue;
      // The question asks what the notes say the command does (their comment or intro for it), when that
      // names one command only; otherwise it rests on the command reference's one-liner, and says so.
      const caption = captions.get(name);
      const own = caption && counts.get(caption) === 1 ? caption : undefined;
      this.subjects.push({
        kind: "which-command",
        key: `which-command:${name}`,
        build: (random) => {
          const others = names.filter((n) => n !== name && findCommand(n)?.summary.en !== cmd.summary.en);
          const sameTool = others.filter((n) => n.split(" ")[0] === cmd.tool);
          const pool = sameTool.length >= CHOICES - 1 ? sameTool : others;
          const distractors = shuffle(pool, random).slice(0, CHOICES - 1);
          if (distractors.length < CHOICES - 1) return null;
          const choices = shuffle([name, ...distractors], random);
          return {
            id: idOf("which-command", name, entry.source, entry.text),
            kind: "which-command",
            topic: topicOf(entry),
            subject: own ? { en: own, ja: own } : cmd.summary,
            choices,
            answer: choices.indexOf(name),
            explanation: [
              entry.data?.lead ? String(entry.data.lead) : bestPassage(entry.text, name.split(" "), 200),
              ...(entry.examples ?? []).slice(0, 2).map((x) => `\`${x}\``),
              ...(own ? [] : [FROM_REFERENCE]),
            ].join("\n"),
            source: citation(entry),
          };
        },
      });
    }
  }

  /** Flags the notes use or explain, per command: from option tables and from example lines. */
  private addFlagSubjects(): void {
    const seen = new Set<string>();
    const add = (
      cmd: CatalogCommand,
      flag: CatalogFlag,
      entry: StoredEntry,
      notesText: string | null,
      erratum?: Bilingual,
    ) => {
      const key = `${cmd.name} ${flagLabel(flag)}`;
      if (seen.has(key)) return;
      seen.add(key);
      this.subjects.push({
        kind: "flag-meaning",
        key: `flag:${key}`,
        build: (random) => {
          // Wrong answers a newcomer could meet: no deprecated or hidden flag, and flags with a one-liner of
          // their own in Japanese before those the reference only describes in English.
          const candidates = cmd.flags.filter(
            (f) =>
              f !== flag &&
              !f.deprecated &&
              !f.hidden &&
              f.summary.en !== flag.summary.en &&
              !flagForms(f).some((x) => flagForms(flag).includes(x)),
          );
          const described = (f: (typeof candidates)[number]) =>
            f.summary.ja !== f.summary.en && !/英語のみ/.test(f.summary.ja);
          const shuffled = shuffle(candidates, random);
          const distractors = [...shuffled.filter(described), ...shuffled.filter((f) => !described(f))].slice(
            0,
            CHOICES - 1,
          );
          if (distractors.length < CHOICES - 1) return null;
          const all = shuffle([flag, ...distractors], random);
          const q: Question = {
            id: idOf("flag-meaning", key, entry.source, notesText ?? ""),
            kind: "flag-meaning",
            topic: topicOf(entry),
            subject: { en: flagDisplay(flag), ja: flagDisplay(flag) },
            code: cmd.name,
            choices: all.map((f) => f.summary.en),
            choicesJa: all.map((f) => f.summary.ja),
            answer: all.indexOf(flag),
            explanation: notesText ?? `${flag.summary.ja}\n${FROM_REFERENCE}`,
            source: citation(entry),
          };
          if (erratum) q.erratum = erratum;
          return q;
        },
      });
    };
    for (const opt of this.index.allEntries("option")) {
      const cmd = opt.command ? findCommand(opt.command) : undefined;
      if (!cmd) continue;
      const typed = String(opt.data?.typed ?? opt.title);
      const fixed = String(opt.data?.correction ?? typed);
      const flag = cmd.flags.find((f) => flagForms(f).includes(fixed));
      if (!flag) continue;
      const finding = this.findingsAt(opt)[0];
      add(cmd, flag, opt, opt.text, finding ? finding.message : undefined);
    }
    const sections = this.index.allEntries("section");
    for (const entry of this.index.allEntries("command")) {
      const cmd = entry.command ? findCommand(entry.command) : undefined;
      if (!cmd) continue;
      for (const line of entry.examples ?? []) {
        for (const p of breakDown(line).pieces) {
          if (p.kind !== "flag" || p.correction) continue;
          const sentence = flagSentence(
            [entry, ...sections.filter((s) => s.source === entry.source)],
            flagForms(p.flag),
          );
          add(cmd, p.flag, entry, sentence?.text ?? null);
        }
      }
    }
  }

  private addTermSubjects(): void {
    // A term row the notes got wrong (RUN written for FROM) is asked with its corrected name.
    const terms = this.index.allEntries("term").map((e) => {
      const fix = this.findingsAt(e).find((f) => f.correction);
      return { entry: e, term: fix?.correction ?? e.title, definition: e.text, erratum: fix?.message };
    });
    const unique = terms.filter(
      (t, i) => terms.findIndex((x) => norm(x.term) === norm(t.term)) === i && t.definition.length >= 4,
    );
    for (const t of unique) {
      const others = unique.filter((o) => o !== t && norm(o.definition) !== norm(t.definition));
      // Plausible distractors first: terms of the same section (components with components), then terms
      // written alike (instructions like RUN with instructions, names like kube-scheduler with names) in
      // the same topic, then alike elsewhere, then the rest of the topic, then anything.
      const sameSection = (o: (typeof unique)[number]) => o.entry.source === t.entry.source;
      const alike = (o: (typeof unique)[number]) => termShape(o.term) === termShape(t.term);
      const sameTopic = (o: (typeof unique)[number]) => topicOf(o.entry) === topicOf(t.entry);
      const ordered = (random: () => number) => {
        const tiers = [
          others.filter(sameSection),
          others.filter((o) => !sameSection(o) && sameTopic(o) && alike(o)),
          others.filter((o) => !sameSection(o) && !sameTopic(o) && alike(o)),
          others.filter((o) => !sameSection(o) && sameTopic(o) && !alike(o)),
          others.filter((o) => !sameSection(o) && !sameTopic(o) && !alike(o)),
        ];
        return tiers.flatMap((tier) => shuffle(tier, random));
      };
      this.subjects.push({
        kind: "term-for-definition",
        key: `term:${t.term}`,
        build: (random) => {
          // A distractor named inside the definition would confuse; leave those out.
          const distractors = ordered(random)
            .filter((o) => !norm(t.definition).includes(norm(o.term)))
            .slice(0, CHOICES - 1);
          if (distractors.length < CHOICES - 1) return null;
          const choices = shuffle([t.term, ...distractors.map((d) => d.term)], random);
          const q: Question = {
            id: idOf("term-for-definition", t.term, t.entry.source, t.definition),
            kind: "term-for-definition",
            topic: topicOf(t.entry),
            subject: { en: t.definition, ja: t.definition },
            choices,
            answer: choices.indexOf(t.term),
            explanation: `${t.term} — ${t.definition}`,
            source: citation(t.entry),
          };
          if (t.erratum) q.erratum = t.erratum;
          return q;
        },
      });
      this.subjects.push({
        kind: "definition-for-term",
        key: `definition:${t.term}`,
        build: (random) => {
          const distractors = ordered(random).slice(0, CHOICES - 1);
          if (distractors.length < CHOICES - 1) return null;
          const choices = shuffle([t.definition, ...distractors.map((d) => d.definition)], random);
          const q: Question = {
            id: idOf("definition-for-term", t.term, t.entry.source, t.definition),
            kind: "definition-for-term",
            topic: topicOf(t.entry),
            subject: { en: t.term, ja: t.term },
            choices,
            answer: choices.indexOf(t.definition),
            explanation: `${t.term} — ${t.definition}`,
            source: citation(t.entry),
          };
          if (t.erratum) q.erratum = t.erratum;
          return q;
        },
      });
    }
  }

  /** The code of an example with the notes' own corrections applied; null when a problem has no fix. */
  private correctedCode(e: StoredEntry): { code: string; erratum?: Bilingual } | null {
    const code = e.examples?.[0];
    if (!code) return null;
    const length = code.split("\n").length;
    const inside = this.findings.filter(
      (f) => f.file === e.file && f.line > e.line && f.line <= e.line + length + 1,
    );
    let fixed = code;
    for (const f of inside) {
      if (!f.correction || !fixed.includes(f.excerpt)) return null;
      fixed = fixed.replace(f.excerpt, f.correction);
    }
    const first = inside[0];
    return first ? { code: fixed, erratum: first.message } : { code: fixed };
  }

  private addBlankSubjects(): void {
    for (const e of this.index.allEntries("example")) {
      const corrected = this.correctedCode(e);
      if (!corrected) continue;
      const { code, erratum } = corrected;
      const isDockerfile = e.data?.format === "dockerfile";
      const keys = isDockerfile
        ? [...new Set(code.split("\n").map((l) => /^([A-Z]+)\s/.exec(l.trim())?.[1] ?? ""))].filter((k) =>
            DOCKERFILE_CHOICES.includes(k),
          )
        : MANIFEST_KEYS.filter((k) => new RegExp(`^\\s*-?\\s*${k}:`, "m").test(code));
      for (const key of keys) {
        this.subjects.push({
          kind: "fill-blank",
          key: `blank:${e.key}:${key}`,
          build: (random) => {
            const pattern = isDockerfile
              ? new RegExp(`^(\\s*)${key}(?=\\s)`, "gm")
              : new RegExp(`^(\\s*-?\\s*)${key}(?=:)`, "gm");
            const blanked = code.replace(pattern, "$1____");
            const filled = code
              .split("\n")
              .find((l) => new RegExp(isDockerfile ? `^\\s*${key}\\s` : `^\\s*-?\\s*${key}:`).test(l));
            const pool = (isDockerfile ? DOCKERFILE_CHOICES : MANIFEST_KEYS).filter(
              (k) => k !== key && !SAME_MEANING.some((g) => g.has(k) && g.has(key)),
            );
            const distractors = shuffle(pool, random).slice(0, CHOICES - 1);
            const choices = shuffle([key, ...distractors], random);
            const q: Question = {
              id: idOf("fill-blank", key, e.source, code),
              kind: "fill-blank",
              topic: topicOf(e),
              subject: isDockerfile ? { en: "Dockerfile", ja: "Dockerfile" } : { en: e.title, ja: e.title },
              code: blanked,
              choices,
              answer: choices.indexOf(key),
              explanation: [`\`${(filled ?? key).trim()}\``, ...(e.text ? [e.text] : [])].join("\n"),
              source: citation(e),
            };
            if (erratum) q.erratum = erratum;
            return q;
          },
        });
      }
    }
  }
}

/** Problems with a question; [] when it is fit to ask. */
export function validateQuestion(
  q: Question,
  findings: readonly { excerpt: string; correction?: string }[] = [],
): string[] {
  const problems: string[] = [];
  if (q.choices.length < 3 || q.choices.length > 5) problems.push(`has ${q.choices.length} choices`);
  if (q.answer < 0 || q.answer >= q.choices.length) problems.push("answer index out of range");
  const normalized = q.choices.map(norm);
  if (q.choicesJa && new Set(q.choicesJa.map(norm)).size !== q.choicesJa.length)
    problems.push("two Japanese choices read the same");
  if (new Set(normalized).size !== normalized.length) problems.push("two choices read the same");
  if (q.choices.some((c) => c.trim() === "")) problems.push("an empty choice");
  if (!q.explanation.trim()) problems.push("no explanation");
  if (!q.source.source || q.source.path.length === 0) problems.push("no source");
  if (q.kind === "which-command") {
    const cmds = q.choices.map((c) => findCommand(c));
    if (cmds.some((c) => !c)) problems.push("a choice is not a real command");
    if (new Set(cmds.map((c) => c?.name)).size !== cmds.length)
      problems.push("two choices are the same command");
  }
  if (q.kind === "fill-blank") {
    for (const g of SAME_MEANING)
      if (q.choices.filter((c) => g.has(c)).length > 1) problems.push("two choices could both be right");
    if (!q.code?.includes("____")) problems.push("no blank");
  }
  // Never rest on an erratum: no wrong form the notes have may be offered or shown.
  const wrong = findings.filter((f) => f.correction).map((f) => f.excerpt.trim());
  const shown = [q.code ?? "", ...q.choices, q.subject.en].join("\n");
  for (const w of wrong) if (w.length > 2 && shown.includes(w)) problems.push(`shows the erratum "${w}"`);
  if (/(^|\s)-rm(\s|$)/.test(shown)) problems.push("shows -rm");
  return problems;
}
