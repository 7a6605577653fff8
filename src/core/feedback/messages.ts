import type { Locale } from "../i18n.js";

/** The bot's words about feedback, the gaps report, reloading notes and the command of the day. */
const MESSAGES = {
  helpful: { en: "👍 Helpful", ja: "👍 役に立った" },
  notHelpful: { en: "👎 Not helpful", ja: "👎 役に立たなかった" },
  thanksUp: { en: "Thanks: noted as helpful.", ja: "ありがとうございます。「役に立った」と記録しました。" },
  thanksDown: {
    en: "Thanks: noted as not helpful. What was wrong with it? (optional)",
    ja: "ありがとうございます。「役に立たなかった」と記録しました。理由を選べます (任意)。",
  },
  changedUp: { en: "Your vote is now 👍 helpful.", ja: "評価を 👍 に変更しました。" },
  changedDown: {
    en: "Your vote is now 👎 not helpful. What was wrong with it? (optional)",
    ja: "評価を 👎 に変更しました。理由を選べます (任意)。",
  },
  sameVote: {
    en: "You already voted {vote} on this answer.",
    ja: "この回答にはすでに {vote} と評価済みです。",
  },
  reasonSaved: { en: "Thanks, the reason is noted: {reason}.", ja: "理由を記録しました: {reason}。" },
  reasonNoVote: {
    en: "That reason goes with a 👎 vote, and this answer has none from you now.",
    ja: "理由は 👎 の評価に付けるものですが、この回答への 👎 はありません。",
  },
  reasonWrong: { en: "Wrong", ja: "間違っている" },
  reasonIncomplete: { en: "Incomplete", ja: "足りない" },
  reasonOffTopic: { en: "Not what I asked", ja: "質問とずれている" },
  reasonOutdated: { en: "Outdated", ja: "古い" },
  requestNote: { en: "📝 Request a note", ja: "📝 ノートをリクエスト" },
  requested: {
    en: "Thanks: the question is on the list of what to write next in the notes.",
    ja: "ありがとうございます。ノートに書くべきことのリストに追加しました。",
  },
  requestedAlready: {
    en: "You requested a note on this already; it is on the list.",
    ja: "このリクエストはすでに受け付けています。",
  },
  gapsTitle: { en: "What to write next in the notes", ja: "次にノートに書くべきこと" },
  gapsUncovered: { en: "Questions the notes did not cover", ja: "ノートになかった質問" },
  gapsNoneUncovered: {
    en: "No question went unanswered in the last {days} days.",
    ja: "直近 {days} 日間、ノートで答えられなかった質問はありません。",
  },
  gapsGroup: {
    en: "asked {count}× · {requests} request(s) · last {last}",
    ja: "{count} 回 · リクエスト {requests} 件 · 最終 {last}",
  },
  gapsWorst: { en: "Worst-rated answers", ja: "評価の低い回答" },
  gapsNoneWorst: { en: "No answer got a 👎.", ja: "👎 の付いた回答はありません。" },
  gapsFindings: { en: "Problems in the notes ({count})", ja: "ノートの問題点 ({count} 件)" },
  gapsNoFindings: { en: "The notes doctor found nothing.", ja: "ノート診断で問題は見つかりませんでした。" },
  gapsMoreFindings: { en: "… and {count} more: /tutor doctor", ja: "… ほか {count} 件: /tutor doctor" },
  gapsRefused: {
    en: "The newest notes were not loaded ({at}): a file could not be read. Still answering from the previous notes.",
    ja: "最新のノートを読み込めませんでした ({at})。読めないファイルがあるため、以前のノートで回答しています。",
  },
  reindexed: {
    en: "Reindexed: {files} file(s), {entries} entries, {findings} finding(s) ({ms} ms).",
    ja: "再インデックスしました: {files} ファイル、{entries} 項目、問題 {findings} 件 ({ms} ms)。",
  },
  reindexUnchanged: {
    en: "The notes have not changed: {files} file(s), {entries} entries.",
    ja: "ノートに変更はありません: {files} ファイル、{entries} 項目。",
  },
  reindexRejected: {
    en: "Not reindexed: a file cannot be read, so I keep answering from the previous notes.",
    ja: "再インデックスしませんでした。読めないファイルがあるため、以前のノートで回答を続けます。",
  },
  commandOfDayTitle: { en: "Command of the day: {command}", ja: "今日のコマンド: {command}" },
  commandOfDaySet: {
    en: "A command of the day will be posted here every day at {time} ({timezone}){topic}.",
    ja: "毎日 {time} ({timezone}) にこのチャンネルで今日のコマンドを投稿します{topic}。",
  },
  commandOfDayNone: {
    en: "The notes hold no command to post as the command of the day.",
    ja: "今日のコマンドとして投稿できるコマンドがノートにありません。",
  },
} as const;

export type FeedbackMessage = keyof typeof MESSAGES;

/** A fixed text of these features in the given locale, with `{name}` placeholders filled in. */
export function say(
  locale: Locale,
  key: FeedbackMessage,
  params: Record<string, string | number> = {},
): string {
  const template: string = MESSAGES[key][locale];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
