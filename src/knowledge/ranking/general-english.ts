import { daleChall } from "dale-chall";
import { ENGLISH_WORDS } from "../generated/english-words.js";
import { stem } from "../segment.js";

/**
 * Everyday English words that learners use in questions about any technical topic (verbs of doing, common
 * nouns and adjectives, units of size and time). Missing from a folder, such a word says little about whether
 * the folder covers the question ("how do I run a container in detached *mode*"); a missing name (Helm,
 * Terraform, RBAC) says a lot.
 * General vocabulary only: nothing here names a product or a topic of one particular folder.
 */
const WORDS = `
command option tool flag
able access action add added adding after again against allow already always another answer anything around
ask automatic automatically available away back bad base basic before begin behind best better big both break
bring build call called can cannot case cause change check choose clear close come common compare complete
correct count create current custom default define detail details different disable do done down each easy edit
else empty enable end enough entire error every everything example exist exists explain extra fail fast
few find first fix follow force format free full get give given go good group happen happens help hide high
hold idea important include inside instead into keep kind know large last later leave less level light like
limit line list little live local long look lose lot low main make many matter may mean method mind minimum
mode modify more most move much multiple must name near need never new next normal note nothing number
often old once only open order other out output over own part pass path pick place plain point possible
prefer print problem proper put quick quickly rather read ready real really reason remember repeat replace
request require result return right same save say second see seem select send set setting several short
should show side simple since single size small some something sometimes soon space special specific start
state still stop such support sure switch take tell than thing think through time together too top try turn
type under unit until up usage use used useful user using usual usually value very view wait want watch way
well what when where whether which while whole why will with within without word work working would write
wrong yet
ate began begun bought brought broke broken came chose chosen did done drove driven eaten fell fallen felt forgot
forgotten found gave given gone got gotten held hid hidden kept knew known left lost made meant met paid ran sat
saw seen sent shut sold spent spoke spoken stood stole stolen taken taught thought threw thrown told took
understood went woke won wore worn wrote written
faster slower quicker bigger smaller larger easier harder simpler newer older longer shorter higher lower
cheaper safer cleaner lighter heavier earlier nicer
kb mb gb tb ms
`;

/** English verbs whose past forms a stemmer cannot undo: each form, then the verb (built → build). */
const IRREGULAR = `
ate:eat began:begin begun:begin bought:buy brought:bring broke:break broken:break built:build came:come
chose:choose chosen:choose did:do done:do drove:drive driven:drive eaten:eat fell:fall fallen:fall felt:feel
forgot:forget forgotten:forget found:find gave:give given:give gone:go went:go got:get gotten:get held:hold
hid:hide hidden:hide kept:keep knew:know known:know left:leave lost:lose made:make meant:mean met:meet
paid:pay said:say ran:run sat:sit saw:see seen:see sent:send sold:sell spent:spend spoke:speak spoken:speak stood:stand
stole:steal stolen:steal taken:take took:take taught:teach thought:think threw:throw thrown:throw told:tell
understood:understand woke:wake won:win wore:wear worn:wear wrote:write written:write rebuilt:rebuild
rewrote:rewrite rewritten:rewrite undid:undo undone:undo overwrote:overwrite overwritten:overwrite
reran:rerun overran:overrun redid:redo redone:redo froze:freeze frozen:freeze grew:grow grown:grow drew:draw
drawn:draw flew:fly flown:fly shook:shake shaken:shake shown:show stuck:stick struck:strike hung:hang
caught:catch fought:fight sought:seek slept:sleep dealt:deal lent:lend bent:bend rode:ride ridden:ride
tore:tear torn:tear swore:swear sworn:swear mistook:mistake mistaken:mistake withdrew:withdraw
overrode:override overridden:override
`;

const IRREGULAR_BASE = new Map(
  IRREGULAR.split(/\s+/)
    .filter(Boolean)
    .map((pair) => pair.split(":") as [string, string])
    .map(([form, verb]) => [stem(form), stem(verb)] as const),
);

/** The verb an irregular past form belongs to (built → build, ran → run), stemmed; null for other words. */
export function irregularBase(word: string): string | null {
  return IRREGULAR_BASE.get(word) ?? null;
}

const GENERAL = new Set(
  WORDS.split(/\s+/)
    .filter(Boolean)
    .map((w) => stem(w)),
);

/** Everyday kanji words of Japanese questions, in the same spirit: how, when, at least, relation, all… */
const JAPANESE = `
コマンド オプション ツール
最低 最高 最初 最後 最新 最大 最小 関係 関連 違い 場合 確認 必要 全部 全て 一番 簡単 自動 手動 今 別 他 同じ 複数 単一
個別 一度 一緒 一般 普通 通常 基本 具体 詳細 注意 問題 原因 結果 状態 理由 意味 目的 方法 手順 仕組み 特徴 種類
可能 不要 大丈夫 本当 実際 以外 以上 以下 以前 以降 途中 最中
前 後 中 上 下 外 内 間 時 時間 毎回 毎日 全体 部分 自分 相手 誰 皆 何 何故 事 物 人 話 気 感じ 多い 少ない 早い 遅い
`;

const GENERAL_JAPANESE = new Set(JAPANESE.split(/\s+/).filter(Boolean));

/** Whether a (stemmed, lower-case) word is everyday English rather than a name or a term. */
export function isGeneralEnglish(word: string): boolean {
  // The light stemmer leaves "including" as includ: the list's "include" is the same word.
  return GENERAL.has(word) || GENERAL.has(`${word}e`);
}

/**
 * The ~3,000 words most American fourth-graders know (the New Dale–Chall list), stemmed as questions are:
 * a word on it that the folder never uses is phrasing ("throw away", "play", "raise"), not a topic the folder
 * lacks. Used only for words a folder does not hold; technical words (container, image, cluster, volume)
 * are not on it.
 */
const FAMILIAR = new Set(
  [
    ...daleChall,
    // Adverbs and adjectives of everyday questions that the fourth-grade list leaves out.
    ..."actual actually recent recently current currently basic basically exact exactly simple simply final finally proper properly immediate immediately previous previously manual manually random randomly".split(
      " ",
    ),
  ].map((w) => stem(w.toLowerCase())),
);

/** Letters a word keeps at least before a superlative or adverb ending (newest: new). */
const BASE_MIN_LETTERS = 3;
const BASE_ENDING = new RegExp(`^([a-z]{${BASE_MIN_LETTERS},}?)(?:est|ly)$`);
const ABLE_ENDING = new RegExp(`^(?:un)?([a-z]{${BASE_MIN_LETTERS},}?)(?:able|ible)$`);

/**
 * The word without a superlative or adverb ending (newest, quickly), when it has one. Not -er: it makes
 * nouns of verbs (docker, server, layer, builder), which are names, not phrasing.
 */
function baseForms(word: string): string[] {
  // An adjective made with -able from an everyday verb, negated or not (readable, unreadable, usable): the verb.
  const able = ABLE_ENDING.exec(word);
  if (able?.[1]) return [able[1], `${able[1]}e`];
  const m = BASE_ENDING.exec(word);
  if (!m?.[1]) return [];
  const root = m[1];
  const forms = [root, `${root}e`];
  if (/([^aeiou])\1$/.test(root)) forms.push(root.slice(0, -1));
  if (root.endsWith("i")) forms.push(`${root.slice(0, -1)}y`);
  return forms;
}

/** Whether a (stemmed, lower-case) English word a folder does not hold is everyday English. */
export function isFamiliarEnglish(word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  return (
    isGeneralEnglish(word) ||
    FAMILIAR.has(word) ||
    FAMILIAR.has(`${word}e`) ||
    baseForms(word).some((f) => FAMILIAR.has(f) || GENERAL.has(f))
  );
}

/**
 * Whether a word as typed is everyday English spelled right: isFamiliarEnglish of its stem, except that a
 * final e is not added back to a word the stemmer left alone ("remov" typed is a typo of remove; "removed"
 * cut to remov is remove).
 */
export function isFamiliarAsTyped(typed: string): boolean {
  const s = stem(typed);
  if (s !== typed) return isFamiliarEnglish(s);
  return (
    /^[a-z]+$/.test(s) &&
    (GENERAL.has(s) || FAMILIAR.has(s) || baseForms(s).some((f) => FAMILIAR.has(f) || GENERAL.has(f)))
  );
}

/** Whether a word is everyday vocabulary of questions (English or Japanese) rather than a name or a term. */
export function isGeneralWord(word: string): boolean {
  return isGeneralEnglish(word) || GENERAL_JAPANESE.has(word);
}

/** SCOWL's common English words (generated/english-words.ts), built on first use (~38,000 words, a few ms). */
let englishWords: Set<string> | null = null;

/**
 * Whether a word as typed (lower case, not stemmed) is a common English word spelled right (timer, suite,
 * contains, expiry): then it is not a typo of a folder's word (time, site, container), though it may be
 * another form of one (segment.ts `derivedForms`). A misspelling (deploymnet, instal, stpo) is not on it.
 */
export function isEnglishWord(typed: string): boolean {
  englishWords ??= new Set(ENGLISH_WORDS.split(" "));
  return englishWords.has(typed);
}

/** Typed words shorter than this are not read as a typo of an everyday word (a typed "form" is not "from"). */
const FAMILIAR_TYPO_MIN_LETTERS = 5;

/**
 * The everyday English word a word the folder lacks is a typo of ("chnages" → change), stemmed: one swap of
 * neighbouring letters, and only when a single such word fits. Not a letter too many or too few: the list
 * is short, so a real word it lacks would be read as a shorter one (solve as sole, combo as comb, and even
 * in long words: policies as police, handlers as handle, receiver as receive). Read as
 * that word, it finds the folder's words for it (change → 変更) and weighs as phrasing, not as a name.
 */
export function familiarTypo(typed: string): string | null {
  if (!/^[a-z]+$/.test(typed) || typed.length < FAMILIAR_TYPO_MIN_LETTERS) return null;
  const found = new Set<string>();
  const consider = (w: string) => {
    const s = stem(w);
    if (w !== typed && isFamiliarEnglish(s)) found.add(s);
  };
  for (let i = 0; i + 1 < typed.length; i++)
    consider(typed.slice(0, i) + typed[i + 1] + typed[i] + typed.slice(i + 2));
  found.delete(stem(typed));
  return found.size === 1 ? ([...found][0] ?? null) : null;
}
