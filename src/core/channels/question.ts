/**
 * Whether a message posted in a channel (without a mention) reads as a question to the bot: it ends with a
 * question mark (`?`, `？`) or with the Japanese question particle か (also before 。 or ！), or it
 * starts with a question word. Chatter ("thanks", "lgtm", "了解です") is not a question and is left alone.
 */

/** English openers of a question (first word, lower case). */
const EN_QUESTION_WORDS = new Set([
  "what",
  "what's",
  "whats",
  "how",
  "how's",
  "why",
  "when",
  "where",
  "which",
  "who",
  "whose",
  "can",
  "could",
  "should",
  "is",
  "are",
  "does",
  "do",
  "did",
  "will",
  "would",
  "explain",
]);

/** Japanese openers of a question (the text starts with one). */
const JA_QUESTION_OPENERS = [
  "なぜ",
  "なんで",
  "どうやって",
  "どうすれば",
  "どう",
  "どこ",
  "どれ",
  "いつ",
  "何",
  "なに",
  "誰",
];

/** Japanese endings that ask (after the final punctuation is dropped). */
const JA_QUESTION_ENDINGS = ["か", "かな", "かね", "とは", "には"];

/** Closing characters that do not change whether a line asks: spaces, emoji-free punctuation. */
const TRAILING = /[\s。．.!！、,]+$/u;

export function isQuestion(text: string): boolean {
  const line = text.trim();
  if (line === "") return false;
  if (/[?？]\s*$/u.test(line)) return true;
  const body = line.replace(TRAILING, "");
  if (
    JA_QUESTION_ENDINGS.some((e) => body.endsWith(e)) &&
    /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/u.test(body)
  )
    return true;
  const first = body.split(/\s+/)[0]?.toLowerCase() ?? "";
  if (EN_QUESTION_WORDS.has(first) && body.split(/\s+/).length > 1) return true;
  return JA_QUESTION_OPENERS.some((w) => body.startsWith(w));
}
