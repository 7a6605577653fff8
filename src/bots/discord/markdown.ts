import { escapeMarkdown } from "discord.js";

/**
 * Core text → Discord markdown. Core text is plain, with `inline code` spans in backticks and **bold**
 * (src/core/reply.ts); everything else is escaped here, because it may hold words a user typed or text
 * from the notes (`*`, `_`, `~~`, `||`, headings, masked links, mentions).
 */

const ZWSP = "\u200b";

/**
 * Mentions that would render as pills (`<@123>`, `<@&1>`, `<#1>`) or as @everyone / @here are broken with
 * a zero-width space, the way discord.js's own `cleanContent` breaks `@everyone`. Messages carry
 * `allowedMentions: { parse: [] }` as well, so nothing pings either way; this keeps the echo literal.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/g, `@${ZWSP}$1`).replace(/<(@[!&]?|#)(\d+)>/g, `<${ZWSP}$1$2>`);
}

/** Plain text (no markup at all) made safe to show in a Discord message or embed. */
export function escapePlain(text: string): string {
  return neutralizeMentions(escapeMarkdown(text, { heading: true, maskedLink: true }));
}

// A code span (no backtick inside, one line), or bold text (one line).
const MARKUP = /`([^`\n]+)`|\*\*([^\n]+?)\*\*/g;

function convert(text: string, allowBold: boolean): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(MARKUP)) {
    const [whole, code, bold] = m;
    if (bold !== undefined && !allowBold) continue;
    out += escapePlain(text.slice(last, m.index));
    out += code !== undefined ? `\`${code}\`` : `**${convert(bold ?? "", false)}**`;
    last = m.index + whole.length;
  }
  return out + escapePlain(text.slice(last));
}

/** Converts core text to Discord markdown: code spans and **bold** kept, everything else escaped. */
export function toDiscordMarkdown(text: string): string {
  return convert(text, true);
}

/** A fenced code block whose content can never close the fence early. */
export function codeFence(code: string, lang = ""): string {
  const safeLang = /^[\w+#.-]{0,20}$/.test(lang) ? lang : "";
  const body = code.replace(/```/g, `\`${ZWSP}\`\``);
  return `\`\`\`${safeLang}\n${body}\n\`\`\``;
}
