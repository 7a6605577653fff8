/**
 * The platform-neutral answer: every use case returns a Reply, and each adapter renders it (Discord embeds,
 * Slack Block Kit, plain text). Text is plain, with `inline code` spans in backticks, which every surface
 * shows as code; adapters escape everything else.
 */
export type Block =
  | { type: "text"; text: string }
  | { type: "code"; code: string; lang?: string }
  | { type: "fields"; fields: Field[] }
  /** Something to notice: an erratum in the notes, a hint. */
  | { type: "note"; text: string; tone: "info" | "warning" | "success" | "error" };

export interface Field {
  name: string;
  value: string;
}

export interface Citation {
  /** Heading path exactly as written in the notes. */
  path: string[];
  /** `notes/docker-kubernetes.md#cp` */
  source: string;
  /** Set when the answer was cut and the section holds more. */
  readMore?: boolean;
}

export interface Choice {
  /** Action id sent back when pressed (≤ 100 characters: Discord's custom_id limit). */
  id: string;
  label: string;
  style?: "primary" | "secondary" | "success" | "danger";
}

export interface Reply {
  title?: string;
  subtitle?: string;
  blocks: Block[];
  citations: Citation[];
  choices: Choice[];
  /** Only the person who asked sees it. */
  ephemeral: boolean;
  /** Plain text for notifications and surfaces without rich layout. */
  fallback: string;
  /** Set by look-ups that found nothing in the notes (for metrics; not rendered). */
  notFound?: boolean;
}

export function reply(parts: Partial<Reply> & { fallback?: string }): Reply {
  const r: Reply = {
    blocks: parts.blocks ?? [],
    citations: parts.citations ?? [],
    choices: parts.choices ?? [],
    ephemeral: parts.ephemeral ?? true,
    fallback: "",
  };
  if (parts.title !== undefined) r.title = parts.title;
  if (parts.subtitle !== undefined) r.subtitle = parts.subtitle;
  if (parts.notFound) r.notFound = true;
  r.fallback = parts.fallback ?? fallbackOf(r);
  return r;
}

/** A short plain-text version: title, then the first text block. */
export function fallbackOf(r: Pick<Reply, "title" | "blocks">): string {
  const first = r.blocks.find((b) => b.type === "text" || b.type === "note");
  const text = first && "text" in first ? first.text : "";
  return truncate([r.title, text].filter(Boolean).join(": "), 300);
}

export const ELLIPSIS = "…";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The offsets where the graphemes of the longest prefix of `text` within `max` units end (0 first). */
function graphemeEnds(text: string, max: number): number[] {
  const ends = [0];
  if (max <= 0) return ends;
  // Segmenting a long text costs its whole length: look only a little past the cut (no real grapheme is
  // 64 units long; one that would be is cut anyway).
  const window = text.length > max + 64 ? text.slice(0, max + 64) : text;
  for (const { segment, index } of graphemes.segment(window)) {
    const end = index + segment.length;
    if (end > max) break;
    ends.push(end);
  }
  return ends;
}

/** Cuts at a grapheme boundary so that no character (or emoji, or combining mark) is split. */
function cutGraphemes(text: string, max: number): string {
  return text.slice(0, graphemeEnds(text, max).at(-1) ?? 0);
}

/**
 * Shortens text to at most `max` UTF-16 units (the unit Discord and Slack count), ending with "…". It
 * cuts at the last sentence end or line break that keeps at least half the text, else at a word
 * boundary, else at a character boundary; inline code spans are never left open.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const room = max - ELLIPSIS.length;
  // Every cut lands where a grapheme ends: a mark that combines with a sentence end (`!⃝`) or a backtick
  // (`\u0600\``) stays with it.
  const endList = graphemeEnds(text, room);
  const ends = new Set(endList);
  let head = text.slice(0, endList.at(-1) ?? 0);
  const at = (i: number) => {
    let j = i;
    while (j > 0 && !ends.has(j)) j--;
    return head.slice(0, j);
  };
  const minimum = Math.floor(room / 2);
  const boundaries = [...head.matchAll(/[。．！？!?]|\.(?=\s)|\n/g)]
    .map((m) => m.index + m[0].length)
    .filter((i) => ends.has(i));
  const sentenceEnd = boundaries.filter((i) => i >= minimum).pop();
  if (sentenceEnd !== undefined) head = at(sentenceEnd);
  else {
    const space = head.lastIndexOf(" ");
    if (space >= minimum && ends.has(space)) head = at(space);
  }
  head = at(head.replace(/\s+$/u, "").length);
  // An odd number of backticks would leave an inline code span open: drop the open one.
  if ((head.match(/`/g)?.length ?? 0) % 2 === 1) {
    head = at(head.lastIndexOf("`"));
    head = at(head.replace(/\s+$/u, "").length);
  }
  return head + ELLIPSIS;
}

const FENCE_LINE = /^\s*(`{3,}|~{3,})/;

/**
 * Shortens code to whole lines (at most `max` units including the marker line), so fences stay closed: a
 * cut never keeps the opening line of a fenced block that the code holds (markdown in a code block) without
 * its closing line.
 */
export function truncateCode(code: string, max: number): string {
  if (code.length <= max) return code;
  const lines = code.split("\n");
  const out: string[] = [];
  let used = ELLIPSIS.length + 1;
  for (const line of lines) {
    if (used + line.length + 1 > max) break;
    out.push(line);
    used += line.length + 1;
  }
  if (out.filter((l) => FENCE_LINE.test(l)).length % 2 === 1) {
    while (out.length > 0 && !FENCE_LINE.test(out[out.length - 1] ?? "")) out.pop();
    out.pop();
  }
  if (out.length === 0) {
    const first = lines[0] ?? "";
    if (FENCE_LINE.test(first)) return ELLIPSIS.slice(0, Math.max(0, max));
    return cutGraphemes(first, max - ELLIPSIS.length - 1) + ELLIPSIS;
  }
  return [...out, ELLIPSIS].join("\n");
}

export interface Limits {
  /** Longest text or note block. */
  text: number;
  /** Longest code block (its content, without fences). */
  code: number;
  /** Most blocks. */
  blocks: number;
  /** Most fields in one fields block, and the longest field value. */
  fields: number;
  fieldValue: number;
  fieldName: number;
  title: number;
  /** All text together. */
  total: number;
  /** Most choices (buttons). */
  choices: number;
  choiceLabel: number;
}

/** Discord: embed description 4,096, field value 1,024, 25 fields, 6,000 in all, 5 rows of 5 buttons. */
export const DISCORD_LIMITS: Limits = {
  text: 4000,
  code: 1000,
  blocks: 20,
  fields: 25,
  fieldValue: 1024,
  fieldName: 256,
  title: 256,
  total: 5800,
  choices: 20,
  choiceLabel: 80,
};

/** Slack: section text 3,000, header 150, 50 blocks per message, 25 elements per actions block. */
export const SLACK_LIMITS: Limits = {
  text: 2900,
  code: 2900,
  blocks: 45,
  fields: 10,
  fieldValue: 1900,
  fieldName: 100,
  title: 150,
  total: 12_000,
  choices: 20,
  choiceLabel: 75,
};

/** The terminal has no hard limits; these keep a screenful readable. */
export const TERMINAL_LIMITS: Limits = {
  text: 1800,
  code: 2000,
  blocks: 40,
  fields: 40,
  fieldValue: 600,
  fieldName: 120,
  title: 200,
  total: 8000,
  choices: 20,
  choiceLabel: 80,
};

function blockSize(b: Block): number {
  switch (b.type) {
    case "text":
    case "note":
      return b.text.length;
    case "code":
      return b.code.length;
    case "fields":
      return b.fields.reduce((s, f) => s + f.name.length + f.value.length, 0);
  }
}

/**
 * Makes a reply fit a surface's limits: long blocks are cut at a sentence or line boundary with "…", code
 * at whole lines, extra blocks dropped; whenever anything was cut, the first citation is marked "read more".
 */
export function fitReply(r: Reply, limits: Limits): Reply {
  let cut = false;
  const note = <T>(before: T, after: T) => {
    if (before !== after) cut = true;
    return after;
  };
  const blocks: Block[] = [];
  const title = r.title === undefined ? undefined : truncate(r.title, limits.title);
  const subtitle = r.subtitle === undefined ? undefined : truncate(r.subtitle, limits.title);
  let total = (title?.length ?? 0) + (subtitle?.length ?? 0);
  for (const b of r.blocks) {
    if (blocks.length >= limits.blocks) {
      cut = true;
      break;
    }
    let fitted: Block;
    switch (b.type) {
      case "text":
      case "note":
        fitted = { ...b, text: note(b.text, truncate(b.text, limits.text)) };
        break;
      case "code":
        fitted = { ...b, code: note(b.code, truncateCode(b.code, limits.code)) };
        break;
      case "fields":
        fitted = {
          type: "fields",
          fields: b.fields.slice(0, limits.fields).map((f) => ({
            name: note(f.name, truncate(f.name, limits.fieldName)),
            value: note(f.value, truncate(f.value, limits.fieldValue)),
          })),
        };
        if (b.fields.length > limits.fields) cut = true;
        break;
    }
    const size = blockSize(fitted);
    if (total + size > limits.total) {
      // What is left of the total goes to the start of this block (the first flags of a breakdown, the
      // first lines of a listing) rather than to nothing.
      const left = limits.total - total;
      if ((fitted.type === "text" || fitted.type === "note") && left > 80) {
        blocks.push({ ...fitted, text: truncate(fitted.text, left) });
      } else if (fitted.type === "code" && left > 80) {
        blocks.push({ ...fitted, code: truncateCode(fitted.code, left) });
      } else if (fitted.type === "fields") {
        const kept: Field[] = [];
        let used = 0;
        for (const f of fitted.fields) {
          if (used + f.name.length + f.value.length > left) break;
          kept.push(f);
          used += f.name.length + f.value.length;
        }
        if (kept.length > 0) blocks.push({ type: "fields", fields: kept });
      }
      cut = true;
      break;
    }
    total += size;
    blocks.push(fitted);
  }
  const out: Reply = {
    ...r,
    blocks,
    choices: r.choices
      .slice(0, limits.choices)
      .map((c) => ({ ...c, label: truncate(c.label, limits.choiceLabel) })),
    citations: r.citations.map((c, i) => (cut && i === 0 ? { ...c, readMore: true } : c)),
  };
  if (title !== undefined) out.title = title;
  if (subtitle !== undefined) out.subtitle = subtitle;
  return out;
}

/** What pressing a button does: a reply to the presser, and optionally a new version of the message. */
export interface ActionResult {
  reply?: Reply;
  /** Replaces the message that holds the button (a quiz showing its answer count). */
  update?: Reply;
  /** Posts publicly in the channel (Share). */
  publish?: Reply;
}
