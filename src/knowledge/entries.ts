import type { Bilingual } from "./catalog/types.js";

export type EntryKind = "section" | "command" | "option" | "term" | "example";

/** One searchable unit taken from the notes. */
export interface Entry {
  kind: EntryKind;
  /** Stable id, derived from the file, the heading and what the entry is about. */
  key: string;
  file: string;
  anchor: string;
  /** Heading path exactly as written, top level first. */
  path: string[];
  line: number;
  /** What the entry is about: the heading, a command line, a flag, a term, a manifest. */
  title: string;
  /** The notes' own words that explain it. */
  text: string;
  /** Canonical command for command and option entries (`docker container cp`). */
  command?: string;
  /** Example lines as the notes write them (command entries), or the manifest source (examples). */
  examples?: string[];
  /** Catalog text (English and Japanese one-liners) that helps search find it; never shown as the notes' words. */
  catalogText?: string;
  /** Kind-specific facts: a flag's forms, a manifest's kind, a YAML field's comment. */
  data?: Record<string, string | number | boolean | string[]>;
}

export type FindingKind =
  | "erratum"
  | "garbled-command"
  | "yaml"
  | "dockerfile"
  | "script"
  | "table"
  | "toc"
  | "duplicate-heading"
  | "empty-heading"
  | "parse";

/** Something in the notes that a reader should fix, with where it is. */
export interface Finding {
  kind: FindingKind;
  file: string;
  line: number;
  /** The text as the notes have it. */
  excerpt: string;
  message: Bilingual;
  /** The corrected text, when there is one. */
  correction?: string;
}

export function sourceOf(label: string, file: string, anchor: string): string {
  return `${label}/${file}${anchor ? `#${anchor}` : ""}`;
}
