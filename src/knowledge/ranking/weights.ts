/**
 * Every weight and threshold of free-text ranking, in one place. None is fitted to one notes folder: each
 * says what it does, and the numbers were checked on the bundled note, the Kubernetes Japanese docs and the
 * tldr pages side by side (`npm run eval`).
 */

/** The fields of a section, in the order the index stores them (see index-store.ts `writeIndex`). */
export const FIELDS = ["heading", "ancestors", "prose", "code", "extra"] as const;
export type Field = (typeof FIELDS)[number];

/**
 * BM25F field weights: a word in the section's own heading says most about what the section is for; its
 * parents' headings give context (a "Max Surge" subsection under "Deployment" is about Deployments); prose
 * and code say what it explains; the command reference's one-liners (extra) only help find it.
 */
export const FIELD_WEIGHT: Record<Field, number> = {
  heading: 4.0,
  ancestors: 1.2,
  prose: 1.0,
  code: 0.6,
  extra: 0.25,
};

/** BM25F length normalisation per field: long bodies are not better for being long; headings barely vary. */
export const FIELD_B: Record<Field, number> = {
  heading: 0.3,
  ancestors: 0.3,
  prose: 0.75,
  code: 0.75,
  extra: 0.5,
};

/** BM25 term-frequency saturation. */
export const K1 = 1.2;

/**
 * How much a matched field counts towards coverage (the share of the question's words a section holds):
 * the reference's one-liners count half, since they are not the notes' own words.
 */
export const COVERAGE_FIELD: Record<Field, number> = {
  heading: 1,
  ancestors: 1,
  prose: 1,
  code: 1,
  extra: 0.5,
};

/**
 * A section with at most this many words of prose and code is a command line under a heading (`## Namespace`,
 * `$ kubectl get namespace`): its reference one-liners count in full toward coverage, not COVERAGE_FIELD.extra
 * (search.ts `fieldScore`). "クラスタにある namespace の一覧を出すコマンド" finds *Namespace*, not a long section
 * that mentions namespaces (seen sets +6, none lost; answer content +3).
 */
export const COMMAND_ONLY_WORDS = 8;

/** Final score = COVERAGE × coverage + RELEVANCE × (BM25F relative to the best candidate) + boosts. */
export const SCORE = {
  coverage: 0.6,
  relevance: 0.3,
  /**
   * Share of the question's weight in the section's own heading: of two sections covering a question, the
   * one headed by its words is the precise one (`docker container stop` over `docker compose stop`).
   */
  headingCoverage: 0.15,
  /** The section's own heading is written in the question ("Deployment のロールバック"). */
  headingInQuery: 0.08,
  /**
   * A question that asks which thing does something (question.ts `asksWhichThing`) and a section headed by a
   * word it names: "同じ Pod を3つ動かすのに使うリソースは" is not answered by *Pod*. More than such a heading
   * earns otherwise (headingInQuery and its heading coverage); on the seen sets +1, none lost.
   */
  namedByWhichThing: -0.2,
  /** Every word of the section's heading is a word of the question ("Deployment の…を更新" for "Deploymentの更新"). */
  headingWordsInQuery: 0.06,
  /** A "what is X" question and a section headed X ("Pod", "Pod とは"). */
  definesSubject: 0.2,
  /** … or headed X with one more word ("type: ClusterIP", "static Pod"): likely about X, maybe a kind of it. */
  namesSubject: 0.1,
  /**
   * A "what is X" question and a section that glosses X (a table row, a definition list item, "X: …"), on top
   * of the signs above: a glossary entry is the definition itself, a line that starts with X only may be.
   */
  glossesSubject: 0.1,
  /** A "what is X" question and a section with a line that starts with X, as a definition does. */
  subjectLeadsLine: 0.2,
  /** A how-to question and a section that shows commands. */
  howToCode: 0.04,
  /**
   * The question names one tool whose commands head sections (docker) and the section is another tool's
   * command (kubectl set): "memory stats of docker containers" is not about kubectl.
   */
  otherTool: -0.1,
  /** The section is written in the question's language (when the folder mixes languages). */
  sameLanguage: 0.05,
  /** Question and heading both negate ("a Service with no selector" → "Services without selectors"). */
  negationMatch: 0.08,
  /** A heading that negates, for a question that does not ("What Kubernetes is not" for "what is Kubernetes"). */
  negationMismatch: -0.04,
  /**
   * Question and heading both restrict to one thing ("ReplicaSet だけ消したい" → "ReplicaSetのみを削除する", "make
   * the root filesystem read only" → "--read-only"). Seen sets: 124 questions restrict; 0.15 answers 4 more
   * of them and loses none, 0.12 one, 0.2 two more (variants of the same question: not taken).
   */
  restrictionMatch: 0.15,
} as const;

/**
 * The most specific section before its parent (specific.ts `preferSpecific`): among the first `window` results,
 * a subsection moves above an ancestor ranked higher when it covers at least `clearCoverage` more of the
 * question, or when its coverage is at most `coverage` lower and its score at most `score` lower (and its own
 * heading holds as much of the question).
 */
export const SPECIFIC = { window: 5, clearCoverage: 0.1, coverage: 0.05, score: 0.08 } as const;

/** A word starts a command-like heading this often before it counts as a tool (SectionIndex.tools). */
export const COMMAND_TOOL_HEADINGS = 3;

/** Share of the question's weight the best section must cover for the question to count as covered. */
export const FOUND_COVERAGE = 0.62;

/**
 * A long question needs less of it: past `words` weighed words, each more one lowers the share by `step`,
 * down to `floor`. The topic of a question is a few words whatever its length; the words a longer one adds
 * are the asker's situation and phrasing ("someone reran the load and now every order shows up twice"),
 * which no section repeats, so a fixed share declines long questions the notes answer. On the seen sets
 * (~2,600 questions, twelve folders): 40 answerable questions whose best section was right but uncovered,
 * against 5 uncovered ones answered; not-covered questions are mostly short (a name the folder lacks).
 */
export const LONG_QUESTION = { words: 5, step: 0.03, floor: 0.5 } as const;

/** The share a question of `words` weighed words must have covered (FOUND_COVERAGE, LONG_QUESTION). */
export function foundCoverage(words: number): number {
  const extra = Math.max(0, words - LONG_QUESTION.words);
  return Math.max(LONG_QUESTION.floor, FOUND_COVERAGE - LONG_QUESTION.step * extra);
}

/**
 * A difference whose sides the notes describe under two headings is answered from the best section and one of
 * the next ones, among the first this many, when the two together cover the share the question needs
 * (foundCoverage; search.ts
 * `differencePartner`).
 */
export const DIFFERENCE_PAIR_WINDOW = 5;

/** A suggestion ("did you mean") is a section covering at least this share. */
export const SUGGEST_COVERAGE = 0.3;

/**
 * How much a word the notes never use weighs, as a share of the weight of the rarest word they do use:
 * Latin words and katakana loanwords name what a question is about, so their absence means the notes do not
 * cover it; kanji words are often general vocabulary; hiragana is grammar and tone.
 */
export const UNKNOWN_WORD_FACTOR = {
  latinOrKatakana: 1,
  /** Everyday English (general-english.ts): "mode", "space", "much". */
  generalEnglish: 0.3,
  kanji: 0.35,
  /** An inflected verb or adjective (入れ, 立て): the topic is in the other words. */
  mixedKana: 0.1,
  /** Hiragana alone is grammar and tone (そもそも, いくつ, ですか). */
  hiragana: 0,
  /** A kanji or kana word asked of a folder with no Japanese page (it cannot be there): tone, not topic. */
  japaneseInOtherLanguage: 0.1,
  /** A katakana loanword asked of such a folder, when no English word sounds like it: still half a topic. */
  katakanaInOtherLanguage: 0.5,
  /** A word the command reference knows (a docker or kubectl word) weighs half when the notes lack it. */
  catalogWord: 0.5,
} as const;

/**
 * An everyday English word a folder never uses (UNKNOWN_WORD_FACTOR.generalEnglish), or a kanji word Japanese
 * notes never use, weighs at most this share of the question's heaviest word the folder has: in a small
 * folder an absent word's IDF is far above a common topic word's, and "Kubernetes in one *sentence*" is still
 * a question about Kubernetes.
 */
export const FAMILIAR_UNKNOWN_CAP = 0.5;

/**
 * An everyday English word (general-english.ts) that an English folder uses in at most this many sections
 * ("by hand", once) is rare there by chance, not a topic: it weighs at most FAMILIAR_UNKNOWN_CAP of the
 * question's heaviest other word, as an everyday word the folder lacks does. Not over a folder with Japanese
 * pages, whose English words are terms (build, pod) far more often than everyday speech, unless the folder
 * also has English pages and the question is all English (it is asked of those pages).
 */
export const EVERYDAY_RARE_DF = 2;

/** Two typed words are read as one compound only if the reading is their joint length, give or take this. */
export const TYPO_COMPOUND_SLACK = 1;

/**
 * A single kanji or kana standing alone as a word (残 of 残したい, 前, 後) is a fragment of an inflected verb or a
 * general word far more often than the topic; it weighs this share of its rarity.
 */
export const SINGLE_CHARACTER_FACTOR = 0.3;

/**
 * Everyday words (general-english.ts) weigh this share of their rarity even when the folder uses them: that a
 * folder mentions 関係 or "single" once does not make a question about them a question about that section.
 */
export const GENERAL_WORD_FACTOR = 0.25;

/**
 * Credit a section gets for holding only a loose relative of a question's word (the folder's ネットワーク for
 * the question's ブリッジネットワーク): the word still weighs in full, but counts as half covered.
 */
export const RELATIVE_CREDIT = 0.5;

/** A word with kana in it that the folder does use (付け, いくつ) is still mostly grammar: this share of its rarity. */
export const KNOWN_KANA_FACTOR = 0.3;

/**
 * Credit for a section that holds only the usual Japanese word for an English word the folder lacks
 * (vocabulary-en-ja.ts: reproduce → 再現); the word still weighs as one the folder lacks.
 */
export const VOCABULARY_CREDIT = 1;

/**
 * An -ed/-ing word the folder writes cut (chang of "changed") also meets its uncut form (change) when fewer than
 * this share of the sections holding the cut form hold the uncut one too: the two forms then stand apart, and
 * the uncut one finds other sections (query-terms.ts `mostlyApart`).
 */
export const UNCUT_APART_SHARE = 0.5;

/** Credit for a section that holds only a synonym of the question's English word (display for show). */
export const SYNONYM_CREDIT = 0.8;

/**
 * The verb of a how-to question ("how do I *create*…", "…を*作り*たい") weighs this many times its rarity,
 * without the everyday-word discount: a section about the thing that does not do it does not answer.
 */
export const ACTION_FACTOR = 2;

/** … but at most this many times the question's heaviest other word the folder has (query-terms.ts `capAction`). */
export const ACTION_CAP = 2;

/**
 * A verb the question says not to do ("without recreating it") weighs this share of its weight
 * (query-terms.ts `lightenNegated`): a constraint the answering section seldom repeats (seen sets +2, none
 * lost; 0.3 answered one more and lost one).
 */
export const NEGATED_WORD_FACTOR = 0.5;

/** Verbs of knowing and looking, and light verbs (give, make), which name no action of their own. */
export const ACTION_NEUTRAL = new Set(
  "see know learn understand do use get give take put make have go come keep let try find 見 知り 知 教え 分かり わかり 使い 使う し する 確認 調べ 確かめ".split(
    " ",
  ),
);

/** Weight of a question word read as another (a typo, a transliteration), relative to the word itself. */
export const READ_AS_FACTOR = 0.9;

/** Typo correction for free text: the shortest word corrected, and the edits allowed by length. */
export const TYPO = {
  minLatinLength: 5,
  /**
   * Three-letter words are read as another only by one added letter after the same two (pul → pull), else by
   * one swap of neighbours (pdo → pod).
   */
  insertOnlyLength: 3,
  /**
   * Four-letter words only through one swap of neighbours ("stpo" → stop), else one added letter after the
   * same two (buld → build); never one changed letter (seen sets +2, none lost).
   */
  swapOnlyLength: 4,
  /** A word shorter than this is not read as another of its length by one changed letter (untar is not untag). */
  substitutionFrom: 6,
  /** Latin words up to this length may have one edit; longer ones two. */
  oneEditUpTo: 7,
  minJapaneseLength: 3,
  /** Function words this long or longer (which, should) are recognised with one typo, in words a letter shorter. */
  stopwordFrom: 5,
} as const;

/** Skeletons (katakana ↔ English) shorter than this match only with the same first vowel (ノード/node, not カバ/kube). */
export const SKELETON_MIN_LENGTH = 3;

/** English words shorter than this are not matched by skeleton at all (cpu ≠ コピ). */
export const SKELETON_MIN_WORD = 4;

/**
 * How many sections candidate generation (the postings, weighted by the question words each section holds,
 * heading words double) keeps for full BM25F scoring.
 */
export const MAX_CANDIDATES = 120;
