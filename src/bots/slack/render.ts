import type { types } from "@slack/bolt";
import { type Locale, t } from "../../core/i18n.js";
import {
  type Block,
  type Choice,
  type Citation,
  fitReply,
  type Reply,
  SLACK_LIMITS,
  truncate,
  truncateCode,
} from "../../core/reply.js";

type KnownBlock = types.KnownBlock;
type MrkdwnElement = types.MrkdwnElement;
type PlainTextElement = types.PlainTextElement;
type Button = types.Button;

/** A message as Slack takes it: Block Kit blocks and the plain `text` used for notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Slack's own limits (Block Kit reference), checked after escaping, which lengthens text. */
export const BLOCK_KIT = {
  blocks: 50,
  sectionText: 3000,
  field: 2000,
  fields: 10,
  header: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  /** Not a Slack limit (40,000): a notification is a line or two. */
  fallback: 3000,
} as const;

const TONE: Record<Extract<Block, { type: "note" }>["tone"], string> = {
  info: "ℹ️",
  warning: "⚠️",
  success: "✅",
  error: "❌",
};

/**
 * Slack's three control characters as entities. Every piece of text that reaches Slack goes through here,
 * so nothing (a user's query, a notes heading) can become `<!channel>`, `<@U…>` or a `<url|link>`.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Reply text to Slack mrkdwn: escaped, `**bold**` outside inline code becomes Slack's `*bold*`, and a line
 * starting with `> ` stays a quote (a `>` alone cannot open a control sequence; only `<` can). Inline code
 * spans (`` `x` ``) are kept as they are, escaped.
 */
export function toMrkdwn(text: string): string {
  return escapeSlack(text)
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\*\*([^*\n]+?)\*\*/g, "*$1*")))
    .join("")
    .replace(/^&gt; /gm, "> ");
}

/**
 * Renders `raw` and, while the rendering is longer than `max` (escaping lengthens text), renders a shorter
 * cut of it; `cut` keeps the cut at a sentence, line or code-line boundary.
 */
function fitRendered(
  raw: string,
  max: number,
  render: (s: string) => string,
  cut: (s: string, n: number) => string = truncate,
): string {
  let out = render(raw);
  let room = raw.length;
  while (out.length > max && room > 1) {
    room = Math.max(1, room - Math.max(out.length - max, 1));
    out = render(cut(raw, room));
  }
  return out;
}

const mrkdwnObject = (text: string): MrkdwnElement => ({ type: "mrkdwn", text, verbatim: true });
const plainObject = (text: string): PlainTextElement => ({ type: "plain_text", text, emoji: true });

function section(raw: string): KnownBlock | null {
  if (!raw.trim()) return null;
  return { type: "section", text: mrkdwnObject(fitRendered(raw, BLOCK_KIT.sectionText, toMrkdwn)) };
}

function codeSection(code: string): KnownBlock | null {
  if (!code.trim()) return null;
  const text = fitRendered(
    code,
    BLOCK_KIT.sectionText,
    (c) => `\`\`\`\n${escapeSlack(c)}\n\`\`\``,
    truncateCode,
  );
  return { type: "section", text: mrkdwnObject(text) };
}

function fieldsSection(block: Extract<Block, { type: "fields" }>): KnownBlock | null {
  const fields = block.fields
    .filter((f) => f.name.trim() || f.value.trim())
    .slice(0, BLOCK_KIT.fields)
    .map((f) => {
      const name = f.name.trim() ? `*${fitRendered(f.name, 200, toMrkdwn)}*` : "";
      const room = BLOCK_KIT.field - name.length - 1;
      const value = f.value.trim() ? fitRendered(f.value, room, toMrkdwn) : "";
      return mrkdwnObject([name, value].filter(Boolean).join("\n"));
    });
  return fields.length > 0 ? { type: "section", fields } : null;
}

function contentBlock(b: Block): KnownBlock | null {
  switch (b.type) {
    case "text":
      return section(b.text);
    case "note":
      return section(`${TONE[b.tone]} ${b.text}`);
    case "code":
      return codeSection(b.code);
    case "fields":
      return fieldsSection(b);
  }
}

/** The sources as plain text (never a link: the path is the reader's to open), first one labelled. */
function citationsBlock(citations: readonly Citation[], locale: Locale): KnownBlock | null {
  if (citations.length === 0) return null;
  const elements = citations.slice(0, BLOCK_KIT.contextElements).map((c, i) => {
    const label = i === 0 ? t(locale, "source") : t(locale, "seeAlso");
    const more = c.readMore ? ` (${t(locale, "readMore")})` : "";
    const raw = `${label}: ${c.path.join(" › ")} · \`${c.source.replace(/`/g, "'")}\`${more}`;
    return mrkdwnObject(fitRendered(raw, BLOCK_KIT.contextText, toMrkdwn));
  });
  return { type: "context", elements };
}

function button(c: Choice): Button {
  const b: Button = {
    type: "button",
    action_id: c.id.slice(0, BLOCK_KIT.actionId),
    value: c.id.slice(0, BLOCK_KIT.buttonValue),
    text: plainObject(fitRendered(c.label.trim() || "…", BLOCK_KIT.buttonText, escapeSlack)),
  };
  // Slack has two styles; "secondary" is its default look.
  if (c.style === "primary" || c.style === "success") b.style = "primary";
  else if (c.style === "danger") b.style = "danger";
  return b;
}

function actionsBlock(choices: readonly Choice[]): KnownBlock | null {
  const seen = new Set<string>();
  const unique = choices.filter((c) => c.id && !seen.has(c.id) && seen.add(c.id));
  if (unique.length === 0) return null;
  return {
    type: "actions",
    block_id: "tutor_choices",
    elements: unique.slice(0, BLOCK_KIT.actionsElements).map(button),
  };
}

/**
 * A Reply as a Slack message: header (title), context (subtitle), one section per block (code as a
 * preformatted block), a context line with the sources, and the choices as buttons. Everything is fitted to
 * Slack's limits (first by `fitReply`, then after escaping), every text escaped, every mrkdwn object
 * `verbatim` so that Slack does not turn names or URLs into mentions or links on its own.
 */
export function renderSlack(input: Reply, locale: Locale): SlackMessage {
  const r = fitReply(input, SLACK_LIMITS);
  const head: KnownBlock[] = [];
  if (r.title?.trim()) {
    head.push({ type: "header", text: plainObject(fitRendered(r.title, BLOCK_KIT.header, escapeSlack)) });
  }
  if (r.subtitle?.trim()) {
    head.push({
      type: "context",
      elements: [mrkdwnObject(fitRendered(r.subtitle, BLOCK_KIT.contextText, toMrkdwn))],
    });
  }
  const tail = [citationsBlock(r.citations, locale), actionsBlock(r.choices)].filter(
    (b): b is KnownBlock => b !== null,
  );
  const room = BLOCK_KIT.blocks - head.length - tail.length;
  const body = r.blocks
    .map(contentBlock)
    .filter((b): b is KnownBlock => b !== null)
    .slice(0, room);
  const fallback = r.fallback.trim() || r.title?.trim() || "notes-tutor";
  return { text: fitRendered(fallback, BLOCK_KIT.fallback, toMrkdwn), blocks: [...head, ...body, ...tail] };
}
