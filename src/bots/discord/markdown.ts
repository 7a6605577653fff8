/**
 * Core text → Discord markdown. Core text is plain, with `inline code` spans in backticks and **bold**
 * (src/core/reply.ts); everything else is escaped here, because it may hold words a user typed or text
 * from the notes (`*`, `_`, `~~`, `||`, headings, lists, quotes, masked links, bare links, mentions).
 *
 * Discord honours a backslash before any ASCII punctuation, so the escaping is total rather than
 * pattern-based: a masked link `[a](b)` — even several in a row, or one whose text crosses a line — can
 * never form once every `[ ] ( )` is escaped; a bare `https://` link is broken twice (its `:` escaped and a
 * zero-width joiner after it), because `<…>` wrapping would still leave it live.
 */

const ZWSP = "\u200b";
/** Joins `scheme:` to `//` invisibly, so no client's link detector sees `://`. */
const ZWJ = "\u200d";

/**
 * Mentions that would render as pills (`<@123>`, `<@&1>`, `<#1>`) or as @everyone / @here are broken with
 * a zero-width space, the way discord.js's own `cleanContent` breaks `@everyone`. Messages carry
 * `allowedMentions: { parse: [] }` as well, so nothing pings either way; this keeps the echo literal.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/g, `@${ZWSP}$1`).replace(/<(@[!&]?|#)(\d+)>/g, `<${ZWSP}$1$2>`);
}

const SCHEME = /([a-z][a-z0-9+.-]*):(?=\/\/)/gi;

/**
 * `scheme://` anywhere (http, https, discord, steam…) gets a zero-width joiner after the colon: the text
 * reads the same, but is no link and no embed on any client. For text Discord shows without markdown.
 */
export function breakLinks(text: string): string {
  return text.replace(SCHEME, `$1:${ZWJ}`);
}

/** Punctuation with a meaning somewhere in Discord markdown: escaped wherever it appears. */
const MARKDOWN_CHARS = /[\\*_~|`[\]()<>#]/g;
/**
 * List items (`- `, `+ `, `1. `) only start a line (after optional spaces), followed by a space; `-# `
 * subtext is already broken by its escaped `#`, `* ` lists by the escaped `*`.
 */
const LINE_START_MARKERS = /^(\s*)([-+](?=\s)|\d+(?=\.\s))/gm;

/** Plain text (no markup at all) made safe to show in a Discord message or embed. */
export function escapePlain(text: string): string {
  return neutralizeMentions(text)
    .replace(MARKDOWN_CHARS, "\\$&")
    .replace(LINE_START_MARKERS, (_m, space: string, marker: string) =>
      /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
    )
    .replace(SCHEME, `$1\\:${ZWJ}`);
}

/**
 * Text shown by Discord without markdown (the author line, footers, autocomplete choices, button
 * labels): nothing to escape, but no link either.
 */
export function plainLabel(text: string): string {
  return breakLinks(text);
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
