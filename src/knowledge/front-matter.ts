import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import { z } from "zod";
import type { Finding } from "./entries.js";

/** `yaml`, loaded on first use (only indexing reads front matter); CommonJS, so require works everywhere. */
const requireHere = createRequire(import.meta.url);
const parseYaml = (src: string, options: { maxAliasCount: number }): unknown =>
  (requireHere("yaml") as typeof Yaml).parse(src, options);

/** Front matter longer than this many lines is not looked for (a page's metadata is a few dozen lines). */
const MAX_FRONT_MATTER_LINES = 500;
/** YAML aliases allowed in front matter: enough for anchors, too few for an alias bomb. */
const MAX_YAML_ALIASES = 50;

/** The few fields of a page's metadata the notes reader uses; anything else is ignored. */
const Meta = z.object({
  title: z.union([z.string(), z.number()]).optional(),
  description: z.union([z.string(), z.number()]).optional(),
  summary: z.union([z.string(), z.number()]).optional(),
});

export interface FrontMatter {
  /** The page's title, when its metadata has one. */
  title?: string;
  titleLine?: number;
  /** The page's description or summary, on one line. */
  description?: string;
  descriptionLine?: number;
  /** Lines the front matter takes, delimiters included (0 without front matter). */
  lines: number;
}

export interface WithoutFrontMatter {
  meta: FrontMatter;
  /** The text with the front matter's lines blanked, so that line numbers stay right. */
  text: string;
  findings: Finding[];
}

const KINDS = [
  { open: /^---\s*$/, close: /^(?:---|\.\.\.)\s*$/, format: "yaml" },
  { open: /^\+\+\+\s*$/, close: /^\+\+\+\s*$/, format: "toml" },
  { open: /^\{\s*$/, close: /^\}\s*$/, format: "json" },
] as const;

/** The `key = "value"` lines of TOML front matter (Hugo): strings, numbers and booleans at the top level. */
function parseTomlLines(lines: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const line of lines) {
    if (/^\s*\[/.test(line)) break; // a [table] starts: the top-level keys are over
    const m = /^\s*([\w-]+)\s*=\s*(.+?)\s*$/.exec(line);
    if (!m?.[1] || m[2] === undefined) continue;
    const raw = m[2];
    const quoted = /^"((?:[^"\\]|\\.)*)"|^'([^']*)'/.exec(raw);
    if (quoted) out[m[1]] = quoted[1] !== undefined ? quoted[1].replace(/\\(["\\])/g, "$1") : quoted[2];
    else if (/^-?\d+(?:\.\d+)?$/.test(raw)) out[m[1]] = Number(raw);
    else if (raw === "true" || raw === "false") out[m[1]] = raw === "true";
  }
  return out;
}

function oneLine(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value).replace(/\s+/g, " ").trim();
  return text === "" ? undefined : text;
}

/**
 * Takes YAML (`---`), TOML (`+++`) or JSON (`{`) front matter off the start of a note: never a heading
 * or prose. Metadata that does not parse is a finding, and its lines are still blanked.
 */
export function takeFrontMatter(file: string, text: string): WithoutFrontMatter {
  const none = { meta: { lines: 0 }, text, findings: [] };
  const firstBreak = text.indexOf("\n");
  const first = firstBreak < 0 ? text : text.slice(0, firstBreak);
  const kind = KINDS.find((k) => k.open.test(first));
  if (!kind) return none;
  const lines = text.split("\n", MAX_FRONT_MATTER_LINES + 1);
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (kind.close.test(lines[i] ?? "")) {
      end = i;
      break;
    }
  }
  if (end < 0) return none;
  const body = lines.slice(1, end);
  // Metadata is `key: value` lines; a note that merely opens with a `---` rule (then prose, then another
  // rule) has none, and its text must stay.
  const blank = body.every((l) => l.trim() === "");
  const keyed = body.some((l) => /^\s*"?[\w-]+"?\s*[:=]/.test(l));
  if (!blank && !keyed) return none;
  const findings: Finding[] = [];
  let data: unknown = {};
  try {
    if (kind.format === "yaml") data = parseYaml(body.join("\n"), { maxAliasCount: MAX_YAML_ALIASES }) ?? {};
    else if (kind.format === "toml") data = parseTomlLines(body);
    else data = JSON.parse(lines.slice(0, end + 1).join("\n"));
  } catch (err) {
    if (kind.format === "json") return none; // a note may start with a JSON code-like brace: not metadata
    findings.push({
      kind: "parse",
      file,
      line: 1,
      excerpt: first,
      message: {
        en: `The front matter does not parse as ${kind.format.toUpperCase()} (${err instanceof Error ? err.message.split("\n")[0] : "error"}); the page has no title from it.`,
        ja: `フロントマターが ${kind.format.toUpperCase()} として読めません。ページのタイトルは取れません。`,
      },
    });
  }
  if (findings.length === 0 && (typeof data !== "object" || data === null || Array.isArray(data)))
    return none;
  const fields = Meta.safeParse(data);
  const lineOfKey = (key: string): number | undefined => {
    const i = body.findIndex((l) => new RegExp(`^\\s*"?${key}"?\\s*[:=]`).test(l));
    return i < 0 ? undefined : i + 2;
  };
  const meta: FrontMatter = { lines: end + 1 };
  if (fields.success) {
    const title = oneLine(fields.data.title);
    if (title) {
      meta.title = title;
      meta.titleLine = lineOfKey("title") ?? 1;
    }
    const descriptionKey = fields.data.description !== undefined ? "description" : "summary";
    const description = oneLine(fields.data.description ?? fields.data.summary);
    if (description) {
      meta.description = description;
      meta.descriptionLine = lineOfKey(descriptionKey) ?? 1;
    }
  }
  const rest = text.split("\n").slice(end + 1);
  return { meta, text: [...new Array<string>(end + 1).fill(""), ...rest].join("\n"), findings };
}
