/**
 * What Discord's markdown makes of a message: the links a reader could click, and the block formatting
 * (headings, subtext, quotes, lists) it would show. A model of Discord's parser written from its
 * documented rules, to assert on what the bot sends: a backslash before ASCII punctuation makes that
 * character literal; code spans and code blocks show their content literally; `[text](url)` (the text may
 * cross lines) and `[text](<url>)` are masked links; `<url>` and a bare `http(s)://…` are autolinks.
 */

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const LINKABLE = /^(https?|discord|steam):\/\//i;

/** The URLs that would be live links, in order. */
export function liveLinks(markdown: string): string[] {
  const links: string[] = [];
  const s = markdown;
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? "";
    if (c === "\\" && PUNCTUATION.test(s[i + 1] ?? "")) {
      i += 2;
      continue;
    }
    if (c === "`") {
      const run = /^`+/.exec(s.slice(i))?.[0] ?? "`";
      const close = s.indexOf(run, i + run.length);
      if (close >= 0) {
        i = close + run.length;
        continue;
      }
      i += run.length;
      continue;
    }
    if (c === "[") {
      const masked = maskedLinkAt(s, i);
      if (masked) {
        if (LINKABLE.test(masked.url)) links.push(masked.url);
        i = masked.end;
        continue;
      }
    }
    if (c === "<") {
      const angle = /^<([^\s<>]+)>/.exec(s.slice(i));
      if (angle?.[1] && LINKABLE.test(angle[1])) {
        links.push(angle[1]);
        i += angle[0].length;
        continue;
      }
    }
    const bare = /^(?:https?|discord|steam):\/\/[^\s<]+[^<.,:;"')\]\s]/i.exec(s.slice(i));
    if (bare && !/[\w]/.test(s[i - 1] ?? "")) {
      links.push(bare[0]);
      i += bare[0].length;
      continue;
    }
    i++;
  }
  return links;
}

/** `[text](url)` or `[text](<url>)` starting at `start`, with unescaped brackets and parentheses. */
function maskedLinkAt(s: string, start: number): { url: string; end: number } | undefined {
  let depth = 0;
  let i = start;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === "\\" && PUNCTUATION.test(s[i + 1] ?? "")) {
      i++;
      continue;
    }
    if (c === "[") depth++;
    else if (c === "]" && --depth === 0) break;
  }
  if (i >= s.length || s[i + 1] !== "(") return undefined;
  let j = i + 2;
  let url = "";
  for (; j < s.length; j++) {
    const c = s[j] ?? "";
    if (c === "\\" && PUNCTUATION.test(s[j + 1] ?? "")) return undefined;
    if (c === ")") break;
    if (/\s/.test(c) && !url.startsWith("<")) return undefined;
    url += c;
  }
  if (j >= s.length) return undefined;
  return { url: url.replace(/^<(.*)>$/, "$1"), end: j + 1 };
}

/** Lines Discord would show as a heading, subtext, quote or list item. */
export function formattedLines(markdown: string): string[] {
  return markdown.split("\n").filter((line) => /^(#{1,3} |-# |>{1,3} |\s*[-*+] |\s*\d+\. )/.test(line));
}
