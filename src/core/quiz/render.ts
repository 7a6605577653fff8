import { type Locale, type MessageKey, t } from "../i18n.js";
import { type Block, type Choice, type Reply, reply } from "../reply.js";
import type { Question } from "./questions.js";
import type { AnswerCount } from "./store.js";

const LETTERS = ["A", "B", "C", "D", "E"];

const PROMPT: Record<Question["kind"], MessageKey> = {
  "which-command": "promptWhichCommand",
  "flag-meaning": "promptFlag",
  "term-for-definition": "promptTermForDefinition",
  "definition-for-term": "promptDefinitionForTerm",
  "fill-blank": "promptFillBlank",
};

export function choicesIn(q: Question, locale: Locale): string[] {
  return locale === "ja" && q.choicesJa ? q.choicesJa : q.choices;
}

export function answerText(q: Question, locale: Locale, index = q.answer): string {
  return `${LETTERS[index] ?? "?"}. ${choicesIn(q, locale)[index] ?? ""}`;
}

/** A question as a message: the prompt, the choices A–D, and one button per choice (`quiz:<post>:<i>`). */
export function questionReply(
  q: Question,
  postId: number,
  locale: Locale,
  options: { title: string; count?: AnswerCount; intro?: string },
): Reply {
  const choices = choicesIn(q, locale);
  const blocks: Block[] = [];
  if (options.intro) blocks.push({ type: "note", tone: "info", text: options.intro });
  blocks.push({
    type: "text",
    text: t(locale, PROMPT[q.kind], { subject: q.subject[locale], code: q.code ?? "" }),
  });
  if (q.kind === "fill-blank" && q.code)
    blocks.push({ type: "code", code: q.code, lang: q.subject.en === "Dockerfile" ? "dockerfile" : "yaml" });
  blocks.push({ type: "text", text: choices.map((c, i) => `${LETTERS[i]}. ${c}`).join("\n") });
  if (options.count)
    blocks.push({ type: "text", text: t(locale, "answeredCount", { count: options.count.total }) });
  const short = choices.every((c) => c.length <= 40);
  const buttons: Choice[] = choices.map((c, i) => ({
    id: `quiz:${postId}:${i}`,
    label: short ? `${LETTERS[i]}. ${c}` : (LETTERS[i] ?? String(i + 1)),
    style: "secondary",
  }));
  return reply({
    title: options.title,
    blocks,
    choices: buttons,
    ephemeral: false,
    citations: [q.source],
    fallback: `${options.title}: ${t(locale, PROMPT[q.kind], { subject: q.subject[locale], code: q.code ?? "" })}`,
  });
}

/** What the person who answered sees: right or wrong, the notes' explanation, the source. */
export function resultReply(q: Question, chosen: number, locale: Locale, extra: string[]): Reply {
  const right = chosen === q.answer;
  const blocks: Block[] = [
    {
      type: "note",
      tone: right ? "success" : "error",
      text: right
        ? t(locale, "correctAnswer", { answer: answerText(q, locale) })
        : t(locale, "wrongAnswer", { chosen: answerText(q, locale, chosen), answer: answerText(q, locale) }),
    },
    { type: "text", text: q.explanation },
  ];
  if (q.erratum)
    blocks.push({
      type: "note",
      tone: "warning",
      text: t(locale, "erratumInQuestion", { text: q.erratum[locale] }),
    });
  for (const e of extra) blocks.push({ type: "text", text: e });
  return reply({ blocks, citations: [q.source], ephemeral: true });
}
