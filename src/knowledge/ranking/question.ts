import { breakDown } from "../command-line.js";
import { segmentWords } from "../segment.js";
import { detectLanguage, type Lang, type SectionIndex } from "./section-index.js";

/** What a question asks, read from its wording: its subject, whether it is a how-to, its language. */

/** What a "what is X" / "X とは" question asks about, normalized; null for other questions. */
export function definitionSubject(query: string): string | null {
  const q = query.trim().replace(/[?？。.!！]+$/u, "");
  const en =
    /^(?:what(?:'s|\s+(?:exactly\s+|actually\s+|really\s+)?(?:is|are|does|do))|define|explain|meaning of)\s+(?:an?\s+|the\s+)?(.+?)(?:\s+(?:do|does|mean|means|for|used for))?$/i.exec(
      q,
    );
  const ja =
    /^(.+?)\s*(?:(?:って|は|とは)(?:そもそも|一体|いったい|結局)?\s*(?:何|なに|なん)|とは|について|の役割|の意味|ってどんな|ってどういう)/u.exec(
      q,
    );
  // "what is a Node in a kubernetes cluster" asks about the Node: the phrase after it only places it.
  const subject = en?.[1]?.replace(/\s+(?:in|on|inside|within|of|for)\s+.*$/i, "") ?? ja?.[1];
  return subject ? segmentWords(subject).join("") : null;
}

/** A pattern for a line that defines the subject: it opens the line, followed by は, a colon, a dash or "is". */
export function definingLine(query: string): RegExp | null {
  const subject = definitionSubject(query);
  if (subject === null) return null;
  const words = segmentWords(query).filter((w) => subject.startsWith(w) || subject.includes(w));
  const body = (words.length > 0 ? words : [subject])
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[\\s\\-_・]*");
  return new RegExp(
    `^[\\s*_\`\\[>#-]*${body}[\\]*_\`]*(?:\\s*(?:は|とは|が|:|：|—|–|-|\\(|（|\\bis\\b|\\bare\\b|\\bmeans\\b)|\\s*$)`,
    "iu",
  );
}

/** "How do I …" wants a command; a section that shows one is the better answer on a tie. */
export function isHowTo(query: string): boolean {
  return /(には[?？]?$|するには|方法|やり方|どうやって|どうしたら|どうすれば|手順|したい|\bhow (do|can|to|should)\b|\bhow\b.*\?$)/i.test(
    query,
  );
}

/**
 * A question that asks which thing does something ("同じ Pod を3つ動かすのに使うリソースは", "which resource is in
 * charge of ReplicaSets", "複数のコンテナをまとめて立ち上げるツールは"): the answer is a thing the question does
 * not name, so a section headed by one of its words is what the question is about, not its answer.
 */
export function asksWhichThing(query: string): boolean {
  return /(?:使う|使える|使えば|使用する|担う)(?:リソース|ツール|仕組み|機能|オブジェクト|やつ)|する(?:ツール|仕組み|やつ)|(?:どの|どんな)(?:リソース|ツール|仕組み|機能|オブジェクト)|(?:リソース|ツール|仕組み|オブジェクト)(?:は|って|が)?どれ|(?:何|なに)を使(?:う|え|えば|った)|\b(?:which|what)\s+(?:resource|tool|object|controller|kind of object)s?\b|\bwhat\s+(?:should|do|can)\s+i\s+use\b/iu.test(
    query,
  );
}

/** A docker or kubectl command named inside a question ("… with docker attach", "docker tag で…"). */
export function embeddedCommand(query: string): ReturnType<typeof breakDown>["match"] {
  const m = /(?:^|[^\w-])((?:docker|kubectl)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)/i.exec(query);
  return m?.[1] ? breakDown(m[1]).match : null;
}

/** The language of a question: kana mean Japanese; kanji alone, Japanese when the folder has Japanese. */
export function questionLanguage(query: string, index: SectionIndex): Lang {
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(query)) return "ja";
  if (/\p{Script=Han}/u.test(query)) return index.languages.has("ja") ? "ja" : detectLanguage(query);
  return "en";
}

/** What the way a question is typed says about its words, before they are weighed (query-terms.ts). */
export interface TypedMarks {
  /** Capitalised words after the question's first: names ("a Kubernetes *Job*", "*Helm* で chart"). */
  capitalised: Set<string>;
  /** Flags typed (`-it`, `--rm`): meant, even when the word is a stopword ("it"). */
  flags: Set<string>;
  /** Hyphenated names (kube-proxy): one word of the question, whose parts must all match. */
  hyphenated: { parts: string[]; joined: string }[];
  /** camelCase names and their words (minReadySeconds: min, ready, second), as the index keeps both. */
  camelWords: Map<string, string[]>;
}

export function typedMarks(query: string): TypedMarks {
  const capitalised = new Set(
    [...query.matchAll(/(?<=\S.*?[\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[A-Z][a-z]+/gu)]
      .concat([
        ...query.matchAll(/^[A-Z][a-z]+(?=\s*[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/gu),
      ])
      .flatMap((m) => segmentWords(m[0])),
  );
  const flags = new Set(
    [...query.matchAll(/(?:^|\s)--?([a-z][\w-]*)/gi)].map((m) => (m[1] ?? "").toLowerCase()),
  );
  const hyphenated = [
    ...query
      .normalize("NFKC")
      .toLowerCase()
      .matchAll(/\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b/g),
  ]
    .map((m) => ({ parts: segmentWords(m[0]), joined: m[0].replace(/-/g, "") }))
    .filter((h) => h.parts.length > 1);
  const camelWords = new Map(
    [...query.matchAll(/\b[a-z]+(?:[A-Z][a-z]+)+\b/g)].map(
      (m) => [segmentWords(m[0])[0] ?? "", segmentWords(m[0].replace(/([a-z])([A-Z])/g, "$1 $2"))] as const,
    ),
  );
  return { capitalised, flags, hyphenated, camelWords };
}
