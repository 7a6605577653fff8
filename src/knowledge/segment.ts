/**
 * Word segmentation for search. Japanese has no spaces, so text goes through Intl.Segmenter (built into
 * Node) before it is indexed (the `words` column, read by ranking/section-index.ts), and queries are cut the
 * same way. Latin words are lower-cased.
 */
const segmenter = new Intl.Segmenter("ja", { granularity: "word" });

// Grammar and tone: particles, auxiliaries (the helper verbs after て — 残して*おき*たい, 消して*しまっ*た — are
// among them, and だけ), question words and a learner's stock phrases.
const JA_STOPWORDS = new Set(
  "の は を に が と で て た だ です ます する し した して いる ある あり こと もの よう ため これ それ この その あれ どれ とは には では から まで より など か も や へ な ね よ という とき ときの ときは 場合 方法 使い方 やり方 仕方 教え 教えて ください 何 なに なん どう どういう どうやって どうすれば すれば いい よい どの どんな ？ ? 違い 違う 相違 ちがい 知 知り 知っ 方 について って ってなに たい たいとき ほしい れる られる せる させる でき できる 可能 なる なり 自分 一つ 的 くだ さい てる いてる だけど んだけど けど まっ どこ いつ なぜ なんで なんの したら すれば 意味 役割 理由 目的 基準 判断 手順 具体 具体的 好き 必要 場所 同士 あるの ある すか んで たら てい ありま なか でも として にし っけ とか じゃ たか すると なら たり ですが ので だから っていう ていう いう もし ほうが つまり さらに もう すぐ ずっと もっと くらい そもそも ざっくり いったん いつも なんと はい ぶん だけ おき おい おく しまう しまっ しまい ちゃう ちゃっ".split(
    " ",
  ),
);

const EN_STOPWORDS = new Set(
  "a an the of to in on at for from by with and or is are was were be been being am do does did how what which who whom why when where i me my you your we our it its this that these those can could should would will shall may might must there here into out about as not no yes please tell explain show mean means meaning difference between vs versus use using used want need way ways thing things some any all one also just like i'm whats what's their them they his her he she its through over under again then than so if else such only own same other very too s t don't doesn't isn't aren't go get got make makes made let lets should i'd i've you're we're there's that's kind sort bit lot lots have has had why purpose role reason step steps but yet though although whether onto myself yourself itself ourselves themselves however because even ever either neither nor".split(
    " ",
  ),
);

/**
 * Words of the asker's situation, not of the topic: people, time and hedges ("someone said it still fails
 * now, a few hours ago"). A section that holds one is nearer the question; one that does not is not further
 * from it (search.ts `ask` leaves them out of a section's coverage when it lacks them). Not "whole" or
 * "everyone": notes write them where they answer ("the whole time", "broken for everyone"), and leaving them
 * out lifted the sections that lack them above those.
 */
const SITUATION_WORDS = new Set([
  ..."someone somebody anyone anybody still now ago actually already really basically ok okay few every each said maybe probably somehow anyway currently".split(
    " ",
  ),
  // The verbs of a question's phrasing: what problem does X solve, how does it relate to, what does it not
  // provide, why is it considered, how do I work on it (どんな問題を解決するの, 何を提供しない, どう関係する).
  ..."solve consider relate provide work 問題 解決 提供 関係".split(" "),
  // How the asker feels about it (stemmed as the index is: annoying → annoy), and the contractions the
  // stopwords do not hold, as typed with or without the apostrophe.
  ..."annoy bother hassle tedious painful can't cant won't wont dont doesnt isnt aren't arent didn't didnt wasn't couldn't shouldn't wouldn't haven't hasn't".split(
    " ",
  ),
  // The same in Japanese, with the asker's feelings about the task (面倒, 怖い, 最悪: "it is a hassle to…").
  ..."今 さっき 誰か みんな 全員 毎回 結局 とりあえず 実は 急に いきなり 普段 たまに 面倒 めんどう めんどくさい 面倒くさい 怖い 最悪 困 困る".split(
    " ",
  ),
]);

export function isSituationWord(token: string): boolean {
  return SITUATION_WORDS.has(token);
}

/** The English function words of questions (which, should, about), for reading their typos. */
export const englishStopwords: ReadonlySet<string> = EN_STOPWORDS;

export function isStopword(token: string): boolean {
  return JA_STOPWORDS.has(token) || EN_STOPWORDS.has(token);
}

/** Normalizes width and case: full-width ASCII becomes ASCII, Latin letters become lower case. */
export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** Forms of the verbs that end -ie (die, lie, tie, vie, untie) the -ing and -ed rules would cut wrong. */
const IE_VERB_FORM = /^(d|l|t|v|unt)(?:ying|ied)$/;

/**
 * A light English stemmer (plurals, -ing, -ed), applied to Latin words on both sides of the index so
 * that "containers", "copying" and "copied" meet "container" and "copy".
 */
export function stem(word: string): string {
  if (!/^[a-z]{4,}$/.test(word)) return word;
  let w = word;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (/(sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // A verb ending -ie keeps its e in -ying and -ied (dying, died, untying): die, not dy or di.
  const ie = IE_VERB_FORM.exec(w);
  if (ie?.[1]) w = `${ie[1]}ie`;
  else if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ied") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ed") && w.length > 4) w = w.slice(0, -2);
  if (/([^aeiouls])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/**
 * The stemmed forms of the same English word in another part of speech, which the stemmer does not join:
 * a verb's noun (rotate → rotation, install → installation, renew → renewal, delete → deletion) and a noun's
 * verb (rotation → rotate, installation → install), and a verb in -e whose -ed/-ing forms the stemmer cut
 * (rotate → rotat, as "rotated" and "rotating" are indexed). Candidates only: the caller keeps those the
 * folder writes. Words of five letters or more (not "rate" as "rat").
 */
export function derivedForms(word: string): string[] {
  if (!/^[a-z]{5,}$/.test(word)) return [];
  const out: string[] = [];
  if (word.endsWith("ation")) {
    const base = word.slice(0, -5);
    out.push(base, `${base}e`, `${base}ate`);
  } else if (word.endsWith("tion") || word.endsWith("sion")) {
    // deletion → delete, completion → complete; the stemmer's cut form too.
    out.push(`${word.slice(0, -3)}e`, word.slice(0, -3));
  } else if (word.endsWith("e")) {
    const bare = word.slice(0, -1);
    out.push(bare);
    if (word.endsWith("ate")) out.push(`${bare.slice(0, -1)}tion`);
    else out.push(`${bare}ation`, `${bare}ion`, `${bare}al`);
  } else if (/[^aeiou]y$/.test(word)) {
    // expiry → expire, recovery → recover: the verb a noun in -y is made from.
    const bare = word.slice(0, -1);
    out.push(`${bare}e`, bare);
  } else if (!/(?:al|ment|ing|ion|er|or|s)$/.test(word)) {
    out.push(`${word}ation`, `${word}al`);
  }
  return out.filter((f) => f !== word && f.length >= 4);
}

const KATAKANA = /^[\p{Script=Katakana}ー・]+$/u;

/**
 * One spelling for a katakana word: the middle dot goes (ローリング・アップデート) and so does a final long-vowel
 * mark, which Japanese writers add or leave out freely (サーバー = サーバ, コンピューター = コンピュータ).
 */
export function katakanaForm(word: string): string {
  const w = word.replace(/・/g, "");
  return w.length >= 3 ? w.replace(/ー+$/u, "") : w;
}

/**
 * The stem a Japanese verb or adjective keeps in every inflection: its kanji, when a word is kanji followed by
 * a short hiragana ending (送り, 送る, 送った → 送~; 消し, 消す → 消~). Indexed beside the word itself, so a
 * question's 送りたい meets the notes' 送る. Null for other words.
 */
export function inflectionStem(word: string): string | null {
  const m = /^(\p{Script=Han}{1,3})\p{Script=Hiragana}{1,3}$/u.exec(word);
  return m?.[1] ? `${m[1]}~` : null;
}

/** Kana that follow a noun as particles, not as a verb's ending (行を, 前に, 本や). */
const PARTICLE_START = /^[をがはにでとのへもかやよねな]/u;
/** か and が that begin a verb's ending, not a particle (動|か|ない, 繋|が|ら|ない). */
const VERB_KA_GA = /^(?:か[なせれさっ]|が[らりるれろっ])/u;

/**
 * The inflection stem of a verb the segmenter cut after its kanji (探|し|たい, 探|して): one or two kanji
 * followed by kana that is not a particle read as 探~, the stem the notes' 探す is indexed under. (Only on
 * the question's side: indexing the notes' cut verbs the same way made such stems common and moved answers.)
 */
export function cutVerbStem(word: string, following: string): string | null {
  return /^\p{Script=Han}{1,2}$/u.test(word) &&
    /^\p{Script=Hiragana}/u.test(following) &&
    (VERB_KA_GA.test(following) || !PARTICLE_START.test(following))
    ? `${word}~`
    : null;
}

/** Splits camelCase and PascalCase runs before case is folded (maxSurge → max Surge), keeping acronyms. */
function splitCamel(text: string): string {
  return text.replace(/([a-z])([A-Z])/g, "$1 $2");
}

/** A word and, for a katakana loanword that the dictionary cut into pieces, those pieces. */
export interface Word {
  word: string;
  parts: string[];
  /** The word as typed (lower-cased), when the stemmer changed it (progres → progre). */
  typed?: string;
}

/**
 * Word-like segments of the text, normalized, in order (stopwords kept). ICU's dictionary does not know
 * most katakana loanwords and cuts them (ポート|フ|ォ|ワ|…), so runs of katakana are joined back into
 * one word, keeping the pieces for partial matches (ローリング|アップデート).
 */
/**
 * Recent segmentations: a question is cut several times while it is answered (terms, subject, verb, about
 * ten texts). A few questions' worth: people rarely ask the same thing twice, so a memory of past
 * questions would hold what they typed and seldom serve it (and the search benchmark, which asks the same
 * 87 questions round after round, would measure that memory instead of the cutting).
 */
const recent = new Map<string, Word[]>();
const RECENT_MAX = 32;
const RECENT_TEXT_MAX = 400;

export function segmentWordsWithParts(text: string): Word[] {
  if (text.length > RECENT_TEXT_MAX) return segmentUncached(text);
  const hit = recent.get(text);
  if (hit) return hit;
  const words = segmentUncached(text);
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
  recent.set(text, words);
  return words;
}

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** A letter, a digit or `_`: the ASCII characters that join into one word. */
const isWordChar = (c: number) => isLetter(c) || isDigit(c) || c === 95;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
/** The spaces the segmenter always breaks at (not \s, which holds U+FEFF, a character it ignores in a word). */
const SPACES = /([ \t\n\r\f\v\u2028\u2029]+)/;
const SPACES_ONLY = /^[ \t\n\r\f\v\u2028\u2029]+$/;

/**
 * The word-like segments of pure-ASCII text, the same ones Intl.Segmenter returns (Unicode's word
 * boundary rules for ASCII: letters, digits and `_` join; `:` joins two letters; `.` and `'` join two
 * letters or two digits; `,` and `;` join two digits; a lone `_` is not a word), without the segmenter's
 * cost (~5 µs a call even for one word, ~15 µs for a question). Checked equal to the segmenter once on
 * every whitespace-separated ASCII run of the corpora (162,000 runs); test/knowledge/segment.test.ts checks
 * samples and random runs of punctuation.
 */
export function asciiWords(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      if (j + 1 >= n) break;
      const mid = text.charCodeAt(j);
      const before = text.charCodeAt(j - 1);
      const after = text.charCodeAt(j + 1);
      const letters = isLetter(before) && isLetter(after);
      const digits = isDigit(before) && isDigit(after);
      const joins =
        (mid === 58 && letters) || // :
        ((mid === 46 || mid === 39) && (letters || digits)) || // . '
        ((mid === 44 || mid === 59) && digits); // , ;
      if (!joins) break;
      j += 2;
    }
    const w = text.slice(i, j);
    if (w !== "_") out.push(w);
    i = j;
  }
  return out;
}

/**
 * The segments of normalized text that matter here (word-like ones, and the whitespace between runs): its
 * pure-ASCII runs between spaces are cut by asciiWords, the rest by the segmenter, one call per stretch.
 * The segmenter never joins across whitespace, so cutting the text in those places changes no word.
 */
function* segmentsOf(text: string): Generator<{ segment: string; isWordLike?: boolean }> {
  if (ASCII_ONLY.test(text)) {
    for (const w of asciiWords(text)) yield { segment: w, isWordLike: true };
    return;
  }
  let pending = "";
  for (const piece of text.split(SPACES)) {
    if (piece === "" || !ASCII_ONLY.test(piece) || SPACES_ONLY.test(piece)) {
      pending += piece;
      continue;
    }
    if (pending) yield* segmenter.segment(pending);
    pending = "";
    for (const w of asciiWords(piece)) yield { segment: w, isWordLike: true };
  }
  if (pending) yield* segmenter.segment(pending);
}

/** A segmenter piece this short is a fragment of a word it does not know, when a lone letter stands by it. */
const FRAGMENT_LETTERS = 2;

/**
 * The pieces of a katakana compound, with the fragments the segmenter leaves where it knows only part
 * of a loanword glued back: a run of short pieces holding a lone letter is one word (ビル|ド → ビルド,
 * セ|レ|ク|ター → セレクター, バラ|ン|サー → バランサー), and a lone letter left between longer pieces
 * joins the piece before it (トーク|ン → トークン), or at the start the one after (リ|ビジョン).
 * So ビルドキャッシュ has the parts ビルド and キャッシュ, not ビル. Pieces as the segmenter wrote them.
 */
function gluedPieces(raw: string[]): string[] {
  const runs: string[] = [];
  let group: string[] = [];
  const close = () => {
    if (group.some((p) => p.length === 1)) runs.push(group.join(""));
    else runs.push(...group);
    group = [];
  };
  for (const p of raw) {
    if (p.length <= FRAGMENT_LETTERS) group.push(p);
    else {
      close();
      runs.push(p);
    }
  }
  close();
  const out: string[] = [];
  let pending = "";
  for (const p of runs) {
    if (p.length > 1) {
      out.push(pending + p);
      pending = "";
    } else if (out.length > 0) out[out.length - 1] += p;
    else pending += p;
  }
  if (pending) out.push(pending);
  return out;
}

function segmentUncached(text: string): Word[] {
  const out: Word[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const pieces = gluedPieces(run).map(katakanaForm).filter(Boolean);
    const word = katakanaForm(run.join(""));
    if (word) out.push({ word, parts: pieces.length > 1 ? pieces.filter((p) => p.length >= 2) : [] });
    run = [];
  };
  for (const s of segmentsOf(normalize(text))) {
    const w = s.segment.trim();
    if (w && KATAKANA.test(w)) {
      run.push(w);
      continue;
    }
    flush();
    if (s.isWordLike && w) {
      // A possessive is the word itself (the container's name: container).
      const bare = w.replace(/['’]s$/u, "");
      const word = EN_STOPWORDS.has(bare) ? bare : stem(bare);
      out.push(word === w ? { word, parts: [] } : { word, parts: [], typed: w });
    }
  }
  flush();
  return out;
}

export function segmentWords(text: string): string[] {
  return segmentWordsWithParts(text).map((w) => w.word);
}

/** Space-separated words (and the pieces of long katakana words), one field's line of the `words` column. */
export function segmentForIndex(text: string): string {
  const out: string[] = [];
  for (const w of segmentWordsWithParts(text)) {
    out.push(w.word, ...w.parts);
    const s = inflectionStem(w.word);
    if (s) out.push(s);
    // A dotted or slashed name (`spec.strategy.maxsurge`, `apps/v1`) is also indexed as its parts.
    if (/[./_:]/.test(w.word) && /[a-z]/.test(w.word))
      for (const p of w.word.split(/[./_:]+/)) if (p.length >= 2) out.push(p);
  }
  // A hyphenated name is also indexed joined (kube-proxy → kubeproxy), so that it matches as one word.
  for (const m of text.matchAll(/\b[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+\b/g))
    out.push(m[0].replace(/-/g, "").toLowerCase());
  // camelCase words are also indexed as their parts (maxSurge → max, surge), so "max surge" finds them.
  for (const m of text.matchAll(/\b[a-z]+(?:[A-Z][a-z]+)+\b/g)) out.push(...segmentWords(splitCamel(m[0])));
  return out.join(" ");
}

/** The words of a query that carry meaning (stopwords dropped), unique, in order. */
export function queryTerms(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of segmentWords(text)) {
    if (isStopword(w) || seen.has(w)) continue;
    if (w.length === 1 && /^[\p{Script=Hiragana}a-z0-9]$/u.test(w)) continue;
    seen.add(w);
    out.push(w);
  }
  return out;
}
