import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import { type Locale, t } from "../../core/i18n.js";
import { type Block, type Choice, DISCORD_LIMITS, fitReply, type Reply, truncate } from "../../core/reply.js";
import { codeFence, plainLabel, toDiscordMarkdown } from "./markdown.js";

/** Discord's own limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const EMBED = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Title, description, field names and values, footer and author of all embeds of one message. */
  total: 6000,
  perMessage: 10,
} as const;
export const BUTTONS_PER_ROW = 5;
export const ROWS = 5;
export const CUSTOM_ID = 100;

/** Never ping anyone: on every message the bot sends (docs/DESIGN.md, "Replies never ping"). */
export const NO_MENTIONS = { parse: [] as [] };

const STYLE: Record<NonNullable<Choice["style"]>, APIButtonComponentWithCustomId["style"]> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

const TONE_ICON = { info: "ℹ️", warning: "⚠️", success: "✅", error: "❌" } as const;
const TONE_COLOR = { error: 0xed4245, warning: 0xfee75c, success: 0x57f287 } as const;
const COLOR = { default: 0x5865f2, notFound: 0x99aab5 } as const;

/** A message body as discord.js takes it; `ephemeral` becomes the Ephemeral flag where that is allowed. */
export interface DiscordMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowedMentions: typeof NO_MENTIONS;
}

export interface Rendered {
  message: DiscordMessage;
  ephemeral: boolean;
}

/** Discord counts characters (code points), not UTF-16 units. */
function chars(s: string | undefined): number {
  if (!s) return 0;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** `truncate` counts UTF-16 units, which are never fewer than characters: safe for Discord's limits. */
function cap(s: string, max: number): string {
  return truncate(s, max);
}

function embedSize(e: APIEmbed): number {
  return (
    chars(e.title) +
    chars(e.description) +
    chars(e.footer?.text) +
    chars(e.author?.name) +
    (e.fields ?? []).reduce((n, f) => n + chars(f.name) + chars(f.value), 0)
  );
}

function colorOf(r: Reply): number {
  const tones = new Set(r.blocks.flatMap((b) => (b.type === "note" ? [b.tone] : [])));
  if (tones.has("error")) return TONE_COLOR.error;
  if (r.notFound) return COLOR.notFound;
  if (tones.has("warning")) return TONE_COLOR.warning;
  if (tones.has("success") && r.blocks.every((b) => b.type === "note")) return TONE_COLOR.success;
  return COLOR.default;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

/** The markdown of one non-field block. */
function blockText(b: Exclude<Block, { type: "fields" }>): string {
  switch (b.type) {
    case "text":
      return toDiscordMarkdown(b.text);
    case "note":
      return `${TONE_ICON[b.tone]} ${toDiscordMarkdown(b.text)}`;
    case "code":
      return codeFence(b.code, b.lang);
  }
}

function field(name: string, value: string): APIEmbedField {
  return {
    name: cap(toDiscordMarkdown(name), EMBED.fieldName) || "\u200b",
    value: cap(toDiscordMarkdown(value), EMBED.fieldValue) || "\u200b",
    inline: false,
  };
}

/**
 * Lays the blocks out as embeds, in order: text, code and notes go to the description (a new embed when
 * it would pass 4,096 characters, or when text follows fields, so the order is kept); fields go to the
 * embed's fields (25 at most per embed).
 */
function layout(r: Reply): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  let parts: string[] = [];
  let fields: APIEmbedField[] = [];
  const flush = () => {
    if (parts.length === 0 && fields.length === 0) return;
    const e: APIEmbed = {};
    if (parts.length > 0) e.description = parts.join("\n\n");
    if (fields.length > 0) e.fields = fields;
    embeds.push(e);
    parts = [];
    fields = [];
  };
  for (const b of r.blocks) {
    if (b.type === "fields") {
      for (const f of b.fields) {
        if (fields.length >= EMBED.fields) flush();
        fields.push(field(f.name, f.value));
      }
      continue;
    }
    const text = cap(blockText(b), EMBED.description);
    const length = parts.reduce((n, p) => n + chars(p) + 2, 0);
    if (fields.length > 0 || length + chars(text) > EMBED.description) flush();
    parts.push(text);
  }
  flush();
  return embeds;
}

function footerOf(r: Reply, locale: Locale, first: APIEmbed): string | undefined {
  const c = r.citations[0];
  if (!c) return undefined;
  const more = c.readMore ? ` — ${t(locale, "readMore")}` : "";
  if (isHttpUrl(c.source) && first.title) {
    first.url = c.source;
    return c.readMore ? `${t(locale, "source")}: ${c.path.join(" › ")}${more}` : undefined;
  }
  return `${t(locale, "source")}: ${c.path.join(" › ")} (${c.source})${more}`;
}

/** Holds all embeds together to Discord's 6,000 characters (and 10 embeds), cutting from the end. */
function enforceTotal(embeds: APIEmbed[]): APIEmbed[] {
  const list = embeds.slice(0, EMBED.perMessage);
  const footer = embeds[embeds.length - 1]?.footer;
  let budget = EMBED.total - chars(footer?.text);
  const out: APIEmbed[] = [];
  for (const e of list) {
    const { footer: _footer, ...body } = e;
    const size = embedSize(body);
    if (size <= budget) {
      out.push(body);
      budget -= size;
      continue;
    }
    // Cut this embed to what is left, and drop the ones after it.
    budget -= chars(body.title) + chars(body.author?.name);
    if (body.description !== undefined) {
      if (budget > 80) {
        body.description = cap(body.description, Math.min(budget, EMBED.description));
        budget -= chars(body.description);
      } else delete body.description;
    }
    if (body.fields) {
      const fields: APIEmbedField[] = [];
      for (const f of body.fields) {
        const fieldSize = chars(f.name) + chars(f.value);
        if (fieldSize > budget) break;
        fields.push(f);
        budget -= fieldSize;
      }
      if (fields.length > 0) body.fields = fields;
      else delete body.fields;
    }
    if (body.description !== undefined || body.fields || body.title) out.push(body);
    break;
  }
  if (out.length === 0) out.push({ description: "…" });
  const end = out[out.length - 1] as APIEmbed;
  if (footer) end.footer = footer;
  return out;
}

function buttons(choices: readonly Choice[]): DiscordMessage["components"] {
  const valid = choices
    .filter((c) => c.id.length > 0 && c.id.length <= CUSTOM_ID)
    .slice(0, BUTTONS_PER_ROW * ROWS);
  const rows: DiscordMessage["components"] = [];
  for (let i = 0; i < valid.length; i += BUTTONS_PER_ROW) {
    rows.push({
      type: ComponentType.ActionRow,
      components: valid.slice(i, i + BUTTONS_PER_ROW).map((c) => ({
        type: ComponentType.Button,
        custom_id: c.id,
        label: cap(plainLabel(c.label), 80),
        style: STYLE[c.style ?? "secondary"],
      })),
    });
  }
  return rows;
}

/**
 * The Reply model as a Discord message: embeds (title, subtitle as the author line, blocks in order,
 * source in the footer — or as the title's link when it is a web address), buttons in rows of five, no
 * mentions. Cut with `fitReply(DISCORD_LIMITS)` first, then held to every embed limit and the 6,000 total.
 */
export function renderReply(input: Reply, locale: Locale): Rendered {
  const r = fitReply(input, DISCORD_LIMITS);
  const embeds = layout(r);
  if (embeds.length === 0)
    embeds.push({ description: cap(toDiscordMarkdown(r.fallback || "…"), EMBED.description) });
  const first = embeds[0] as APIEmbed;
  const color = colorOf(r);
  for (const e of embeds) e.color = color;
  // Titles and field names render markdown; the author line and the footer are shown as plain text (no
  // markdown to escape, but links broken all the same).
  if (r.title) first.title = cap(toDiscordMarkdown(r.title), EMBED.title);
  if (r.subtitle) first.author = { name: cap(plainLabel(r.subtitle), EMBED.author) };
  const footer = footerOf(r, locale, first);
  const last = embeds[embeds.length - 1] as APIEmbed;
  if (footer) last.footer = { text: cap(plainLabel(footer), EMBED.footer) };
  return {
    message: { embeds: enforceTotal(embeds), components: buttons(r.choices), allowedMentions: NO_MENTIONS },
    ephemeral: r.ephemeral,
  };
}
