/*
 * Docs-site and vault markup reduced to the text a reader sees, before the markdown parser runs:
 * Hugo shortcodes, Jekyll Liquid, MDX imports and JSX tag lines, Docusaurus and MkDocs admonitions,
 * Obsidian wikilinks, embeds, comments and tag lines. Fenced code is never touched, and no line is
 * ever removed (a reduced line becomes blank), so the parser's line numbers stay the note's own.
 */

/** A fence at any indentation: fences inside list items are indented as deep as the item's text. */
const FENCE = /^\s*(`{3,}|~{3,})/;
/** Lines an MDX import or export may span (`import {\n  A,\n  B,\n} from "x";`). */
const MAX_STATEMENT_LINES = 50;
/** Characters a shortcode or Liquid tag may span; a longer one is left as text (and no regex scans the file for it). */
const MAX_TAG_CHARS = 2_000;

/** Hugo's section-heading shortcode (`{{% heading "whatsnext" %}}`) as the English words the site shows. */
const HEADING_WORDS: Record<string, string> = {
  whatsnext: "What's next",
  prerequisites: "Before you begin",
  objectives: "Objectives",
  cleanup: "Clean up",
  synopsis: "Synopsis",
  options: "Options",
  seealso: "See also",
  options_from_parent: "Options inherited from parent commands",
};

interface ShortcodeArgs {
  named: Record<string, string>;
  positional: string[];
}

function argsOf(raw: string): ShortcodeArgs {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  for (const m of raw.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))|"([^"]*)"|(\S+)/g)) {
    if (m[1]) named[m[1]] = m[2] ?? m[3] ?? m[4] ?? "";
    else positional.push(m[5] ?? m[6] ?? "");
  }
  return { named, positional };
}

function headingWords(key: string): string {
  const known = HEADING_WORDS[key];
  if (known) return known;
  const words = key.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The visible text of one Hugo shortcode; wrappers (`note`, `tabs`, …) and data ones give nothing. */
function shortcodeText(name: string, raw: string): string {
  const { named, positional } = argsOf(raw);
  switch (name) {
    case "glossary_tooltip":
    case "tooltip":
      return named.text ?? named.term_id ?? "";
    case "heading":
      return headingWords(positional[0] ?? "");
    case "glossary_definition":
      return named.prepend ?? "";
    case "figure":
      return named.caption ?? named.alt ?? "";
    case "tab":
      return named.name ?? "";
    case "codenew":
    case "code_sample":
    case "code":
      return named.file ?? "";
    default:
      return named.text ?? "";
  }
}

/** Keeps a replaced span's line breaks, so that what follows stays on its line. */
function keepLines(match: string, replacement: string): string {
  const breaks = match.split("\n").length - 1;
  return breaks === 0 ? replacement : `${replacement}${"\n".repeat(breaks)}`;
}

const SHORTCODE = new RegExp(
  `\\{\\{([<%])\\s*(/?)\\s*([\\w./-]+)((?:(?![<%]\\}\\}|\\{\\{)[\\s\\S]){0,${MAX_TAG_CHARS}}?)\\s*[>%]\\}\\}`,
  "g",
);
const LIQUID_TAG = new RegExp(`\\{%-?(?:(?!%\\}|\\{%)[\\s\\S]){0,${MAX_TAG_CHARS}}-?%\\}`, "g");
const LIQUID_OUTPUT =
  /\{\{-?\s*(?:page|site|include|layout|content|jekyll|paginator|post)\b[^{}\n]{0,300}\}\}/g;
const OBSIDIAN_COMMENT = new RegExp(`%%(?:(?!%%)[\\s\\S]){0,${MAX_TAG_CHARS * 10}}%%`, "g");
const MEDIA = /\.(?:png|jpe?g|gif|svg|webp|bmp|pdf|mp3|mp4|webm|ogg|wav|excalidraw)$/i;
const WIKILINK = /(!?)\[\[([^[\]|#\n]*)(?:#([^[\]|\n]*))?(?:\|([^[\]\n]*))?\]\]/g;

/** Reduces inline markup in text that holds no fenced code; inline code spans are left as written. */
export function reduceInline(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part
        .replace(OBSIDIAN_COMMENT, (m) => keepLines(m, ""))
        .replace(SHORTCODE, (m, _open: string, closing: string, name: string, raw: string) =>
          keepLines(m, closing ? "" : shortcodeText(name, raw)),
        )
        .replace(LIQUID_TAG, (m) => keepLines(m, ""))
        .replace(LIQUID_OUTPUT, "")
        .replace(WIKILINK, (_m, embed: string, page: string, heading?: string, alias?: string) => {
          const p = page.trim();
          if (embed && MEDIA.test(p)) return ""; // an embedded picture has no words
          if (alias?.trim()) return alias.trim();
          const h = heading?.trim();
          if (h) return p ? `${p} > ${h}` : h;
          return p;
        });
    })
    .join("");
}

const MKDOCS_ADMONITION = /^(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*(?:\s+"([^"]*)")?\s*$/;
const DOCUSAURUS_OPEN = /^\s{0,3}:::+\s*[\w-]+(?:\[([^\]]*)\]|[ \t]+(.+?))?\s*(?:\{[^}]*\})?\s*$/;
const DOCUSAURUS_CLOSE = /^\s{0,3}:::+\s*$/;
const LIQUID_HIGHLIGHT = /^\s*\{%-?\s*highlight\s+([\w+#.-]+)[^%]*-?%\}\s*$/;
const LIQUID_END_HIGHLIGHT = /^\s*\{%-?\s*endhighlight\s*-?%\}\s*$/;
const MDX_IMPORT =
  /^import\s+(?:type\s+)?(?:[\w*$]+\s*,?\s*)?(?:\{[^}]*\}\s*)?(?:from\s+)?["'][^"']+["'];?\s*$/;
const MDX_IMPORT_START = /^import\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?\{[^}]*$/;
const MDX_EXPORT =
  /^export\s+(?:default\s+|const\s+|let\s+|var\s+|function\s+|async\s+function\s+|class\s+|\{)/;
const KRAMDOWN_ATTRIBUTES = /^\s*\{:[^}]*\}\s*$/;
const TAG_LINE = /^\s*#[\p{L}\p{N}_/-]*[\p{L}_/-][\p{L}\p{N}_/-]*(?:\s+#[\p{L}\p{N}_/-]+)*\s*$/u;
/** A line holding only HTML/JSX tags (`<Tabs>`, `<TabItem value="a">`, `<Foo />`): blanked so their content parses as markdown. */
const TAG_ONLY_LINE =
  /^\s*(?:<\/?(?!(?:script|style|pre|textarea)\b)[A-Za-z][\w.:-]*(?:\s[^<>]*)?\/?>\s*)+$/i;
const COMMENT_LINE = /^\s*<!--.*-->\s*$/;

/** Counts what opens minus what closes, to find where a multi-line `export const x = {…}` ends. */
function balance(line: string): number {
  let n = 0;
  for (const c of line) {
    if (c === "{" || c === "(" || c === "[") n++;
    else if (c === "}" || c === ")" || c === "]") n--;
  }
  return n;
}

/** Line-level markup: admonitions, Liquid code blocks, MDX statements, attribute, tag and JSX lines. */
function reduceLines(lines: string[]): void {
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const f = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = null;
      else if (fence === "{%" && LIQUID_END_HIGHLIGHT.test(line)) {
        lines[i] = "```";
        fence = null;
      }
      continue;
    }
    if (f) {
      fence = f;
      continue;
    }
    const highlight = LIQUID_HIGHLIGHT.exec(line);
    if (highlight) {
      lines[i] = `\`\`\`${highlight[1]}`;
      fence = "{%";
      continue;
    }
    const mkdocs = MKDOCS_ADMONITION.exec(line);
    if (mkdocs) {
      lines[i] = mkdocs[1]?.trim() ?? "";
      for (let j = i + 1; j < lines.length; j++) {
        const body = lines[j] ?? "";
        if (body.trim() === "") continue;
        if (!/^(?: {4}|\t)/.test(body)) break;
        lines[j] = body.replace(/^(?: {4}|\t)/, "");
      }
      continue;
    }
    const docusaurus = DOCUSAURUS_OPEN.exec(line);
    if (docusaurus) {
      lines[i] = (docusaurus[1] ?? docusaurus[2] ?? "").trim();
      continue;
    }
    if (
      DOCUSAURUS_CLOSE.test(line) ||
      KRAMDOWN_ATTRIBUTES.test(line) ||
      TAG_LINE.test(line) ||
      COMMENT_LINE.test(line) ||
      TAG_ONLY_LINE.test(line) ||
      MDX_IMPORT.test(line)
    ) {
      lines[i] = "";
      continue;
    }
    if (MDX_IMPORT_START.test(line)) {
      const last = Math.min(lines.length - 1, i + MAX_STATEMENT_LINES);
      for (let j = i; j <= last; j++) {
        const done = /["'][^"']+["'];?\s*$/.test(lines[j] ?? "");
        lines[j] = "";
        if (done) {
          i = j;
          break;
        }
      }
      continue;
    }
    if (MDX_EXPORT.test(line)) {
      let depth = 0;
      const last = Math.min(lines.length - 1, i + MAX_STATEMENT_LINES);
      for (let j = i; j <= last; j++) {
        depth += balance(lines[j] ?? "");
        lines[j] = "";
        if (depth <= 0) {
          i = j;
          break;
        }
      }
    }
  }
}

/** Reduces a note's markup to visible text, keeping every line (see the file comment). */
export function reduceMarkup(text: string): string {
  const lines = text.split("\n");
  reduceLines(lines);
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 0) out.push(reduceInline(run.join("\n")));
    run = [];
  };
  let fence: string | null = null;
  for (const line of lines) {
    const f = FENCE.exec(line)?.[1];
    if (fence === null && f) {
      flush();
      fence = f;
      out.push(line);
    } else if (fence !== null) {
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = null;
      out.push(line);
    } else run.push(line);
  }
  flush();
  return out.join("\n");
}
