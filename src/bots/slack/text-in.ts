/**
 * Text that comes from Slack (a slash command's `text` with `should_escape`, a mention) is in Slack's
 * format: `&`, `<`, `>` as entities, and control sequences such as `<@U123|ada>`, `<#C123|general>`,
 * `<!here>`, `<https://x|x>`. This turns it back into what the person typed, except that a user stays
 * `<@U123>` and a channel `<#C123>`: an id is the only way to name one (`/stats @ada`,
 * `/tutor onboarding channel #welcome`), and core's options read that form. Everything
 * core answers is escaped again on the way out (render.ts), so nothing here can make the bot ping anyone.
 */

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&" };

function readable(inner: string): string {
  const [target = "", label] = inner.split("|", 2);
  // Users and channels keep their ids, the form core's user and channel options read.
  if (target.startsWith("@") || target.startsWith("#")) return `<${target}>`;
  if (target.startsWith("!")) {
    // <!here>, <!channel>, <!everyone>, <!subteam^S123|@team>, <!date^…|fallback>
    if (label) return label;
    const word = target.slice(1).split("^", 1)[0] ?? "";
    return `@${word}`;
  }
  return label ?? target;
}

const decode = (s: string) => s.replace(/&(lt|gt|amp);/g, (m) => ENTITIES[m] ?? m);

/** Slack-formatted text to plain text: control sequences to their readable form, entities decoded. */
export function plainFromSlack(text: string): string {
  return text
    .split(/(<[^<>]*>)/)
    .map((part, i) => decode(i % 2 === 1 ? readable(part.slice(1, -1)) : part))
    .join("");
}

/** A mention's text without the leading mention(s) of the bot itself (`<@UBOT> explain pods`). */
export function withoutBotMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text.replace(/^\s*<@[A-Z0-9]+(\|[^>]*)?>\s*/, "");
  const escaped = botUserId.replace(/[^A-Z0-9]/gi, "");
  return text.replace(new RegExp(`\\s*<@${escaped}(\\|[^>]*)?>\\s*`, "g"), " ").trim();
}
