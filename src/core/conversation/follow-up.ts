import type { Turn } from "./memory.js";

/**
 * Follow-up questions without a language model. "and how do I delete it?" after "What is a ReplicaSet?"
 * names its subject with a pronoun (or not at all); searched alone it would find nothing, or the wrong
 * page. The previous questions' subject words (what is left of them without question words, particles
 * and action verbs) take the place of the pronoun, or are added when the follow-up has no subject.
 */

/** Words that carry no subject: question words, auxiliaries, articles, prepositions, pronouns. */
const EN_FUNCTION_WORDS = new Set(
  (
    "a an the and or but so also then what whats what's how hows how's why when where which who whose " +
    "is are was were be been being am do does did done can could should would will shall may might must " +
    "i me my we us our you your he she his her they them their it its this that these those there here " +
    "to of in on at for from with by about into out as if than not no yes please tell show me explain " +
    "mean means meaning difference between vs versus way ways thing things one ones again instead ok okay"
  ).split(" "),
);

/** Verbs of how-to questions: they say what to do, not what about (the subject stays the same). */
const EN_ACTION_WORDS = new Set(
  (
    "use using used make create creating add delete deleting remove removing rm list listing get getting " +
    "see view check inspect find run running start starting stop stopping restart copy copying move update " +
    "upgrade change edit set configure install uninstall build push pull deploy scale expose apply rollback " +
    "roll back undo kill attach exec log logs open close connect enable disable write read save export import"
  ).split(" "),
);

/** Japanese particles, copulas, question words and endings: no subject in them. */
const JA_FUNCTION_WORDS = new Set(
  (
    "は が を に で と の へ も や か な ね よ から まで より って とは には では での との への " +
    "です ます でしょう だ ですか ますか する して した したい します しますか できる できます ない " +
    "何 なに なん どう どうやって どこ いつ どれ どの なぜ 誰 方法 やり方 ください 教えて 違い " +
    "それ これ あれ その この あの そいつ そこ ここ また あと じゃあ では それで 場合 とき 時 こと もの"
  ).split(" "),
);

/** Japanese action nouns and verbs of how-to questions. */
const JA_ACTION_WORDS = new Set(
  (
    "作成 作る 削除 消す 消去 表示 見る 確認 一覧 取得 実行 起動 停止 止める 再起動 コピー 移動 更新 変更 " +
    "編集 設定 インストール ビルド 作成する 削除する 公開 適用 ロールバック 戻す 接続 ログ 使う 使い方 追加"
  ).split(" "),
);

/**
 * Pronouns that stand for the previous subject, as whole words the way `wordsOf` reads them: not the end of a
 * word joined by an apostrophe, dot or hyphen (`0'it`, `x.this`), which is a word of the question's own.
 */
const EN_PRONOUNS =
  /(?<![A-Za-z0-9._/:'-])(it|its|this|that|these|those|them|they)(?![A-Za-z0-9_/]|['.:-]+[A-Za-z0-9])/i;
const JA_PRONOUNS = /(それ|これ|あれ|そいつ)/u;
/** Japanese determiners ("its", "that …"): the subject with の (その一覧 → Namespaceの一覧). */
const JA_DETERMINERS = /(その|この|あの)/u;

/**
 * Openers that mark a continuation ("and …", "what about …", "じゃあ…"), only before a word: "OK" or "ok!"
 * alone is the question.
 */
const EN_CONTINUATION = /^(and|also|then|so|ok|okay)\b[\s,]*(?=.*[\p{L}\p{N}])/iu;
const JA_CONTINUATION = /^(じゃあ|では|それで|あと|また|で、)[\s、,]*(?=.*[\p{L}\p{N}])/u;

const segmenter = new Intl.Segmenter("ja", { granularity: "word" });

/** The words of a text: ASCII runs whole (`kube-proxy`, `docker`), the rest segmented as Japanese. */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[A-Za-z0-9][A-Za-z0-9._/:'-]*|[^\sA-Za-z0-9]+/g) ?? []) {
    if (/^[A-Za-z0-9]/.test(run)) {
      out.push(run.replace(/['.:-]+$/, ""));
      continue;
    }
    for (const s of segmenter.segment(run)) if (s.isWordLike) out.push(s.segment);
  }
  return out.filter((w) => w !== "");
}

const isFunctionWord = (w: string) => EN_FUNCTION_WORDS.has(w.toLowerCase()) || JA_FUNCTION_WORDS.has(w);
const isActionWord = (w: string) => EN_ACTION_WORDS.has(w.toLowerCase()) || JA_ACTION_WORDS.has(w);

/** What a question is about: its words without function words and action verbs, in order, once each. */
export function subjectWords(question: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of wordsOf(question)) {
    if (isFunctionWord(w) || isActionWord(w)) continue;
    const key = w.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(w);
  }
  return out;
}

/** How a question was read in its conversation. */
export interface Resolution {
  /** What is searched: the question itself, or with the earlier subject put in. */
  text: string;
  /** The earlier subject that was put in, when the question leaned on one. */
  subject: string | null;
}

/** The most recent earlier subject, skipping turns that had none of their own. */
function previousSubject(history: readonly Turn[]): string | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const words = subjectWords(history[i]?.resolved ?? "");
    if (words.length > 0) return words.join(" ");
  }
  return null;
}

/**
 * Reads a question in the light of the conversation's earlier turns. A question that names its own
 * subject (and uses no pronoun) is searched as it is; so is any question that opens a conversation.
 */
export function resolveFollowUp(question: string, history: readonly Turn[]): Resolution {
  const asked = question.trim();
  const subject = history.length > 0 ? previousSubject(history) : null;
  if (!subject) return { text: asked, subject: null };
  const body = asked.replace(EN_CONTINUATION, "").replace(JA_CONTINUATION, "");
  if (EN_PRONOUNS.test(body)) return { text: body.replace(EN_PRONOUNS, subject), subject };
  if (JA_DETERMINERS.test(body)) return { text: body.replace(JA_DETERMINERS, `${subject}の`), subject };
  if (JA_PRONOUNS.test(body)) return { text: body.replace(JA_PRONOUNS, subject), subject };
  if (subjectWords(body).length === 0) {
    const ended = body.match(/[?？。.!！]+$/u)?.[0] ?? "";
    const core = body.slice(0, body.length - ended.length).trimEnd();
    const japanese = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(core);
    return { text: japanese ? `${subject} ${core}${ended}` : `${core} ${subject}${ended}`, subject };
  }
  return { text: asked, subject: null };
}
