import { findCommand } from "../../knowledge/catalog/index.js";
import { referenceMessage } from "../../knowledge/catalog/messages.js";
import {
  breakDown,
  breakDownLine,
  type Piece,
  runnerMeaning,
  type Segment,
} from "../../knowledge/command-line.js";
import type { ExplainOutcome, StoredEntry } from "../../knowledge/search.js";
import type { Invocation } from "../commands/types.js";
import { type Locale, t } from "../i18n.js";
import { type Block, type Field, type Reply, reply } from "../reply.js";
import type { KnowledgeContext } from "../context.js";
import { notFoundReply, relevantFindings } from "./common.js";
import { asksForHelp, withoutHelpLines } from "./command-lines.js";
import { citationOf, framedAnswer } from "./frame.js";
import { bestPassage, flagSentence, sentences, termHits } from "./passages.js";
import { proseWithCode } from "./section-code.js";

const NOTES = "📒";
const CATALOG = "📖";

function flagForms(p: Extract<Piece, { kind: "flag" }>): string[] {
  return [p.flag.short ? `-${p.flag.short}` : "", p.flag.long ? `--${p.flag.long}` : "", p.text].filter(
    Boolean,
  );
}

/** One field per piece of the command line, from the notes where they explain it, else from the catalog. */
function breakdownFields(
  tutor: KnowledgeContext,
  outcome: ExplainOutcome,
  locale: Locale,
  notesEntries: StoredEntry[],
): Field[] {
  const fields: Field[] = [];
  const command = outcome.breakdown.match?.command;
  const options = tutor.index.allEntries("option").filter((e) => e.command === command?.name);
  for (const p of outcome.breakdown.pieces) {
    switch (p.kind) {
      case "command":
        fields.push({
          name: p.text,
          value: `${CATALOG} ${command?.summary[locale] ?? p.canonical} (\`${p.canonical}\`)`,
        });
        break;
      case "flag": {
        const forms = flagForms(p);
        const option = options.find((o) => {
          const typed = String(o.data?.typed ?? "");
          const fixed = String(o.data?.correction ?? o.title);
          return forms.includes(typed) || forms.includes(fixed);
        });
        const sentence = option ? null : flagSentence(notesEntries, forms);
        const value = p.value ? ` = \`${p.value}\`` : "";
        const notesText = option ? `${NOTES} ${option.text}` : sentence ? `${NOTES} ${sentence.text}` : "";
        const lines = [notesText || `${CATALOG} ${p.flag.summary[locale]}`];
        if (notesText) lines.push(`${CATALOG} ${p.flag.summary[locale]}`);
        if (p.correction)
          lines.push(`⚠️ ${t(locale, "youTyped", { typed: p.text, correction: p.correction })}`);
        if (p.flag.deprecated)
          lines.push(locale === "ja" ? "⚠️ 非推奨のフラグです。" : "⚠️ This flag is deprecated.");
        else if (p.flag.hidden) lines.push(`ℹ️ ${referenceMessage("hiddenFlag", locale)}`);
        fields.push({ name: `${p.text}${value}`, value: lines.join("\n") });
        break;
      }
      case "unknown-flag":
        fields.push({
          name: p.text,
          value: [
            `❓ ${t(locale, "unknownFlag", { command: command?.name ?? "" })}`,
            ...(p.alsoIn ? [referenceMessage("flagElsewhere", locale, { list: p.alsoIn.join("`, `") })] : []),
          ].join("\n"),
        });
        break;
      case "resource":
        fields.push({
          name: p.text,
          value: `${CATALOG} ${p.resource.summary[locale]} (\`${p.resource.name}\`)`,
        });
        break;
      case "argument": {
        const what = p.arg ? `${p.arg.name}: ${p.arg.summary[locale]}` : t(locale, "argument");
        fields.push({
          name: p.text,
          value: `${CATALOG} ${what}${p.placeholder ? `\n${t(locale, "placeholder")}` : ""}`,
        });
        break;
      }
    }
  }
  return fields;
}

/**
 * Fields for the other parts of a pasted line (`… && docker run …`, `| grep web`, `$(docker ps -q)`, output
 * lines): each docker/kubectl command piece by piece from the reference, the rest named.
 */
function otherPartFields(
  tutor: KnowledgeContext,
  outcome: ExplainOutcome,
  locale: Locale,
  query: string,
): Field[] {
  const segments = breakDownLine(query).segments ?? [];
  const mainAt = segments.findIndex(
    (s) => s.kind === "command" && s.breakdown.match?.command === outcome.breakdown.match?.command,
  );
  // What runs a command (`sudo`, `FOO=bar`) is named before it.
  const runners = (s: Segment): Field[] =>
    s.kind === "command" ? (s.runners ?? []).map((r) => ({ name: r, value: runnerMeaning(r, locale) })) : [];
  return segments.flatMap((s, i): Field[] => {
    if (i === mainAt) return runners(s);
    if (s.kind === "other")
      return [
        { name: s.text, value: referenceMessage("notDockerOrKubectl", locale, { program: s.program }) },
      ];
    if (s.kind === "output") return [{ name: s.text, value: referenceMessage("output", locale) }];
    return [...runners(s), ...breakdownFields(tutor, { ...outcome, breakdown: s.breakdown }, locale, [])];
  });
}

/** `/explain <command line>`: the notes' sections about the command, piece by piece, with their errata. */
export function explainReply(tutor: KnowledgeContext, ctx: Invocation, query: string): Reply {
  const locale = ctx.locale;
  const outcome = tutor.index.explain(query);
  const { response, hits } = outcome;
  const match = outcome.breakdown.match;
  const typoNotes = (match?.typos ?? []).map((typo) =>
    t(locale, "typoFixed", { typed: typo.typed, corrected: typo.corrected }),
  );
  if (!response.found) {
    const known = response.resolved ? findCommand(match?.command.name ?? "") : undefined;
    const extra: Block[] = typoNotes.map((text) => ({ type: "note", tone: "info", text }));
    // The notes may hold the command in a form that could not be read (`$kubectlexecitsimpleechoshcnginx`):
    // say where, rather than pretend the notes never mention it.
    if (match)
      for (const f of tutor.index.findings()) {
        if (f.correction && breakDown(f.correction).match?.command.name === match.command.name)
          extra.push({
            type: "note",
            tone: "warning",
            text: t(locale, "erratumIntro", { line: f.line, text: f.message[locale] }),
          });
      }
    if (known)
      extra.push({
        type: "text",
        text: t(locale, "fromReference", { text: `\`${known.name}\`: ${known.summary[locale]}` }),
      });
    // Not in the notes, but in the reference: every flag and argument still explained, marked as such.
    const fields = [
      ...(match && outcome.breakdown.pieces.some((p) => p.kind !== "command")
        ? breakdownFields(tutor, outcome, locale, [])
        : []),
      ...(match ? otherPartFields(tutor, outcome, locale, query) : []),
    ];
    if (fields.length > 0)
      extra.push(
        { type: "text", text: referenceMessage("breakdownFromReference", locale) },
        { type: "fields", fields },
      );
    return notFoundReply(locale, query, response.suggestions, extra);
  }
  const best = hits[0];
  if (!best) return notFoundReply(locale, query, response.suggestions, []);
  // A look-up that matched no command (`/explain etcd`) answers like /ask.
  if (!match)
    return sectionAnswer(
      tutor,
      locale,
      hits.map((h) => h.entry),
      outcome.terms,
      query,
    );

  const commandHits = hits.filter((h) => h.entry.kind === "command").map((h) => h.entry);
  // The notes' own sentences about a flag count only where the notes talk about this command: the `-t` of
  // an option table about `docker container run` says nothing about `docker image build -t`.
  const notesEntries = [
    ...commandHits,
    ...commandHits.flatMap((e) => tutor.index.entriesOfSection(e.file, e.anchor)),
  ];
  const blocks: Block[] = [];
  for (const text of typoNotes) blocks.push({ type: "note", tone: "info", text });
  const lead = leadEntry(commandHits, outcome.breakdown.pieces);
  if (lead) {
    // The notes' own words for the command: the line that introduces its example; when the section is
    // about this command alone, the best passage of the section as well.
    const intro = openerOf(lead, query);
    const commandsHere = tutor.index
      .entriesOfSection(lead.file, lead.anchor)
      .filter((e) => e.kind === "command").length;
    const passage =
      !intro || commandsHere === 1
        ? bestPassage(lead.text, [...outcome.terms, ...match.command.name.split(" ")], 500)
        : "";
    // The passage splits sentences onto lines: compare without white space, or the intro comes twice.
    const bare = (s: string) => s.replace(/\s+/gu, "");
    const text =
      intro && !bare(passage).includes(bare(intro))
        ? [intro, passage].filter(Boolean).join("\n")
        : passage || intro;
    if (text) blocks.push({ type: "text", text });
  }
  // Bare mentions (`docker container run` in prose) add nothing next to full example lines.
  const lines = [...new Set(commandHits.flatMap((e) => e.examples ?? []))];
  const examples = lines.filter((l) => l.trim() !== match.command.name || lines.length === 1).slice(0, 6);
  if (examples.length > 0)
    blocks.push({ type: "code", lang: "sh", code: examples.map((e) => `$ ${e}`).join("\n") });
  const pieces = outcome.breakdown.pieces;
  const hasDetail = pieces.some((p) => p.kind !== "command");
  const others = otherPartFields(tutor, outcome, locale, query);
  if (hasDetail || others.length > 0)
    blocks.push({
      type: "fields",
      fields: [...(hasDetail ? breakdownFields(tutor, outcome, locale, notesEntries) : []), ...others],
    });
  for (const f of relevantFindings(
    tutor,
    hits.map((h) => h.entry),
    pieces,
  )) {
    blocks.push({
      type: "note",
      tone: "warning",
      text: t(locale, "erratumIntro", { line: f.line, text: f.message[locale] }),
    });
  }
  if (hasDetail) blocks.push({ type: "text", text: t(locale, "legend") });
  return reply({
    title: match.canonical,
    subtitle: `${CATALOG} ${match.command.summary[locale]}`,
    blocks,
    // The sections cited: the best ones, and the one whose words open the answer.
    citations: (lead && !hits.slice(0, 3).some((h) => h.entry.source === lead.source)
      ? [...hits.slice(0, 2).map((h) => h.entry), lead]
      : hits.slice(0, 3).map((h) => h.entry)
    ).map(citationOf),
    fallback: `${match.canonical}: ${match.command.summary[locale]}`,
  });
}

/** A section as the answer: the part that matches, then "see also". Shared by /ask and /explain. */
export function sectionAnswer(
  tutor: KnowledgeContext,
  locale: Locale,
  entries: StoredEntry[],
  terms: string[],
  query: string,
): Reply {
  const [first, ...rest] = entries;
  if (!first) return notFoundReply(locale, query, [], []);
  // A manifest answers when the question names it (`simple-pod.yaml`) or asks about its fields
  // (`replicas`); a question about the section's subject (`Pod とは`) is answered by the section's prose,
  // not by the comments of the manifest in it.
  let manifest = first.kind === "example";
  let text = first.text || (first.examples ?? []).join("\n");
  if (first.kind === "example" && !query.toLowerCase().includes(first.title.toLowerCase())) {
    const keys = first.text.split("\n").flatMap((l) => (l.split(":")[0] ?? "").toLowerCase().split("."));
    const asksField = terms.some((term) =>
      keys.some((k) => k.length > 0 && k.startsWith(term.toLowerCase())),
    );
    const prose = tutor.index
      .entriesOfSection(first.file, first.anchor)
      .find((e) => e.kind === "section")?.text;
    const proseHits = prose ? termHits(prose, terms) : 0;
    if (prose && !asksField && proseHits > 0 && proseHits >= termHits(first.text, terms)) {
      text = prose;
      manifest = false;
    }
  }
  const body =
    first.kind === "term" || first.kind === "option"
      ? `${first.title} — ${first.text}`
      : bestPassage(asksForHelp(query) ? text : withoutHelpLines(text), terms, 600);
  // Only part of the section answers: its citation says there is more to read.
  const trimmed = first.kind !== "term" && first.kind !== "option" && body !== sentences(text).join("\n");
  const blocks: Block[] = manifest
    ? [{ type: "text", text: body }]
    : proseWithCode(first, body, terms, query);
  if (manifest && first.examples?.[0])
    blocks.push({ type: "code", lang: String(first.data?.format ?? "yaml"), code: first.examples[0] });
  return framedAnswer(tutor, locale, first, rest, blocks, trimmed);
}

/** How many of the typed words a line of the notes shares (`kubectl rollout undo deployment echo`). */
function sharedWords(line: string, query: string): number {
  const typed = new Set(query.toLowerCase().split(/\s+/u).filter(Boolean));
  return line
    .toLowerCase()
    .split(/\s+/u)
    .filter((w) => typed.has(w)).length;
}

/**
 * The notes' words closest to the command typed: of the entry's line most like it, the comment above it
 * inside its code block (`# 特定のREVISIONにロールバック`), else the sentence that introduces the block.
 */
function openerOf(entry: StoredEntry, query: string): string {
  const lines = entry.examples ?? [];
  let best = 0;
  lines.forEach((line, i) => {
    if (sharedWords(line, query) > sharedWords(lines[best] ?? "", query)) best = i;
  });
  const at = (key: string) => {
    const list = entry.data?.[key];
    return Array.isArray(list) ? (list[best] ?? "") : "";
  };
  return at("comments") || at("leads") || (entry.data?.lead ? String(entry.data.lead) : "");
}

/**
 * Which of the notes' command entries introduces the answer: the one whose example lines use the most
 * of the typed flags and no others (for `docker run --rm`, the plain `docker container run` of the
 * tutorial, not the port-forwarding example with its `-d -p`); the best-ranked one otherwise.
 */
function leadEntry(entries: StoredEntry[], pieces: readonly Piece[]): StoredEntry | undefined {
  const typed = new Set(pieces.flatMap((p) => (p.kind === "flag" ? [p.flag] : [])));
  let best: { entry: StoredEntry; score: number; extra: number } | undefined;
  for (const entry of entries) {
    const flags = new Set(
      (entry.examples ?? []).flatMap((ex) =>
        breakDown(ex).pieces.flatMap((p) => (p.kind === "flag" ? [p.flag] : [])),
      ),
    );
    const shared = [...flags].filter((f) => typed.has(f)).length;
    const extra = [...flags].filter((f) => !typed.has(f)).length;
    const score = shared * 2 - extra;
    if (!best || score > best.score || (score === best.score && extra < best.extra))
      best = { entry, score, extra };
  }
  return best?.entry;
}
